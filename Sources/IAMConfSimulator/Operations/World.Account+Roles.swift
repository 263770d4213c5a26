import IAMConfCore
import IAMConfBackend

/// Roles. https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html
extension World.Account {
    /// A role trust policy may be 2,048 characters by default (whitespace not counted).
    static let trustPolicySizeLimit = 2048

    struct RoleSpec {
        var name: String
        var path: String
        var trustPolicy: String
        var description: String?
        var maxSessionDuration: Int
        var tags: [Tag]
        var boundary: String?
    }

    mutating func createRole(_ spec: RoleSpec, _ env: inout OperationEnvironment) throws(BackendError) -> IAMResponse {
        try InputRules.checkName(spec.name, field: "roleName", maxLength: 64)
        try InputRules.checkPath(spec.path)
        try InputRules.checkDescription(spec.description)
        try InputRules.checkMaxSessionDuration(spec.maxSessionDuration)
        try InputRules.checkTags(spec.tags)
        try Self.checkTrustPolicy(spec.trustPolicy)
        guard roles[spec.name.lowercased()] == nil else {
            throw IAMErrors.alreadyExists("Role with name \(spec.name) already exists.")
        }
        try checkTrustPrincipals(spec.trustPolicy, env)
        try env.checkQuota(roles.count, env.limits.rolesPerAccount, "RolesPerAccount")
        if let boundary = spec.boundary { try requireManagedPolicy(boundary, env, field: "permissionsBoundary") }
        let role = World.Role(
            name: spec.name, path: spec.path,
            arn: ARN.iam(account: id, type: "role", path: spec.path, name: spec.name).description,
            uniqueID: env.ids.uniqueID(prefix: "AROA"), createDate: env.now, trustPolicy: spec.trustPolicy,
            description: spec.description, maxSessionDuration: spec.maxSessionDuration,
            tags: InputRules.merge(spec.tags, into: []), permissionsBoundary: spec.boundary)
        if let boundary = spec.boundary { countPolicyUse(boundary, boundaries: 1) }
        roles[spec.name.lowercased()] = role
        return IAMResponse(arn: role.arn, uniqueID: role.uniqueID, createDate: role.createDate)
    }

    static func checkTrustPolicy(_ document: String) throws(BackendError) {
        guard PolicyDocumentCheck.countedSize(document) <= trustPolicySizeLimit else {
            throw IAMErrors.quota("ACLSizePerRole", trustPolicySizeLimit)
        }
        try PolicyDocumentCheck.check(document, kind: .trust)
    }

    /// The users and roles a trust policy names must exist, in this account or another one held.
    func checkTrustPrincipals(_ document: String, _ env: OperationEnvironment) throws(BackendError) {
        try TrustPrincipalCheck.check(document) { $0 == id ? self : env.otherAccounts[$0] }
    }

    func existingRole(_ name: String) throws(BackendError) -> World.Role {
        guard let role = roles[name.lowercased()] else { throw IAMErrors.noSuchEntity("role", name: name) }
        return role
    }

    /// The role, unless AWS owns it (service-linked roles are changed only through their service).
    func modifiableRole(_ name: String) throws(BackendError) -> World.Role {
        let role = try existingRole(name)
        if role.isServiceLinked { throw IAMErrors.unmodifiable(role: role.name) }
        return role
    }

    func getRole(name: String) throws(BackendError) -> IAMResponse {
        let role = try existingRole(name)
        var attributes: [String: JSONValue] = [
            "name": .string(role.name), "path": .string(role.path), "arn": .string(role.arn), "unique_id": .string(role.uniqueID),
            "create_date": AttributeValue.date(role.createDate), "trust_policy": .string(role.trustPolicy),
            "max_session_duration": AttributeValue.number(role.maxSessionDuration), "tags": AttributeValue.tags(role.tags),
            "policies": AttributeValue.list(role.attachedPolicies),
            "inline_policies": AttributeValue.list(role.inlinePolicies.keys.sorted()),
            "instance_profiles": AttributeValue.list(role.instanceProfiles),
        ]
        attributes["description"] = role.description.map(JSONValue.string)
        attributes["permissions_boundary"] = role.permissionsBoundary.map(JSONValue.string)
        attributes["service"] = role.linkedService.map(JSONValue.string)
        return IAMResponse(arn: role.arn, uniqueID: role.uniqueID, createDate: role.createDate, attributes: attributes)
    }

