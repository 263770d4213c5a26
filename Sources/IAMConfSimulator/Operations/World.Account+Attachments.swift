import IAMConfBackend

/// Which kind of identity a policy is attached to or embedded in.
enum IdentityKind: String {
    case user, group, role
}

/// Managed policy attachments on users, groups and roles.
/// https://docs.aws.amazon.com/IAM/latest/APIReference/API_AttachUserPolicy.html
extension World.Account {
    /// Attaching is idempotent; at most ten managed policies per identity.
    mutating func attachPolicy(
        _ kind: IdentityKind, name: String, arn: String, _ env: OperationEnvironment
    ) throws(BackendError) -> IAMResponse {
        try requireManagedPolicy(arn, env)
        let key = name.lowercased()
        let added: Bool
        switch kind {
        case .user:
            var user = try existingUser(name)
            added = try Self.add(arn, to: &user.attachedPolicies, env, quota: "PoliciesPerUser")
            users[key] = user
        case .group:
            var group = try existingGroup(name)
            added = try Self.add(arn, to: &group.attachedPolicies, env, quota: "PoliciesPerGroup")
            groups[key] = group
        case .role:
            var role = try modifiableRole(name)
            added = try Self.add(arn, to: &role.attachedPolicies, env, quota: "PoliciesPerRole")
            roles[key] = role
        }
        if added { countPolicyUse(arn, attachments: 1) }
        return IAMResponse(arn: arn)
    }

    private static func add(
        _ arn: String, to list: inout [String], _ env: OperationEnvironment, quota: String
    ) throws(BackendError) -> Bool {
        guard !list.contains(arn) else { return false }
        try env.checkQuota(list.count, env.limits.managedPoliciesPerIdentity, quota)
        list.append(arn)
        return true
    }

    mutating func detachPolicy(_ kind: IdentityKind, name: String, arn: String) throws(BackendError) -> IAMResponse {
        _ = try InputRules.checkPolicyARN(arn)
        let key = name.lowercased()
        switch kind {
        case .user:
            var user = try existingUser(name)
            try Self.remove(arn, from: &user.attachedPolicies)
            users[key] = user
        case .group:
            var group = try existingGroup(name)
            try Self.remove(arn, from: &group.attachedPolicies)
            groups[key] = group
        case .role:
            var role = try modifiableRole(name)
            try Self.remove(arn, from: &role.attachedPolicies)
            roles[key] = role
        }
        countPolicyUse(arn, attachments: -1)
        return IAMResponse(arn: arn)
    }

    private static func remove(_ arn: String, from list: inout [String]) throws(BackendError) {
        guard let index = list.firstIndex(of: arn) else { throw IAMErrors.policyNotFound(arn) }
        list.remove(at: index)
    }
}
