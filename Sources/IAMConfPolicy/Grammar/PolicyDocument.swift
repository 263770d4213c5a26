import IAMConfCore

/// A parsed IAM policy document: the model every other part of the engine works from.
///
/// Produced by `PolicyDocument.parse(_:kind:)`, which also reports every grammar problem. Values are
/// kept as written (no case folding, no wildcard expansion) so the document can be echoed back;
/// the evaluator compiles it into matchers separately (`CompiledPolicy`).
public struct PolicyDocument: Sendable, Hashable {
    /// `"2012-10-17"`, `"2008-10-17"`, or nil when the document has no `Version`.
    public var version: String?
    public var id: String?
    public var statements: [PolicyStatement]

    public init(version: String?, id: String? = nil, statements: [PolicyStatement]) {
        self.version = version
        self.id = id
        self.statements = statements
    }

    /// The current policy language version, the only one under which policy variables resolve.
    public static let currentVersion = "2012-10-17"
    /// The older version IAM still accepts.
    public static let legacyVersion = "2008-10-17"

    /// Whether `${...}` policy variables are substituted (only under 2012-10-17).
    /// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
    public var resolvesVariables: Bool { version == Self.currentVersion }
}

/// `Allow` or `Deny`.
public enum Effect: String, Sendable, Hashable {
    case allow = "Allow"
    case deny = "Deny"
}

/// One statement of a policy document.
public struct PolicyStatement: Sendable, Hashable {
    public var sid: String?
    public var effect: Effect
    /// `Principal` (`isNegated == false`) or `NotPrincipal`; nil when neither is present.
    public var principal: PrincipalElement?
    /// `Action` or `NotAction`.
    public var action: ValueListElement
    /// `Resource` or `NotResource`; nil for trust policies.
    public var resource: ValueListElement?
    /// The `Condition` block, one entry per operator-and-key pair, in written order.
    public var conditions: [ConditionClause]

    public init(
        sid: String? = nil, effect: Effect, principal: PrincipalElement? = nil,
        action: ValueListElement, resource: ValueListElement? = nil, conditions: [ConditionClause] = []
    ) {
        self.sid = sid
        self.effect = effect
        self.principal = principal
        self.action = action
        self.resource = resource
        self.conditions = conditions
    }
}

/// `Action`/`NotAction` or `Resource`/`NotResource`: a list of patterns, possibly negated.
public struct ValueListElement: Sendable, Hashable {
    /// True for `NotAction`/`NotResource`: the statement applies to everything the list does not match.
    public var isNegated: Bool
    public var values: [String]

    public init(isNegated: Bool = false, values: [String]) {
        self.isNegated = isNegated
        self.values = values
    }
}

/// The kinds of principal a policy can name.
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
public enum PrincipalType: String, Sendable, Hashable, CaseIterable {
    case aws = "AWS"
    case service = "Service"
    case federated = "Federated"
    case canonicalUser = "CanonicalUser"
}

/// `Principal` or `NotPrincipal`.
public struct PrincipalElement: Sendable, Hashable {
    public var isNegated: Bool
    /// True for `"Principal": "*"` (everyone, including anonymous callers).
    public var isWildcard: Bool
    /// The typed entries, in written order (`{"AWS": [...], "Service": "..."}`).
    public var entries: [PrincipalEntry]

    public init(isNegated: Bool = false, isWildcard: Bool = false, entries: [PrincipalEntry] = []) {
        self.isNegated = isNegated
        self.isWildcard = isWildcard
        self.entries = entries
    }
}

/// One `TYPE: value` pair of a principal element.
public struct PrincipalEntry: Sendable, Hashable {
    public var type: PrincipalType
    public var value: String

    public init(type: PrincipalType, value: String) {
        self.type = type
        self.value = value
    }
}

/// One `OPERATOR: { KEY: [values] }` pair of a `Condition` block.
public struct ConditionClause: Sendable, Hashable {
    public var condition: ConditionOperator
    /// The context key as written; lookups ignore case.
    public var key: String
    /// The values as text (JSON numbers and booleans keep their spelling).
    public var values: [String]

    public init(condition: ConditionOperator, key: String, values: [String]) {
        self.condition = condition
        self.key = key
        self.values = values
    }
}
