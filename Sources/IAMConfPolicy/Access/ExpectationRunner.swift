import IAMConfCore

/// The outcome of one `expectations:` entry.
public struct ExpectationResult: Sendable, Hashable {
    public var expectation: Expectation
    /// Nil when the question could not be asked (`error` says why).
    public var answer: AccessAnswer?
    public var error: AccessError?

    public init(expectation: Expectation, answer: AccessAnswer?, error: AccessError?) {
        self.expectation = expectation
        self.answer = answer
        self.error = error
    }

    /// The answer matches `expect:`; a question that cannot be asked never passes.
    public var isPassed: Bool {
        guard let answer else { return false }
        return answer.isAllowed == (expectation.expected == .allow)
    }

    /// The expectation's name, or a description built from its question.
    public var title: String {
        if let name = expectation.name { return name }
        let chain = expectation.assume.isEmpty ? "" : " via \(expectation.assume.joined(separator: " -> "))"
        return "\(expectation.principal)\(chain) \(expectation.expected.rawValue) \(expectation.action) on \(expectation.resource)"
    }
}

/// Answers every expectation of a configuration: what `iamconf test` runs, and what `plan` runs
/// before planning so a configuration that breaks an access test is refused.
public enum ExpectationRunner {
    /// One result per expectation, in configuration order. Never throws: an expectation naming
    /// something unknown is a failed result carrying the error.
    public static func run(
        _ configuration: Configuration, catalog: ManagedPolicyCatalog = .shared, now: UTCTime
    ) -> [ExpectationResult] {
        run(configuration.expectations, with: AccessAnalyzer(configuration: configuration, catalog: catalog, now: now))
    }

    /// Runs expectations with a prepared analyzer (for example one over the applied world).
    public static func run(_ expectations: [Expectation], with analyzer: AccessAnalyzer) -> [ExpectationResult] {
        expectations.map { expectation in
            let question = AccessQuestion(
                principal: expectation.principal, assume: expectation.assume, action: expectation.action,
                resource: expectation.resource, context: expectation.context)
            do throws(AccessError) {
                return ExpectationResult(expectation: expectation, answer: try analyzer.answer(question), error: nil)
            } catch {
                return ExpectationResult(expectation: expectation, answer: nil, error: error)
            }
        }
    }

    /// Whether every result passed (what `plan` checks before planning).
    public static func allPassed(_ results: [ExpectationResult]) -> Bool { results.allSatisfy(\.isPassed) }
}
