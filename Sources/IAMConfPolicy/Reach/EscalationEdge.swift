/// One step of a privilege-escalation path: `from` gains the access of `to` (another principal, or
/// administrator-equivalent access itself) by the IAM calls of `method`.
public struct EscalationEdge: Sendable, Hashable {
    public enum Target: Sendable, Hashable {
        case principal(ReachPrincipal)
        /// Administrator-equivalent access (see `AdministratorEquivalence`), gained by changing
        /// what `from` itself (or `subject`) may do.
        case administrator
    }

    public var from: ReachPrincipal
    public var to: Target
    public var method: EscalationMethod
    /// What the calls change, when it is not `to`: the policy rewritten, the group joined, the role
    /// given a policy before assuming it.
    public var subject: String?
    /// The requests of the step, each decided by the engine, with the statements that allow them.
    public var grants: [ReachStep]
    /// Everything the step needs (from every grant).
    public var conditions: [ReachCondition]
    var fromIndex: Int
    /// Nil for `.administrator`.
    var toIndex: Int?

    init(from: Int, to: Int?, method: EscalationMethod, subject: String? = nil, grants: [ReachStep], in directory: PrincipalDirectory) {
        self.from = directory.principals[from]
        self.to = to.map { .principal(directory.principals[$0]) } ?? .administrator
        self.method = method
        self.subject = subject
        self.grants = grants
        conditions = grants.reduce([]) { $0.merged(with: $1.conditions) }
        fromIndex = from
        toIndex = to
    }

    /// How answers name where the step leads.
    public var targetName: String {
        switch to {
        case let .principal(principal): return principal.name
        case .administrator: return "administrator-equivalent access"
        }
    }
}

/// A principal that already has administrator-equivalent access, and the request that shows it.
public struct Administrator: Sendable, Hashable {
    public var principal: ReachPrincipal
    /// `*` on `*`, decided by the engine (conditional when only with MFA, say).
    public var access: ReachStep
}

/// A chain of escalation edges from a principal that is not an administrator to
/// administrator-equivalent access (an administrator principal, or the access itself).
public struct EscalationPath: Sendable, Hashable {
    public var principal: ReachPrincipal
    public var edges: [EscalationEdge]
    /// The administrator the path ends at, when it ends at a principal rather than by changing one.
    public var administrator: Administrator?
    /// Everything the path needs, from every edge (and the administrator's own access).
    public var conditions: [ReachCondition] {
        edges.reduce(administrator?.access.conditions ?? []) { $0.merged(with: $1.conditions) }
    }
}

/// What `iamconf paths` reports: the trust graph, who is an administrator, and who can become one.
public struct EscalationReport: Sendable, Hashable {
    public var trustEdges: [TrustEdge]
    public var administrators: [Administrator]
    /// Every escalation edge found (assume-role edges between users and roles included).
    public var edges: [EscalationEdge]
    /// One path per principal that can escalate, the shortest.
    public var paths: [EscalationPath]
    public var notes: [String]

    public var hasEscalation: Bool { !paths.isEmpty }
}
