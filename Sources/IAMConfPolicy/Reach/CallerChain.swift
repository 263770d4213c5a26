/// One answer to who-can: a principal, the roles it assumes on the way (none when it acts itself),
/// and the request the last one makes.
public struct CallerChain: Sendable, Hashable {
    public var principal: ReachPrincipal
    /// The assume-role hops in order; the first leaves `principal`.
    public var hops: [TrustEdge]
    /// The request itself, made by the last principal of the chain.
    public var request: ReachStep
    /// Everything the chain needs, from every hop and the request (empty: allowed as asked).
    public var conditions: [ReachCondition]

    public init(principal: ReachPrincipal, hops: [TrustEdge], request: ReachStep) {
        self.principal = principal
        self.hops = hops
        self.request = request
        conditions = hops.reduce(request.conditions) { $0.merged(with: $1.conditions) }
    }

    /// The principal that makes the request: the last role of the chain, or `principal`.
    public var actor: ReachPrincipal { hops.last?.to ?? principal }

    public var isConditional: Bool { !conditions.isEmpty }
}

/// Every principal that may perform one action on one resource.
public struct WhoCanAnswer: Sendable, Hashable {
    public var action: String
    public var resource: String
    /// Direct answers first, then by chain length, then by name.
    public var callers: [CallerChain]
    public var notes: [String]
}
