/// One "can become" edge of the trust graph: `from` may assume the role `to`.
///
/// Decided by the policy engine as `check` would decide the hop: the caller's identity side (for
/// IAM principals), the role's trust policy, same- and cross-account rules, boundaries and denies.
public struct TrustEdge: Sendable, Hashable {
    public var from: ReachPrincipal
    public var to: ReachPrincipal
    /// `sts:AssumeRole`, or `sts:AssumeRoleWithWebIdentity` / `sts:AssumeRoleWithSAML` for a provider.
    public var action: String
    /// The decided request, with the statements that allow it and what it needs.
    public var hop: ReachStep
    /// Indexes into `TrustGraph.principals`.
    var fromIndex: Int
    var toIndex: Int

    public var conditions: [ReachCondition] { hop.conditions }
    public var reasons: [AccessReason] { hop.reasons }
}
