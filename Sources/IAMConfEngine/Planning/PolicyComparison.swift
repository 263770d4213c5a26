import IAMConfCore

/// How the planner decides two policy documents mean the same thing.
///
/// Stand-in until the policy library's canonical form is wired in: sorts object keys, treats a
/// single string like a one-element list and compares lists as sets.
public enum PolicyComparison {
    public static let semanticallyEqual: @Sendable (JSONValue, JSONValue) -> Bool = { canonical($0) == canonical($1) }

    static func canonical(_ value: JSONValue) -> JSONValue {
        switch value {
        case let .object(members):
            return .object(members.map { ($0.key, canonical($0.value)) }.sorted { $0.0 < $1.0 }.map { (key: $0.0, value: $0.1) })
        case let .array(items):
            let mapped = items.map(canonical)
            if mapped.count == 1 { return mapped[0] }
            return .array(Array(Set(mapped)).sorted { $0.compactText() < $1.compactText() })
        default:
            return value
        }
    }
}
