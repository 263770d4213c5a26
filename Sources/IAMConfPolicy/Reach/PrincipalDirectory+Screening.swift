import IAMConfCore

/// Cheap, generous answers that let an analysis skip questions the engine would refuse.
///
/// Each screen asks the engine about relaxed policies (`PolicyRelaxation`): if even those do not
/// allow a request, the real ones cannot. A screen never decides an answer; `reach` does.
extension PrincipalDirectory {
    mutating func relaxIdentityPolicies() {
        var anywhere: [String: Set<String>] = [:]
        // Managed policies are shared by many callers: each is relaxed once (by name, which is unique).
        var relaxed: [String: CompiledPolicy] = [:]
        let builder = RequestContextBuilder(now: analyzer.now, region: analyzer.region)
        for caller in callers {
            relaxedIdentity.append(caller.identityPolicies.map { policy in
                if let known = relaxed[policy.name] { return known }
                let made = PolicyRelaxation.allowsWithoutConditions(policy.compiled, anyResource: false)
                relaxed[policy.name] = made
                return made
            })
            baseContexts.append(builder.context(for: caller, resourceAccount: nil, extra: [:], overrides: [:]))
            var actions = Set<String>()
            for policy in caller.identityPolicies {
                if anywhere[policy.name] == nil { anywhere[policy.name] = Self.actionsAllowedAnywhere(policy.compiled) }
                actions.formUnion(anywhere[policy.name] ?? [])
            }
            screenedActions.append(actions)
        }
    }

    /// The screened actions a policy could allow on some resource in some context.
    private static func actionsAllowedAnywhere(_ policy: CompiledPolicy) -> Set<String> {
        let relaxed = PolicyRelaxation.allowsWithoutConditions(policy, anyResource: true)
        let someone = Principal(kind: .user, arn: "arn:aws:iam::000000000000:user/screen", account: "000000000000")
        return Set(ReachActions.screened.filter { action in
            PolicyEvaluator.evaluate(AccessRequest(principal: someone, action: action, resource: "*", identityPolicies: [relaxed])).isAllowed
        })
    }

    /// Whether the caller's identity policies could allow a screened action on some resource.
    func mayAllowSomewhere(_ index: Int, _ action: String) -> Bool {
        screenedActions[index].contains(action)
    }

    /// For every caller, whether its identity policies could allow `action` on some resource (each
    /// distinct policy is asked once).
    func callersMayAllowSomewhere(_ action: String) -> [Bool] {
        if ReachActions.screenedSet.contains(action) { return screenedActions.map { $0.contains(action) } }
        var byPolicy: [String: Bool] = [:]
        let someone = Principal(kind: .user, arn: "arn:aws:iam::000000000000:user/screen", account: "000000000000")
        return callers.map { caller in
            caller.identityPolicies.contains { policy in
                if let known = byPolicy[policy.name] { return known }
                let relaxed = PolicyRelaxation.allowsWithoutConditions(policy.compiled, anyResource: true)
                let allows = PolicyEvaluator.evaluate(AccessRequest(
                    principal: someone, action: action, resource: "*", identityPolicies: [relaxed])).isAllowed
                byPolicy[policy.name] = allows
                return allows
            }
        }
    }

    /// Whether the caller's identity policies could allow `action` on `resource` in some context.
    /// Ask `mayAllowSomewhere` first: this one evaluates every relaxed policy of the caller.
    func mayAllow(_ index: Int, _ action: String, _ resource: String, context extra: [String: [String]] = [:]) -> Bool {
        var context = baseContexts[index]
        for (key, values) in extra { context.set(key, values) }
        return PolicyEvaluator.evaluate(AccessRequest(
            principal: callers[index].principal, action: action, resource: resource, context: context,
            identityPolicies: relaxedIdentity[index])).isAllowed
    }

    /// Whether a resource policy, relaxed, could let the caller in on its own (as in a cross-account request).
    func mayBeGranted(_ index: Int, by relaxedPolicy: CompiledPolicy, action: String, resource: String) -> Bool {
        guard let everything = AccessAnalyzer.allowEverything else { return true }
        let principal = callers[index].principal
        let elsewhere = principal.account == "000000000000" ? "000000000001" : "000000000000"
        return PolicyEvaluator.evaluate(AccessRequest(
            principal: principal, action: action, resource: resource, resourceAccount: elsewhere, context: baseContexts[index],
            identityPolicies: [everything], resourcePolicy: relaxedPolicy)).isAllowed
    }

    /// The request decided in full (see `AccessAnalyzer.reach`), marked when the caller is outside the configuration.
    func reach(
        _ index: Int, action: String, resource: String, target: AccessAnalyzer.ResourceTarget, extra: [String: [String]] = [:],
        caller override: AccessCaller? = nil
    ) -> ReachStep? {
        let principal = principals[index]
        guard var step = analyzer.reach(
            override ?? callers[index], canUseMFA: principal.canUseMFA, action: action, resource: resource, target: target, extra: extra)
        else { return nil }
        if principal.isOutsideConfiguration { step.conditions = step.conditions.merged(with: [.outsideAccount(principal.account)]) }
        return step
    }
}
