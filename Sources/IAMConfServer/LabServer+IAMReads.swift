import IAMConfPolicy
import IAMConfSimulator

/// IAM's read calls, answered from the world as it is now.
extension LabServer {
    /// The answer to a read action, or nil when `action` is not a read this server knows.
    func iamRead(
        _ action: String, _ p: QueryParameters, caller: CallerIdentity, request: ServerRequest
    ) async throws(ServiceError) -> String? {
        guard Self.readActions.contains(action) || Self.refreshReadActions.contains(action) || Self.policyListActions.contains(action)
            || action == "GetAccountAuthorizationDetails"
        else {
            return nil
        }
        let world = await world.account(caller.account) ?? World.Account(id: caller.account)
        let listResource = { (type: String) in "arn:aws:iam::\(caller.account):\(type)/" }
        func authorize(_ resource: String) async throws(ServiceError) {
            try await self.authorize(caller, action: "iam:\(action)", resource: resource, request: request)
        }
        if Self.refreshReadActions.contains(action) { return try await refreshRead(action, p, world: world, authorize: authorize) }
        if Self.policyListActions.contains(action) { return try await policyListRead(action, p, world: world, authorize: authorize) }
        if action == "GetAccountAuthorizationDetails" {
            // The action takes no resource type: the request's resource is "*".
            try await authorize("*")
            return try authorizationDetails(p, world: world)
        }
        switch action {
        case "GetUser":
            // Without UserName, the user who signed the request (AWS: "defaults to the user making the request").
            let name = try Self.userName(p, caller)
            let user = try Self.found(world.user(named: name), "user", name)
            try await authorize(user.arn)
            return "<User>" + IAMXML.user(user) + "</User>"
        case "ListUsers":
            try await authorize(listResource("user"))
            let users = world.users.values.filter { $0.path.hasPrefix(p["PathPrefix"] ?? "/") }.sorted { $0.name < $1.name }
            let page = try IAMXML.page(users, parameters: p)
            return "<Users>" + page.items.map { "<member>" + IAMXML.user($0) + "</member>" }.joined() + "</Users>" + page.trailer
        case "GetRole":
            let name = try p.required("RoleName")
            let role = try Self.found(world.role(named: name), "role", name)
            try await authorize(role.arn)
            return "<Role>" + IAMXML.role(role) + "</Role>"
        case "ListRoles":
            try await authorize(listResource("role"))
            let roles = world.roles.values.filter { $0.path.hasPrefix(p["PathPrefix"] ?? "/") }.sorted { $0.name < $1.name }
            let page = try IAMXML.page(roles, parameters: p)
            return "<Roles>" + page.items.map { "<member>" + IAMXML.role($0) + "</member>" }.joined() + "</Roles>" + page.trailer
        case "GetGroup":
            let name = try p.required("GroupName")
            let group = try Self.found(world.group(named: name), "group", name)
            try await authorize(group.arn)
            let members = group.members.compactMap { world.user(named: $0) }
            let page = try IAMXML.page(members, parameters: p)
            return "<Group>" + IAMXML.group(group) + "</Group><Users>"
                + page.items.map { "<member>" + IAMXML.user($0) + "</member>" }.joined() + "</Users>" + page.trailer
        case "ListGroups":
            try await authorize(listResource("group"))
            let groups = world.groups.values.filter { $0.path.hasPrefix(p["PathPrefix"] ?? "/") }.sorted { $0.name < $1.name }
            let page = try IAMXML.page(groups, parameters: p)
            return "<Groups>" + page.items.map { "<member>" + IAMXML.group($0) + "</member>" }.joined() + "</Groups>" + page.trailer
        case "ListGroupsForUser":
            let name = try p.required("UserName")
            let user = try Self.found(world.user(named: name), "user", name)
            try await authorize(user.arn)
            let page = try IAMXML.page(user.groups.compactMap { world.group(named: $0) }, parameters: p)
            return "<Groups>" + page.items.map { "<member>" + IAMXML.group($0) + "</member>" }.joined() + "</Groups>" + page.trailer
        case "ListAttachedUserPolicies":
            let name = try p.required("UserName")
            let user = try Self.found(world.user(named: name), "user", name)
            try await authorize(user.arn)
            let page = try IAMXML.page(user.attachedPolicies, parameters: p)
            return "<AttachedPolicies>" + page.items.map(IAMXML.attachedPolicy).joined() + "</AttachedPolicies>" + page.trailer
        case "ListAttachedRolePolicies":
            let name = try p.required("RoleName")
            let role = try Self.found(world.role(named: name), "role", name)
            try await authorize(role.arn)
            let page = try IAMXML.page(role.attachedPolicies, parameters: p)
            return "<AttachedPolicies>" + page.items.map(IAMXML.attachedPolicy).joined() + "</AttachedPolicies>" + page.trailer
        case "ListAccessKeys":
            let name = try Self.userName(p, caller)
            let user = try Self.found(world.user(named: name), "user", name)
            try await authorize(user.arn)
            let page = try IAMXML.page(user.accessKeys, parameters: p)
            return "<AccessKeyMetadata>"
                + page.items.map {
                    "<member>" + XMLText.element("UserName", user.name) + XMLText.element("AccessKeyId", $0.id)
                        + XMLText.element("Status", $0.status) + XMLText.element("CreateDate", WireTime.text($0.createDate)) + "</member>"
                }.joined() + "</AccessKeyMetadata>" + page.trailer
        case "ListInstanceProfiles":
            try await authorize(listResource("instance-profile"))
            let profiles = world.instanceProfiles.values.filter { $0.path.hasPrefix(p["PathPrefix"] ?? "/") }.sorted { $0.name < $1.name }
            let page = try IAMXML.page(profiles, parameters: p)
            return "<InstanceProfiles>" + page.items.map { "<member>" + IAMXML.instanceProfile($0, roles: world) + "</member>" }.joined()
                + "</InstanceProfiles>" + page.trailer
        case "GetPolicy":
            let arn = try p.required("PolicyArn")
            if world.policy(arn: arn) == nil, let managed = ManagedPolicyCatalog.shared.policy(arn: arn) {
                // AWS managed policies exist in every account (the catalog iamconf carries).
                try await authorize(managed.arn)
                return "<Policy>" + XMLText.element("PolicyName", managed.name) + XMLText.element("Arn", managed.arn)
                    + XMLText.element("Path", managed.path) + XMLText.element("DefaultVersionId", managed.defaultVersionID)
                    + XMLText.element("IsAttachable", "true") + "</Policy>"
            }
            let policy = try Self.found(world.policy(arn: arn), "policy", arn)
            try await authorize(policy.arn)
            return "<Policy>" + IAMXML.policy(policy) + "</Policy>"
        default:
            return nil
        }
    }

    static let readActions: Set<String> = [
        "GetUser", "ListUsers", "GetRole", "ListRoles", "GetGroup", "ListGroups", "ListGroupsForUser", "ListAttachedUserPolicies",
        "ListAttachedRolePolicies", "ListAccessKeys", "GetPolicy", "ListInstanceProfiles",
    ]

    /// `UserName`, or the signing user's own name when it is left out.
    static func userName(_ p: QueryParameters, _ caller: CallerIdentity) throws(ServiceError) -> String {
        if let name = p["UserName"] { return name }
        guard case .user = caller.kind, let name = caller.arn.split(separator: "/").last else {
            throw .validation("Must specify userName when calling with non-User credentials")
        }
        return String(name)
    }

    /// IAM's NoSuchEntity answer: "The user with name X cannot be found."
    static func found<T>(_ value: T?, _ kind: String, _ name: String) throws(ServiceError) -> T {
        guard let value else {
            let message = kind == "policy" ? "Policy \(name) does not exist or is not attachable." : "The \(kind) with name \(name) cannot be found."
            throw ServiceError("NoSuchEntity", message, status: 404)
        }
        return value
    }
}
