import IAMConfCore

/// Who can become whom: every principal of a configuration (and those its policies name), and an
/// edge wherever one may assume a role, across accounts.
///
/// Candidates for an edge come from the trust policy (a role trusts only what it names: a principal,
/// its account, a service, a provider or `*`); each is then decided by the policy engine through
/// `AccessAnalyzer`, as `check --assume` would decide the hop. Roots of configured accounts have no
/// edges: STS refuses root credentials for AssumeRole. Pure: no I/O, no clock (the analyzer's `now`).
public struct TrustGraph: Sendable {
    /// Every principal, in configuration order, then those only named by policies.
    public var principals: [ReachPrincipal] { directory.principals }
    public private(set) var edges: [TrustEdge] = []
    /// Things worth knowing (a policy that could not be read and was left out).
    public var notes: [String] { directory.notes }

    /// AWS lets role chaining go on without a limit (each chained session lasts at most one hour);
    /// answers follow at most this many hops, which no real chain comes near.
    public static let maximumChainLength = 10

    let directory: PrincipalDirectory
    /// Edge indexes by the principal they leave, and by the role they reach.
    private(set) var outgoing: [[Int]] = []
    private(set) var incoming: [[Int]] = []

    public init(analyzer: AccessAnalyzer) {
        directory = PrincipalDirectory(analyzer: analyzer)
        outgoing = Array(repeating: [], count: directory.principals.count)
        incoming = outgoing
        for role in directory.trustTargets.keys.sorted() {
            for candidate in candidates(for: role) {
                guard let hop = assume(candidate, role) else { continue }
                outgoing[candidate].append(edges.count)
                incoming[role].append(edges.count)
                edges.append(TrustEdge(
                    from: directory.principals[candidate], to: directory.principals[role], action: hop.step.action, hop: hop,
                    fromIndex: candidate, toIndex: role))
            }
        }
    }

    /// The edges that leave a principal, and those that reach it.
    func edges(from index: Int) -> [TrustEdge] { outgoing[index].map { edges[$0] } }
    func edges(to index: Int) -> [TrustEdge] { incoming[index].map { edges[$0] } }

    /// The principals the role's trust policy names, directly, through their account, or as `*`.
    private func candidates(for role: Int) -> [Int] {
        guard let policy = directory.trustTargets[role]?.policy else { return [] }
        var out = Set<Int>()
        var everyone: [Int] { directory.principals.indices.filter { directory.principals[$0].kind != .accountRoot } }
        for statement in policy.compiled.statements where statement.effect == .allow {
            guard let patterns = statement.principals, !statement.isPrincipalNegated else {
                out.formUnion(everyone)
                continue
            }
            for pattern in patterns {
                switch pattern {
                case .anyone: out.formUnion(everyone)
                case let .account(account):
                    out.formUnion(directory.membersByAccount[account] ?? [])
                    if let outside = directory.indexByARN[ARN.root(account: account).description],
                       directory.principals[outside].kind == .externalAccount { out.insert(outside) }
                case let .arn(arn), let .service(arn), let .federated(arn):
                    if let index = directory.indexByARN[arn], directory.principals[index].kind != .accountRoot { out.insert(index) }
                case .none: break
                }
            }
        }
        out.remove(role)
        return out.sorted()
    }

    /// The hop decided by the engine; screened first when only the caller's identity side could allow it.
    private func assume(_ caller: Int, _ role: Int) -> ReachStep? {
        guard let target = directory.trustTargets[role] else { return nil }
        let principal = directory.principals[caller]
        let action = directory.callers[caller].assumeRoleAction
        let roleARN = directory.principals[role].arn
        if principal.hasKnownIdentitySide, !namesDirectly(target, caller) {
            guard directory.mayAllowSomewhere(caller, action), directory.mayAllow(caller, action, roleARN) else { return nil }
        }
        let session = directory.callers[caller].userName ?? AccessAnalyzer.defaultSessionName
        return directory.reach(caller, action: action, resource: roleARN, target: target, extra: ["sts:RoleSessionName": [session]])
    }

    /// Whether the trust policy names this caller (or, for a session, its role) in the role's own
    /// account: then it may allow without the caller's identity policies.
    private func namesDirectly(_ target: AccessAnalyzer.ResourceTarget, _ caller: Int) -> Bool {
        let principal = directory.callers[caller].principal
        guard principal.account == target.account, let policy = target.policy else { return false }
        return policy.compiled.statements.contains { statement in
            statement.principals?.contains { pattern in
                switch pattern {
                case .anyone: return true
                case let .arn(arn): return arn == principal.arn || arn == principal.roleARN
                default: return false
                }
            } ?? false
        }
    }
}
