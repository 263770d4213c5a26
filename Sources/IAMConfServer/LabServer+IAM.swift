import IAMConfBackend
import IAMConfCore
import IAMConfQueryAPI
import IAMConfSimulator

/// The IAM Query API over the simulator, in the caller's account: reads answer from the world,
/// writes go through the simulator's operations (so IAM's names, limits and errors apply), and
/// each call is first authorized as `iam:ACTION` on the resource ARN AWS uses.
extension LabServer {
    func performIAM(
        action: String, parameters: QueryParameters, caller: CallerIdentity, request: ServerRequest
    ) async throws(ServiceError) -> String {
        let account = caller.account
        if let read = try await iamRead(action, parameters, caller: caller, request: request) { return read }
        guard let (iamRequest, resource) = try Self.iamWrite(action, parameters, account: account) else {
            throw .invalidAction(action)
        }
        try await authorize(caller, action: "iam:\(action)", resource: await existingARN(resource, in: account), request: request)
        let response: IAMResponse
        do {
            response = try await simulator.perform(iamRequest, in: account)
        } catch {
            throw Self.serviceError(error)
        }
        worldChanged()
        return try await writeResult(iamRequest, response: response, account: account)
    }

    /// The answer's result element for a write: the created entity, or nothing.
    private func writeResult(_ request: IAMRequest, response: IAMResponse, account: String) async throws(ServiceError) -> String {
        let world = await world.account(account)
        switch request {
        case let .createUser(name, _, _, _):
            return "<User>" + (world?.user(named: name).map(IAMXML.user) ?? "") + "</User>"
        case let .createGroup(name, _):
            return "<Group>" + (world?.group(named: name).map(IAMXML.group) ?? "") + "</Group>"
        case let .createRole(name, _, _, _, _, _, _):
            return "<Role>" + (world?.role(named: name).map(IAMXML.role) ?? "") + "</Role>"
        case .createPolicy:
            return "<Policy>" + (response.arn.flatMap { world?.policy(arn: $0) }.map(IAMXML.policy) ?? "") + "</Policy>"
        case let .createAccessKey(userName):
            guard let keyID = response.accessKeyID, let secret = response.secretAccessKey, let user = world?.user(named: userName) else {
                throw .internalFailure("the simulator made no access key")
            }
            // The new key signs requests at once, as on AWS.
            register(
                ServerCredential(
                    accessKeyID: keyID, secretAccessKey: secret,
                    identity: CallerIdentity(kind: .user, arn: user.arn, account: account, userID: user.uniqueID)))
            return "<AccessKey>" + XMLText.element("UserName", user.name) + XMLText.element("AccessKeyId", keyID)
                + XMLText.element("Status", "Active") + XMLText.element("SecretAccessKey", secret)
                + XMLText.element("CreateDate", WireTime.text(response.createDate ?? options.clock())) + "</AccessKey>"
        default:
            return ""
        }
    }

