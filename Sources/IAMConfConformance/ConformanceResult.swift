/// How one case went on one backend.
public struct ConformanceResult: Sendable, Hashable, CustomStringConvertible {
    public var caseName: String
    public var backendKind: String
    /// Each step that did not behave like IAM, as "step N (Action): expected X, got Y".
    public var failures: [String]
    /// The documented reason the backend differs, when the case failed and one is recorded.
    public var knownDeviation: String?

    /// True when the backend behaved like IAM, or differed only where a deviation is documented.
    public var passed: Bool { failures.isEmpty || knownDeviation != nil }

    public var description: String {
        if failures.isEmpty { return "PASS \(caseName)" }
        let details = failures.joined(separator: "; ")
        if let knownDeviation { return "DEVIATES \(caseName) [\(backendKind): \(knownDeviation)]: \(details)" }
        return "FAIL \(caseName): \(details)"
    }
}