    /// UpdateRole: a nil description leaves it unchanged, an empty one clears it.
    mutating func updateRole(name: String, description: String?, maxSessionDuration: Int) throws(BackendError) -> IAMResponse {
        var role = try existingRole(name)
        try InputRules.checkDescription(description)
        try InputRules.checkMaxSessionDuration(maxSessionDuration)
        if let description { role.description = description.isEmpty ? nil : description }
        role.maxSessionDuration = maxSessionDuration
        roles[name.lowercased()] = role
        return IAMResponse(arn: role.arn)
    }

    mutating func updateAssumeRolePolicy(roleName: String, document: String, _ env: OperationEnvironment) throws(BackendError) -> IAMResponse {
        var role = try modifiableRole(roleName)
        try Self.checkTrustPolicy(document)
        try checkTrustPrincipals(document, env)
        role.trustPolicy = document
        roles[roleName.lowercased()] = role
        return IAMResponse(arn: role.arn)
    }

    /// DeleteRole refuses while policies remain or the role is in an instance profile.
    /// https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteRole.html
    mutating func deleteRole(name: String) throws(BackendError) -> IAMResponse {
        let role = try modifiableRole(name)
        if !role.instanceProfiles.isEmpty {
            throw IAMErrors.deleteConflict("Cannot delete entity, must remove roles from instance profile first.")
        }
        if !role.inlinePolicies.isEmpty { throw IAMErrors.deleteConflict("Cannot delete entity, must delete policies first.") }
        if !role.attachedPolicies.isEmpty {
            throw IAMErrors.deleteConflict("Cannot delete entity, must detach all policies first.")
        }
        if let boundary = role.permissionsBoundary { countPolicyUse(boundary, boundaries: -1) }
        roles[name.lowercased()] = nil
        return IAMResponse(arn: role.arn)
    }

    mutating func tagRole(name: String, tags: [Tag]) throws(BackendError) -> IAMResponse {
        var role = try existingRole(name)
        role.tags = try InputRules.tagged(role.tags, with: tags)
        roles[name.lowercased()] = role
        return IAMResponse(arn: role.arn)
    }

    mutating func untagRole(name: String, keys: [String]) throws(BackendError) -> IAMResponse {
        var role = try existingRole(name)
        role.tags = InputRules.untagged(role.tags, removing: keys)
        roles[name.lowercased()] = role
        return IAMResponse(arn: role.arn)
    }

    mutating func putRoleBoundary(name: String, arn: String, _ env: OperationEnvironment) throws(BackendError) -> IAMResponse {
        var role = try modifiableRole(name)
        try requireManagedPolicy(arn, env, field: "permissionsBoundary")
        if let old = role.permissionsBoundary { countPolicyUse(old, boundaries: -1) }
        countPolicyUse(arn, boundaries: 1)
        role.permissionsBoundary = arn
        roles[name.lowercased()] = role
        return IAMResponse(arn: role.arn)
    }

    mutating func deleteRoleBoundary(name: String) throws(BackendError) -> IAMResponse {
        var role = try modifiableRole(name)
        guard let old = role.permissionsBoundary else {
            throw IAMErrors.noSuchEntity(message: "The role with name \(role.name) does not have a permissions boundary.")
        }
        countPolicyUse(old, boundaries: -1)
        role.permissionsBoundary = nil
        roles[name.lowercased()] = role
        return IAMResponse(arn: role.arn)
    }
}
