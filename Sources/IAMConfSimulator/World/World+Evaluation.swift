/// One policy that applies to a principal, gathered for the policy engine.
public struct AppliedPolicy: Sendable, Hashable {
    public enum Source: Sendable, Hashable {
        /// Embedded in a user, group or role (`kind` is `user`, `group` or `role`).
        case inline(kind: String, owner: String, name: String)
        /// A managed policy attached to the principal or one of its groups.
        case managed(arn: String)
    }

    public var source: Source
    /// The document as stored; nil for an AWS managed policy, whose document is in the catalog.
    public var document: String?

    /// A stable id for decisions to refer to: `user/alice/inline/AllowS3`, or the policy ARN.
    public var id: String {
        switch source {
        case let .inline(kind, owner, name): return "\(kind)/\(owner)/inline/\(name)"
        case let .managed(arn): return arn
        }
    }
}

/// What applies to each principal, so "what was applied" can be evaluated from a snapshot.
extension World.Account {
    /// The default version's document of a customer managed policy of this account; nil for an AWS
    /// managed policy or an unknown ARN.
    public func managedPolicyDocument(_ arn: String) -> String? {
        policy(arn: arn)?.defaultDocument
    }

    /// The user's identity policies: its own inline and attached policies, then each group's, in
    /// the order the user joined the groups. Nil when there is no such user.
    public func identityPolicies(ofUser name: String) -> [AppliedPolicy]? {
        guard let user = user(named: name) else { return nil }
        var result = inline("user", user.name, user.inlinePolicies) + managed(user.attachedPolicies)
        for groupName in user.groups {
            guard let group = group(named: groupName) else { continue }
            result += inline("group", group.name, group.inlinePolicies) + managed(group.attachedPolicies)
        }
        return result
    }

    /// The role's inline and attached policies. Nil when there is no such role.
    public func identityPolicies(ofRole name: String) -> [AppliedPolicy]? {
        guard let role = role(named: name) else { return nil }
        return inline("role", role.name, role.inlinePolicies) + managed(role.attachedPolicies)
    }

    /// The permissions boundary of a user or role, if it has one.
    public func permissionsBoundary(ofUser name: String) -> AppliedPolicy? {
        user(named: name)?.permissionsBoundary.map { AppliedPolicy(source: .managed(arn: $0), document: managedPolicyDocument($0)) }
    }

    public func permissionsBoundary(ofRole name: String) -> AppliedPolicy? {
        role(named: name)?.permissionsBoundary.map { AppliedPolicy(source: .managed(arn: $0), document: managedPolicyDocument($0)) }
    }

    private func inline(_ kind: String, _ owner: String, _ policies: [String: String]) -> [AppliedPolicy] {
        policies.sorted { $0.key < $1.key }.map {
            AppliedPolicy(source: .inline(kind: kind, owner: owner, name: $0.key), document: $0.value)
        }
    }

    private func managed(_ arns: [String]) -> [AppliedPolicy] {
        arns.map { AppliedPolicy(source: .managed(arn: $0), document: managedPolicyDocument($0)) }
    }
}
