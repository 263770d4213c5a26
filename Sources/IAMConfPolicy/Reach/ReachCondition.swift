import IAMConfCore

/// A condition a step of a chain needs and the question cannot assume: MFA, an external id, a
/// token claim of an identity provider, or the policies of an account outside the configuration.
///
/// An edge that needs one is kept and shown with it ("conditional"), rather than dropped: an MFA
/// or ExternalId requirement is a hurdle an attacker may well clear, and a reviewer needs to see it.
public struct ReachCondition: Sendable, Hashable, Comparable {
    /// The condition key (`aws:MultiFactorAuthPresent`, `sts:ExternalId`), or nil for a requirement
    /// that is no condition key (an outside account's own policies).
    public var key: String?
    /// The operator as written (`Bool`, `StringEquals`), nil for the non-key requirements.
    public var conditionOperator: String?
    public var values: [String]
    /// The statement that asks for it, when there is one.
    public var statement: AccessReason?
    /// How answers show it.
    public var text: String

    public init(key: String?, conditionOperator: String?, values: [String], statement: AccessReason? = nil, text: String) {
        self.key = key
        self.conditionOperator = conditionOperator
        self.values = values
        self.statement = statement
        self.text = text
    }

    /// The caller signed in with MFA (`aws:MultiFactorAuthPresent` is true, carried into role sessions).
    public static let multiFactorAuthentication = ReachCondition(
        key: "aws:MultiFactorAuthPresent", conditionOperator: "Bool", values: ["true"],
        text: "aws:MultiFactorAuthPresent is true")

    /// A condition clause of a statement, as the policy writes it.
    static func clause(_ clause: ConditionClause, statement: AccessReason?) -> ReachCondition {
        let values = clause.values.map { "\"\($0)\"" }.joined(separator: " or ")
        return ReachCondition(
            key: clause.key, conditionOperator: clause.condition.description, values: clause.values, statement: statement,
            text: "\(clause.key) \(clause.condition.description) \(values)")
    }

    /// An account outside the configuration must itself allow the request (its identity policies).
    static func outsideAccount(_ account: String?) -> ReachCondition {
        let who = account.map { "account \($0)" } ?? "the caller's account"
        return ReachCondition(
            key: nil, conditionOperator: nil, values: [],
            text: "the identity policies of \(who) (outside the configuration) allow it")
    }

    /// The policy has another version iamconf does not see (only the default version is configured).
    static func otherPolicyVersion(_ policy: String) -> ReachCondition {
        ReachCondition(
            key: nil, conditionOperator: nil, values: [],
            text: "\(policy) has a non-default version that grants more (iamconf sees only the default version)")
    }

    /// Whether this is the MFA requirement (the caller must have signed in with MFA).
    public var isMultiFactorAuthentication: Bool { key?.lowercased() == "aws:multifactorauthpresent" }

    public static func < (lhs: ReachCondition, rhs: ReachCondition) -> Bool { lhs.text < rhs.text }
}

extension Array where Element == ReachCondition {
    /// The union of two lists, without repeats, in a stable order.
    func merged(with other: [ReachCondition]) -> [ReachCondition] {
        var seen = Set(map(\.text))
        var out = self
        for condition in other where seen.insert(condition.text).inserted { out.append(condition) }
        return out.sorted()
    }
}
