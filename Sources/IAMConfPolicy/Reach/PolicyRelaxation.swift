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
    /// `context` are added to `conditions`, each with the statement that asks for it. A statement
    /// whose failing clause tests a key iamconf knows for certain (`isKnownForCertain`) stays as it
    /// is: no caller can change its own tags, ARN or the clock, so that condition blocks the request.
    static func withoutConditions(
        of statements: [AccessReason], in policy: NamedPolicy, context: RequestContext, conditions: inout [ReachCondition]
    ) -> NamedPolicy {
        let mine = statements.filter { $0.policyName == policy.name && $0.via == policy.via }
        guard !mine.isEmpty else { return policy }
        let document = policy.compiled.document
        var changed = document.statements
        for reason in mine where reason.statementIndex < changed.count {
            let failing = changed[reason.statementIndex].conditions.filter {
                !CompiledCondition($0, resolvesVariables: document.resolvesVariables).evaluate(context)
            }
            guard !failing.contains(where: { isKnownForCertain($0.key) }) else { continue }
            conditions += failing.map { .clause($0, statement: reason) }
            changed[reason.statementIndex].conditions = []
        }
        var relaxed = policy
        relaxed.compiled = CompiledPolicy(PolicyDocument(version: document.version, id: document.id, statements: changed), id: policy.compiled.id)
        return relaxed
    }

    /// Keys whose value (or absence) iamconf sets for certain when it builds a request as AWS would:
    /// the caller's identity and tags, the clock, the transport, and the keys the modelled call
    /// itself sets (`iam:PolicyARN`, `iam:PassedToService`, ...). A condition on one of them that
    /// fails cannot be met by the caller. Every other key (`sts:ExternalId`, `aws:SourceIp`,
    /// `aws:RequestedRegion`, a provider's token claims, service keys) the caller chooses or iamconf
    /// cannot know, so its condition is shown instead.
    static func isKnownForCertain(_ key: String) -> Bool {
        let lower = key.lowercased()
        return knownKeys.contains(lower) || lower.hasPrefix("aws:principaltag/")
    }

    private static let knownKeys: Set<String> = [
        "aws:principalarn", "aws:principalaccount", "aws:principaltype", "aws:userid", "aws:username",
        "aws:principalisawsservice", "aws:principalservicename", "aws:currenttime", "aws:epochtime",
        "aws:securetransport", "aws:viaawsservice", "aws:resourceaccount", "aws:multifactorauthpresent",
        "aws:multifactorauthage", "aws:tokenissuetime", "iam:policyarn", "iam:passedtoservice", "iam:permissionsboundary",
    ]
}
