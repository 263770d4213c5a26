/// The engine's answer, with its reasons.
public struct Decision: Sendable, Hashable {
    public enum Outcome: String, Sendable, Hashable {
        case allowed
        case explicitDeny
        case implicitDeny
    }

    public var outcome: Outcome
    /// The statements behind the outcome: for `explicitDeny` every matching Deny statement, for
    /// `allowed` every matching Allow statement of the policies that took part, for `implicitDeny` none.
    public var matchedStatements: [MatchedStatement]
    /// Every statement that applied to the request, Deny statements first, whatever the outcome
    /// (an allow that an explicit deny overrode still shows here), for explanations.
    public var allMatchedStatements: [MatchedStatement]
    /// Condition keys (and policy variables) the applicable statements used but the context lacks,
    /// as written in the policies, without duplicates (compared ignoring case), in order found.
    public var missingContextKeys: [String]
    /// Whether the permissions boundaries allow the action; nil when no boundary applies.
    public var allowedByPermissionsBoundary: Bool?
    /// Whether the SCPs allow the action; nil when no SCP applies.
    public var allowedByOrganizations: Bool?
    /// The documented rule that decided the outcome when the statements alone do not explain it
    /// (a trust or key policy that must allow explicitly, a NotPrincipal deny); nil otherwise.
    public var rule: DecisionRule?

    public init(
        outcome: Outcome, matchedStatements: [MatchedStatement] = [], allMatchedStatements: [MatchedStatement] = [],
        missingContextKeys: [String] = [],
        allowedByPermissionsBoundary: Bool? = nil, allowedByOrganizations: Bool? = nil, rule: DecisionRule? = nil
    ) {
        self.outcome = outcome
        self.matchedStatements = matchedStatements
        self.allMatchedStatements = allMatchedStatements
        self.missingContextKeys = missingContextKeys
        self.allowedByPermissionsBoundary = allowedByPermissionsBoundary
        self.allowedByOrganizations = allowedByOrganizations
        self.rule = rule
    }

    public var isAllowed: Bool { outcome == .allowed }
}

/// The kind of policy a statement came from (AWS's policy types); decides how it combines with the others.
public enum PolicyType: String, Sendable, Hashable {
    case identity, permissionsBoundary, session, serviceControl, resource
}

/// One statement that matched the request.
public struct MatchedStatement: Sendable, Hashable {
    /// The id the caller gave the policy (`CompiledPolicy.id`).
    public var policyID: String
    public var policyType: PolicyType
    /// Index in the policy's `Statement` list (0 for a single-object `Statement`).
    public var statementIndex: Int
    public var sid: String?
    public var effect: Effect

    public init(policyID: String, policyType: PolicyType, statementIndex: Int, sid: String?, effect: Effect) {
        self.policyID = policyID
        self.policyType = policyType
        self.statementIndex = statementIndex
        self.sid = sid
        self.effect = effect
    }
}
