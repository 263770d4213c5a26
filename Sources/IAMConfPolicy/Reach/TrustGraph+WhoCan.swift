import IAMConfCore

/// Who can perform an action on a resource, directly or through chains of role assumption.
extension TrustGraph {
    /// Every principal allowed `action` on `resource` by the policy engine, each with the shortest
    /// chain of roles that gets it there (unconditional hops preferred), at most
    /// `maximumChainLength` hops. Cycles in the trust graph are walked once.
    public func whoCan(action: String, resource: String) throws(AccessError) -> WhoCanAnswer {
        try AccessAnalyzer.checkAction(action)
        try AccessAnalyzer.checkResource(resource)
        var notes: [String] = []
        let target = directory.analyzer.target(action: action, resource: resource, notes: &notes)
        let direct = directAnswers(action: action, resource: resource, target: target)
        var chains = direct.keys.sorted().compactMap { index in
            direct[index].map { CallerChain(principal: directory.principals[index], hops: [], request: $0) }
        }
        chains += chainsThroughRoles(to: direct)
        chains.sort { lhs, rhs in
            if lhs.hops.count != rhs.hops.count { return lhs.hops.count < rhs.hops.count }
            return lhs.principal.name < rhs.principal.name
        }
        return WhoCanAnswer(action: action, resource: resource, callers: chains, notes: self.notes + notes)
    }

    /// The principals the engine allows the request itself, screened first.
    private func directAnswers(action: String, resource: String, target: AccessAnalyzer.ResourceTarget) -> [Int: ReachStep] {
        let identityMay = directory.callersMayAllowSomewhere(action)
        let relaxedResourcePolicy = target.policy.map { PolicyRelaxation.allowsWithoutConditions($0.compiled, anyResource: false) }
        var out: [Int: ReachStep] = [:]
        let isAssumeRole = AccessAnalyzer.isAssumeRole(action)
        for index in directory.principals.indices {
            let principal = directory.principals[index]
            // STS refuses root credentials for AssumeRole, whatever the trust policy says (as in the trust graph).
            if isAssumeRole, principal.kind == .accountRoot { continue }
            var worthAsking: Bool
            switch principal.kind {
            case .accountRoot:
                worthAsking = true
            case .user, .role:
                worthAsking = identityMay[index] && directory.mayAllow(index, action, resource)
            default:
                worthAsking = false
            }
            if !worthAsking, let relaxedResourcePolicy {
                worthAsking = directory.mayBeGranted(index, by: relaxedResourcePolicy, action: action, resource: resource)
            }
            guard worthAsking else { continue }
            out[index] = directory.reach(index, action: action, resource: resource, target: target)
        }
        return out
    }

    /// Breadth first from the principals that can act, backwards along trust edges: each principal
    /// is reached first by its shortest chain; within one length, hops without conditions come first.
    private func chainsThroughRoles(to direct: [Int: ReachStep]) -> [CallerChain] {
        var next: [Int: TrustEdge] = [:]
        var needsMFA: [Int: Bool] = [:]
        for (index, step) in direct { needsMFA[index] = step.conditions.contains(where: \.isMultiFactorAuthentication) }
        var frontier = direct.keys.sorted()
        var depth = 0
        while !frontier.isEmpty, depth < Self.maximumChainLength {
            depth += 1
            var reached: [Int] = []
            for index in frontier {
                let ordered = edges(to: index).sorted { ($0.isConditional ? 1 : 0, $0.from.name) < ($1.isConditional ? 1 : 0, $1.from.name) }
                for edge in ordered where needsMFA[edge.fromIndex] == nil {
                    let mfa = (needsMFA[index] ?? false) || edge.conditions.contains(where: \.isMultiFactorAuthentication)
                    // A chain that needs MFA cannot start at a service or an identity provider.
                    if mfa, !edge.from.canUseMFA { continue }
                    needsMFA[edge.fromIndex] = mfa
                    next[edge.fromIndex] = edge
                    reached.append(edge.fromIndex)
                }
            }
            frontier = reached.sorted()
        }
        return next.keys.sorted().compactMap { start in
            var hops: [TrustEdge] = []
            var at = start
            while let edge = next[at] {
                hops.append(edge)
                at = edge.toIndex
            }
            return direct[at].map { CallerChain(principal: directory.principals[start], hops: hops, request: $0) }
        }
    }
}

extension TrustEdge {
    public var isConditional: Bool { hop.isConditional }
}
