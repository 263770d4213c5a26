import IAMConfCore

/// Deciding one request of a chain the way `check` does, and saying what it needs when it is
/// allowed only under a condition.
extension AccessAnalyzer {
    /// The request decided by `evaluate`, first as asked, then with MFA, then with the Conditions of
    /// the statements that would allow it met; nil when none of these allows it.
    ///
    /// An explicit Deny that applies as asked (or with MFA) removes the step: only Allow Conditions
    /// are treated as hurdles that may be cleared, never a Deny.
    func reach(
        _ caller: AccessCaller, canUseMFA: Bool, action: String, resource: String, target: ResourceTarget,
        extra: [String: [String]] = [:]
    ) -> ReachStep? {
        func decide(_ who: AccessCaller, _ on: ResourceTarget) -> AccessStep {
            var notes: [String] = []
            let question = AccessQuestion(principal: who.name, action: action, resource: resource)
            return evaluate(who, kind: .request, action: action, resource: resource, question: question, extra: extra, notes: &notes, target: on)
        }
        let plain = decide(caller, target)
        if plain.outcome == .allowed { return ReachStep(step: plain) }
        var base = plain
        var asked = caller
        if canUseMFA, !caller.isMFAAuthenticated {
            asked = caller.signedInWithMFA
            let withMFA = decide(asked, target)
            if withMFA.outcome == .allowed { return ReachStep(step: withMFA, conditions: [.multiFactorAuthentication]) }
            base = withMFA
        }
        guard base.outcome == .implicitDeny else { return nil }
        let unmet = base.identitySide.unmetConditions + (base.resourceSide?.unmetConditions ?? [])
        guard !unmet.isEmpty else { return nil }
        let context = RequestContext(base.context)
        var conditions: [ReachCondition] = []
        var relaxedCaller = asked
        relaxedCaller.identityPolicies = asked.identityPolicies.map {
            PolicyRelaxation.withoutConditions(of: unmet, in: $0, context: context, conditions: &conditions)
        }
        var relaxedTarget = target
        relaxedTarget.policy = target.policy.map {
            PolicyRelaxation.withoutConditions(of: unmet, in: $0, context: context, conditions: &conditions)
        }
        let relaxed = decide(relaxedCaller, relaxedTarget)
        guard relaxed.outcome == .allowed else { return nil }
        if asked.isMFAAuthenticated, !caller.isMFAAuthenticated {
            var withoutMFA = relaxedCaller
            withoutMFA.isMFAAuthenticated = caller.isMFAAuthenticated
            withoutMFA.isTemporary = caller.isTemporary
            if decide(withoutMFA, relaxedTarget).outcome != .allowed, !conditions.contains(where: \.isMultiFactorAuthentication) {
                conditions.append(.multiFactorAuthentication)
            }
        }
        return ReachStep(step: relaxed, conditions: [ReachCondition]().merged(with: conditions))
    }
}

extension AccessCaller {
    /// The same caller signed in with MFA (its requests then use temporary credentials).
    var signedInWithMFA: AccessCaller {
        var caller = self
        caller.isMFAAuthenticated = true
        caller.isTemporary = true
        return caller
    }
}
