/// One thing a principal may do: an action on a resource (pattern), and under which conditions.
///
/// `resource` is a pattern as a policy wrote it (`arn:aws:s3:::reports/*`, `*`), with the
/// principal's own policy variables filled in (`${aws:username}`). Conditions are kept, not
/// dropped: the grant holds only when every clause of `conditions` holds and none of the `unless`
/// alternatives does (each alternative is a conditional Deny: all of its clauses together deny).
public struct Grant: Sendable, Hashable {
    /// `s3:GetObject`, as the action catalog spells it.
    public var action: String
    public var resource: String
    public var conditions: [ConditionClause]
    public var unless: [[ConditionClause]]
    /// Narrower resources under `resource` this grant does not reach (a Deny, a NotResource or a
    /// boundary that names them): effective access evaluates patterns, not every object, so a
    /// narrower refusal is shown here instead of being lost.
    public var exceptions: [String]

    public init(action: String, resource: String, conditions: [ConditionClause] = [], unless: [[ConditionClause]] = [], exceptions: [String] = []) {
        self.action = action
        self.resource = resource
        self.conditions = conditions
        self.unless = unless
        self.exceptions = exceptions
    }

    /// `s3:PutObject on arn:aws:s3:::reports/* when aws:MultiFactorAuthPresent is true`.
    public var text: String {
        "\(action) on \(resource)" + GrantShape.qualifierText(conditions: conditions, unless: unless, exceptions: exceptions)
    }
}

/// Everything about a grant but its action: many actions share one shape, so summaries keep
/// `GrantSet`s (a shape and the set of actions) and expand to `Grant`s only when asked.
struct GrantShape: Sendable, Hashable {
    var resource: String
    var conditions: [ConditionClause]
    var unless: [[ConditionClause]]
    var exceptions: [String]
    /// In a delta only: the same grant on the other side of the plan, under other conditions.
    var comparison: GrantComparison? = nil

    /// Whether this shape allows at least what `other` allows, for the same action: its resource
    /// covers the other's, and it asks for no condition the other does not.
    func covers(_ other: GrantShape, resources: ResourceCoverage) -> Bool {
        guard resources.covers(resource, other.resource) else { return false }
        guard Set(conditions).isSubset(of: Set(other.conditions)) else { return false }
        guard Set(unless).isSubset(of: Set(other.unless)) else { return false }
        for exception in exceptions {
            if resources.covers(exception, other.resource) { return false }
            if resources.covers(other.resource, exception), !other.exceptions.contains(where: { resources.covers($0, exception) }) {
                return false
            }
        }
        return true
    }

    /// ` when A and B unless C (except X, Y)`, or nothing for an unconditional grant.
    static func qualifierText(conditions: [ConditionClause], unless: [[ConditionClause]], exceptions: [String]) -> String {
        var text = ""
        if !conditions.isEmpty { text += " when " + conditions.map(\.text).joined(separator: " and ") }
        for alternative in unless {
            let clauses = alternative.map(\.text).joined(separator: " and ")
            text += " unless " + (alternative.count > 1 ? "(\(clauses))" : clauses)
        }
        if !exceptions.isEmpty { text += " (except \(exceptions.joined(separator: ", ")))" }
        return text
    }

    /// Clauses in one order, so equal conditions compare equal however the policy wrote them.
    static func normalised(_ clauses: [ConditionClause]) -> [ConditionClause] {
        var seen = Set<ConditionClause>()
        return clauses.filter { seen.insert($0).inserted }.sorted { $0.sortKey < $1.sortKey }
    }
}

/// A set of actions that share one grant shape.
struct GrantSet: Sendable, Hashable {
    var shape: GrantShape
    var actions: ActionSet
}

extension ConditionClause {
    var sortKey: String { "\(key.lowercased())\u{1}\(condition)\u{1}\(values.joined(separator: "\u{2}"))" }
}

/// A gain or loss that is a change of conditions rather than of the grant itself: removing an MFA
/// condition gains the grant without it (`previouslyOnly` when MFA was present); adding a Deny
/// unless TLS loses the grant without TLS (`stillAllowed` unless TLS is off).
public struct GrantComparison: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// A loss: the grant remains under these conditions.
        case stillAllowed = "still_allowed"
        /// A gain: before the plan the grant held only under these conditions.
        case previouslyOnly = "previously_only"
        /// A bucket policy's Deny that no longer applies as widely: it still denies under these conditions.
        case stillDenied = "still_denied"
    }

    public var kind: Kind
    public var conditions: [ConditionClause]
    public var unless: [[ConditionClause]]

    public init(kind: Kind, conditions: [ConditionClause], unless: [[ConditionClause]]) {
        self.kind = kind
        self.conditions = conditions
        self.unless = unless
    }

    /// ` (still allowed when ...)` / ` (before: only when ...)`.
    public var text: String {
        let qualifier = GrantShape.qualifierText(conditions: conditions, unless: unless, exceptions: []).dropFirst()
        switch kind {
        case .stillAllowed: return " (still allowed \(qualifier))"
        case .previouslyOnly: return " (before: only \(qualifier))"
        case .stillDenied: return " (still denied \(qualifier))"
        }
    }
}
