import IAMConfCore
import IAMConfPolicy

/// How the planner decides two policy documents mean the same thing: by the policy library's
/// canonical form (key order, a string vs a one-element list, Version spellings do not matter).
public enum PolicyComparison {
    public static let semanticallyEqual: @Sendable (JSONValue, JSONValue) -> Bool = { PolicyDocument.semanticallyEqual($0, $1) }
}
