import IAMConfCore

/// Looser copies of policies, to find out cheaply which questions cannot be allowed at all.
///
/// A relaxed policy keeps only Allow statements and drops their Conditions, so it allows at least
/// everything the policy could allow in any request context; with `anyResource`, it also ignores
/// Resource. Only used to skip questions: every answer is still decided on the real policies.
enum PolicyRelaxation {
    static func allowsWithoutConditions(_ policy: CompiledPolicy, anyResource: Bool) -> CompiledPolicy {
        let document = policy.document
        let statements = document.statements.filter { $0.effect == .allow }.map { statement -> PolicyStatement in
            var relaxed = statement
            relaxed.conditions = []
            if anyResource { relaxed.resource = nil }
            return relaxed
        }
        return CompiledPolicy(PolicyDocument(version: document.version, id: document.id, statements: statements), id: policy.id)
    }

    /// `policy` with the Conditions of the given statements removed; the clauses that fail in
    /// `context` are added to `conditions`, each with the statement that asks for it.
    static func withoutConditions(
        of statements: [AccessReason], in policy: NamedPolicy, context: RequestContext, conditions: inout [ReachCondition]
    ) -> NamedPolicy {
        let mine = statements.filter { $0.policyName == policy.name && $0.via == policy.via }
        guard !mine.isEmpty else { return policy }
        let document = policy.compiled.document
        var changed = document.statements
        for reason in mine where reason.statementIndex < changed.count {
            for clause in changed[reason.statementIndex].conditions
            where !CompiledCondition(clause, resolvesVariables: document.resolvesVariables).evaluate(context) {
                conditions.append(.clause(clause, statement: reason))
            }
            changed[reason.statementIndex].conditions = []
        }
        var relaxed = policy
        relaxed.compiled = CompiledPolicy(PolicyDocument(version: document.version, id: document.id, statements: changed), id: policy.compiled.id)
        return relaxed
    }
}