    /// The writes decoded so far, with the resource ARN AWS authorizes them on.
    static func iamWrite(_ action: String, _ p: QueryParameters, account: String) throws(ServiceError) -> (IAMRequest, String)? {
        func arn(_ type: String, _ path: String?, _ name: String) -> String { "arn:aws:iam::\(account):\(type)\(path ?? "/")\(name)" }
        switch action {
        case "CreateUser":
            let name = try p.required("UserName")
            return (.createUser(name: name, path: p["Path"] ?? "/", tags: p.tags(), permissionsBoundary: p["PermissionsBoundary"]),
                    arn("user", p["Path"], name))
        case "DeleteUser":
            let name = try p.required("UserName")
            return (.deleteUser(name: name), arn("user", nil, name))
        case "TagUser":
            let name = try p.required("UserName")
            return (.tagUser(name: name, tags: p.tags()), arn("user", nil, name))
        case "CreateAccessKey":
            let name = try p.required("UserName")
            return (.createAccessKey(userName: name), arn("user", nil, name))
        case "DeleteAccessKey":
            let name = try p.required("UserName")
            return (.deleteAccessKey(userName: name, accessKeyID: try p.required("AccessKeyId")), arn("user", nil, name))
        case "CreateGroup":
            let name = try p.required("GroupName")
            return (.createGroup(name: name, path: p["Path"] ?? "/"), arn("group", p["Path"], name))
        case "DeleteGroup":
            let name = try p.required("GroupName")
            return (.deleteGroup(name: name), arn("group", nil, name))
        case "AddUserToGroup", "RemoveUserFromGroup":
            let group = try p.required("GroupName")
            let user = try p.required("UserName")
            let request: IAMRequest = action == "AddUserToGroup"
                ? .addUserToGroup(groupName: group, userName: user) : .removeUserFromGroup(groupName: group, userName: user)
            return (request, arn("group", nil, group))
        case "CreateRole":
            let name = try p.required("RoleName")
            let maxSession = Int(p["MaxSessionDuration"] ?? "3600") ?? 0
            return (.createRole(
                name: name, path: p["Path"] ?? "/", trustPolicy: try p.required("AssumeRolePolicyDocument"), description: p["Description"],
                maxSessionDuration: maxSession, tags: p.tags(), permissionsBoundary: p["PermissionsBoundary"]), arn("role", p["Path"], name))
        case "DeleteRole":
            let name = try p.required("RoleName")
            return (.deleteRole(name: name), arn("role", nil, name))
        case "CreatePolicy":
            let name = try p.required("PolicyName")
            return (.createPolicy(
                name: name, path: p["Path"] ?? "/", description: p["Description"], document: try p.required("PolicyDocument"), tags: p.tags()),
                arn("policy", p["Path"], name))
        case "DeletePolicy":
            let policy = try p.required("PolicyArn")
            return (.deletePolicy(arn: policy), policy)
        case "AttachUserPolicy", "DetachUserPolicy":
            let user = try p.required("UserName")
            let policy = try p.required("PolicyArn")
            let request: IAMRequest = action == "AttachUserPolicy"
                ? .attachUserPolicy(userName: user, policyARN: policy) : .detachUserPolicy(userName: user, policyARN: policy)
            return (request, arn("user", nil, user))
        case "AttachRolePolicy", "DetachRolePolicy":
            let role = try p.required("RoleName")
            let policy = try p.required("PolicyArn")
            let request: IAMRequest = action == "AttachRolePolicy"
                ? .attachRolePolicy(roleName: role, policyARN: policy) : .detachRolePolicy(roleName: role, policyARN: policy)
            return (request, arn("role", nil, role))
        case "PutUserPolicy":
            let user = try p.required("UserName")
            return (.putUserPolicy(userName: user, policyName: try p.required("PolicyName"), document: try p.required("PolicyDocument")),
                    arn("user", nil, user))
        case "DeleteUserPolicy":
            let user = try p.required("UserName")
            return (.deleteUserPolicy(userName: user, policyName: try p.required("PolicyName")), arn("user", nil, user))
        case "PutRolePolicy":
            let role = try p.required("RoleName")
            return (.putRolePolicy(roleName: role, policyName: try p.required("PolicyName"), document: try p.required("PolicyDocument")),
                    arn("role", nil, role))
        case "DeleteRolePolicy":
            let role = try p.required("RoleName")
            return (.deleteRolePolicy(roleName: role, policyName: try p.required("PolicyName")), arn("role", nil, role))
        default:
            return nil
        }
    }

    /// A request names users, groups and roles without their path; AWS authorizes on the entity's
    /// full ARN (`user/engineering/alice`), so an existing entity's ARN replaces the path-less one.
    private func existingARN(_ arn: String, in account: String) async -> String {
        let resource = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false).last ?? ""
        let parts = resource.split(separator: "/")
        guard parts.count == 2, let world = await world.account(account) else { return arn }
        let name = String(parts[1])
        switch parts[0] {
        case "user": return world.user(named: name)?.arn ?? arn
        case "group": return world.group(named: name)?.arn ?? arn
        case "role": return world.role(named: name)?.arn ?? arn
        default: return arn
        }
    }

    /// IAM's error answer for a simulator error, with the statuses AWS uses.
    static func serviceError(_ error: BackendError) -> ServiceError {
        switch error.code {
        case .noSuchEntity: return ServiceError(error.rawCode, error.message, status: 404)
        case .entityAlreadyExists, .deleteConflict, .limitExceeded: return ServiceError(error.rawCode, error.message, status: 409)
        case .serviceFailure, .storage, .transport, .other: return ServiceError("ServiceFailure", error.message, status: 500, type: "Receiver")
        default: return ServiceError(error.rawCode, error.message, status: 400)
        }
    }
}
