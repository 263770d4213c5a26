import IAMConfConfig
import IAMConfCore
import IAMConfPolicy
import Testing

/// Suppressions live in the configuration with a reason; a bad one is an error at its line, one
/// that matches nothing is a warning. Also: the examples lint clean of ERROR findings, and
/// `validate` reports ERROR findings.
@Suite struct LintSuppressionTests {
    /// Account `a` with a policy that has one REDUNDANT_ACTION (line 9) and the `lint:` block given.
    static func configuration(lint: String) -> String {
        managedPolicy("{ Effect: Allow, Action: [\"iam:Get*\", iam:GetRole], Resource: \"*\" }") + lint
    }

    static func report(_ text: String) -> LintReport {
        ConfigurationLoader.lint(sources: [SourceFile(path: "main.yaml", text: text)])
    }

    @Test func suppressionWithAReasonMovesTheFindingAside() throws {
        let report = Self.report(Self.configuration(lint: "lint:\n  suppress:\n    - { code: REDUNDANT_ACTION, address: \"a.policy.*\", reason: \"kept for the reader\" }\n"))
        #expect(!report.findings.contains { $0.issueCode == "REDUNDANT_ACTION" })
        let item = try #require(report.suppressed.first)
        #expect(report.suppressed.count == 1)
        #expect(item.finding.issueCode == "REDUNDANT_ACTION" && item.finding.address == "a.policy.P")
        #expect(item.suppression.reason == "kept for the reader")
        #expect(item.suppression.location == SourceLocation(file: "main.yaml", line: 12, column: 7))
        #expect(!report.diagnostics.contains { $0.code == "unused-suppression" })
    }

    @Test func suppressionWithoutAReasonIsAnErrorAtItsLine() {
        let report = Self.report(Self.configuration(lint: "lint:\n  suppress:\n    - { code: REDUNDANT_ACTION }\n    - { code: REDUNDANT_ACTION, reason: \"  \" }\n"))
        let marks = Diagnostics(report.diagnostics.filter { $0.code == "missing-reason" }).marks()
        #expect(marks == [MarkedText.Mark(line: 12, column: 7, code: "missing-reason"), MarkedText.Mark(line: 13, column: 41, code: "missing-reason")])
        #expect(report.diagnostics.hasErrors)
        #expect(report.findings.contains { $0.issueCode == "REDUNDANT_ACTION" }, "a refused suppression suppresses nothing")
    }

    @Test func unknownIssueCodeIsAnErrorWithDidYouMean() throws {
        let report = Self.report(Self.configuration(lint: "lint:\n  suppress:\n    - { code: REDUNDANT_ACTIONS, reason: \"typo\" }\n"))
        let problem = try #require(report.diagnostics.first { $0.code == "unknown-issue-code" })
        #expect(problem.severity == .error)
        #expect(problem.location == SourceLocation(file: "main.yaml", line: 12, column: 15))
        #expect(problem.hint == "did you mean 'REDUNDANT_ACTION'?")
    }

    @Test func suppressionThatMatchesNothingIsAWarning() throws {
        let report = Self.report(Self.configuration(lint: "lint:\n  suppress:\n    - { code: REDUNDANT_ACTION, address: a.role.Other, reason: \"old\" }\n"))
        let warning = try #require(report.diagnostics.first { $0.code == "unused-suppression" })
        #expect(warning.severity == .warning)
        #expect(warning.location == SourceLocation(file: "main.yaml", line: 12, column: 7))
        #expect(report.findings.contains { $0.issueCode == "REDUNDANT_ACTION" })
        #expect(report.suppressed.isEmpty)
    }

    @Test func validateReportsErrorFindingsAsErrors() throws {
        let text = managedPolicy("{ Effect: Allow, Action: logs:PutLogEvents, Resource: \"arn:aws:logs::111111111111:log-group:app:*\" }")
        let report = Self.report(text)
        let error = try #require(report.validationDiagnostics.first { $0.code == "MISSING_ARN_REGION" })
        #expect(error.severity == .error && error.location?.line == 9)
        #expect(!ConfigurationLoader.load(sources: [SourceFile(path: "main.yaml", text: text)]).diagnostics.hasErrors, "load alone does not lint")
        let suppressed = Self.report(text + "lint:\n  suppress:\n    - { code: MISSING_ARN_REGION, reason: \"the log group is global on purpose\" }\n")
        #expect(!suppressed.validationDiagnostics.hasErrors)
    }

    static let examples = Paths.subdirectories(of: Paths.examples).map(\.lastPathComponent)

    @Test(arguments: examples)
    func exampleLintsWithoutErrorFindings(_ example: String) {
        let report = ConfigurationLoader.lint(path: Paths.examples.appendingPathComponent(example).path)
        #expect(!report.diagnostics.hasErrors)
        #expect(!report.hasFindings(atLeast: .error), "\(report.findings.map { "\($0.location?.description ?? "-") \($0.issueCode)" })")
    }
}
