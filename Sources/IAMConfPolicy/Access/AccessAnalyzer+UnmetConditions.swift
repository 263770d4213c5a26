import IAMConfCore

/// Explaining a refusal further: Allow statements that name the request but whose Condition
/// fails, so "refused" comes with "statement 0 would allow, but its Condition is not met".
extension AccessAnalyzer {
    /// The Allow statements of `policies` that would apply to the request without their Condition.
    ///
    /// Each policy is re-evaluated with only its conditional Allow statements, stripped of their
    /// conditions, through `decide` (which places it as an identity or a resource policy).
    func unmetConditions(_ policies: [NamedPolicy], decide: (CompiledPolicy) -> Decision) -> [AccessReason] {
        var found: [AccessReason] = []
        for policy in policies {
            let document = policy.compiled.document
            let candidates = document.statements.enumerated().filter { $0.element.effect == .allow && !$0.element.conditions.isEmpty }
            guard !candidates.isEmpty else { continue }
            let stripped = candidates.map { candidate -> PolicyStatement in
                var statement = candidate.element
                statement.conditions = []
                return statement
            }
            let probe = CompiledPolicy(
                PolicyDocument(version: document.version, id: document.id, statements: stripped), id: policy.compiled.id)
            let decision = decide(probe)
            guard decision.isAllowed else { continue }
            for match in decision.matchedStatements where match.policyID == policy.compiled.id && match.statementIndex < candidates.count {
                var original = match
                original.statementIndex = candidates[match.statementIndex].offset
                found.append(policy.reason(for: original))
            }
        }
        return found
    }

    /// Identity statements whose Condition fails, asked as the caller's own identity policies.
    func unmetIdentityConditions(_ caller: AccessCaller, action: String, resource: String, context: RequestContext) -> [AccessReason] {
        guard caller.hasIdentitySide else { return [] }
        return unmetConditions(caller.identityPolicies) { probe in
            PolicyEvaluator.evaluate(AccessRequest(
                principal: caller.principal, action: action, resource: resource, context: context, identityPolicies: [probe]))
        }
    }

    /// Resource-policy statements whose Condition fails, asked as in `resourceVerdict`.
    func unmetResourceConditions(
        _ policy: NamedPolicy, caller: AccessCaller, action: String, resource: String, context: RequestContext
    ) -> [AccessReason] {
        unmetConditions([policy]) { probe in
            var stand = policy
            stand.compiled = probe
            return resourceVerdict(stand, caller: caller, action: action, resource: resource, context: context)
        }
    }
}
