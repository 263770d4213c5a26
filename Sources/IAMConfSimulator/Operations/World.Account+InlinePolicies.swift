import IAMConfBackend

/// Inline policies embedded in users, groups and roles. Put replaces a policy of the same name.
/// https://docs.aws.amazon.com/IAM/latest/APIReference/API_PutUserPolicy.html
extension World.Account {
    /// Size quotas for inline policies (whitespace not counted): the total of an identity's inline
    /// policies may not pass these.
    /// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html#reference_iam-quotas-entity-length
    static func inlineSizeLimit(_ kind: IdentityKind) -> Int {
        switch kind {
        case .user: return 2048
        case .group: return 5120
        case .role: return 10240
        }
    }

    mutating func putInlinePolicy(
        _ kind: IdentityKind, name: String, policyName: String, document: String
    ) throws(BackendError) -> IAMResponse {
        try InputRules.checkName(policyName, field: "policyName", maxLength: 128)
        let key = name.lowercased()
        switch kind {
        case .user:
            var user = try existingUser(name)
            try Self.put(kind, owner: user.name, policyName, document, into: &user.inlinePolicies)
            users[key] = user
        case .group:
            var group = try existingGroup(name)
            try Self.put(kind, owner: group.name, policyName, document, into: &group.inlinePolicies)
            groups[key] = group
        case .role:
            var role = try modifiableRole(name)
            try Self.put(kind, owner: role.name, policyName, document, into: &role.inlinePolicies)
            roles[key] = role
        }
        return IAMResponse()
    }

    private static func put(
        _ kind: IdentityKind, owner: String, _ policyName: String, _ document: String, into policies: inout [String: String]
    ) throws(BackendError) {
        let others = policies.filter { $0.key != policyName }.values.reduce(0) { $0 + PolicyDocumentCheck.countedSize($1) }
        let limit = inlineSizeLimit(kind)
        guard others + PolicyDocumentCheck.countedSize(document) <= limit else {
            throw IAMErrors.limitExceeded("Maximum policy size of \(limit) bytes exceeded for \(kind.rawValue) \(owner)")
        }
        try PolicyDocumentCheck.check(document, kind: .identity)
        policies[policyName] = document
    }

    mutating func deleteInlinePolicy(_ kind: IdentityKind, name: String, policyName: String) throws(BackendError) -> IAMResponse {
        let key = name.lowercased()
        let missing = IAMErrors.noSuchEntity("\(kind.rawValue) policy", name: policyName)
        switch kind {
        case .user:
            var user = try existingUser(name)
            guard user.inlinePolicies.removeValue(forKey: policyName) != nil else { throw missing }
            users[key] = user
        case .group:
            var group = try existingGroup(name)
            guard group.inlinePolicies.removeValue(forKey: policyName) != nil else { throw missing }
            groups[key] = group
        case .role:
            var role = try modifiableRole(name)
            guard role.inlinePolicies.removeValue(forKey: policyName) != nil else { throw missing }
            roles[key] = role
        }
        return IAMResponse()
    }
}
