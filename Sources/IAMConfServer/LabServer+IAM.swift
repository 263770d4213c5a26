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
        if let answer = try await performMFA(action, parameters, caller: caller, request: request) { return answer }
        if let read = try await iamRead(action, parameters, caller: caller, request: request) { return read }
        guard let (iamRequest, resource) = try IAMWriteRequests.decode(action, parameters, account: account) else {
            throw .invalidAction(action)
        }
        try await authorize(caller, action: "iam:\(action)", resource: await existingARN(resource, in: account), request: request)
        if case let .addRoleToInstanceProfile(_, roleName) = iamRequest {
            // Whoever puts a role in an instance profile hands it to every instance launched with the
            // profile: "The caller of this operation must be granted the PassRole permission on the
            // IAM role" (https://docs.aws.amazon.com/IAM/latest/APIReference/API_AddRoleToInstanceProfile.html).
            let role = await existingARN("arn:aws:iam::\(account):role/\(roleName)", in: account)
            try await authorize(caller, action: "iam:PassRole", resource: role, request: request)
        }
        let response: IAMResponse
        do {
            response = try await simulator.perform(iamRequest, in: account)
        } catch {
            throw Self.serviceError(error)
        }
        worldChanged()
        try await persistChanges()
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
        case .createServiceLinkedRole:
            return "<Role>" + (response.name.flatMap { world?.role(named: $0) }.map(IAMXML.role) ?? "") + "</Role>"
        case let .createPolicyVersion(arn, _, _):
            let version = world?.policy(arn: arn)?.versions.last
            return "<PolicyVersion>" + XMLText.element("VersionId", version?.versionID)
                + XMLText.element("IsDefaultVersion", version.map { $0.versionID == response.defaultVersionID ? "true" : "false" })
                + XMLText.element("CreateDate", version.map { WireTime.text($0.createDate) }) + "</PolicyVersion>"
        case let .createInstanceProfile(name, _, _):
            return "<InstanceProfile>" + (world?.instanceProfile(named: name).map(IAMXML.instanceProfile) ?? "") + "</InstanceProfile>"
        case let .createLoginProfile(userName, reset):
            // The simulator made the password; a real client sent one and keeps it, so none is returned.
            return "<LoginProfile>" + XMLText.element("UserName", world?.user(named: userName)?.name ?? userName)
                + XMLText.element("CreateDate", WireTime.text(response.createDate ?? options.clock()))
                + XMLText.element("PasswordResetRequired", reset ? "true" : "false") + "</LoginProfile>"
        case .createOpenIDConnectProvider:
            return XMLText.element("OpenIDConnectProviderArn", response.arn)
        case .createSAMLProvider:
            return XMLText.element("SAMLProviderArn", response.arn)
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
