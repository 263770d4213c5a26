import IAMConfConfig
import IAMConfCore
import Testing

/// Every validation rule, with a failing example (expected code at the marked line:column) and a
/// passing one.
@Suite struct ValidationRuleTests {
    static let rulesFixtures = Paths.fixtures.appendingPathComponent("rules").path

    static func mainPath(_ rule: RuleCase) -> String {
        rule.inRulesFixtures ? rulesFixtures + "/main.yaml" : "main.yaml"
    }

    static func load(_ text: String, rule: RuleCase) -> Diagnostics {
        var sources = [SourceFile]()
        if let other = rule.otherFile { sources.append(SourceFile(path: "a-first.yaml", text: other)) }
        sources.append(SourceFile(path: mainPath(rule), text: text))
        return ConfigurationLoader.load(sources: sources).diagnostics
    }

    @Test(arguments: RuleCases.all)
    func failingExampleReportsTheMarkedSpot(_ rule: RuleCase) {
        let marked = MarkedText(rule.failing)
        #expect(!marked.marks.isEmpty, "the failing example marks no spot")
        let diagnostics = Self.load(marked.text, rule: rule)
        let markedCodes = Set(marked.marks.map(\.code))
        let relevant = Diagnostics(diagnostics.filter { $0.severity == .error || markedCodes.contains($0.code) })
        #expect(relevant.marks(in: Self.mainPath(rule)) == Set(marked.marks), "\(diagnostics.map { "\($0.location?.description ?? "-") \($0.code): \($0.summary)" })")
    }

    @Test(arguments: RuleCases.all)
    func passingExampleIsClean(_ rule: RuleCase) {
        let diagnostics = Self.load(rule.passing, rule: rule)
        #expect(!diagnostics.hasErrors, "\(diagnostics.map { "\($0.location?.description ?? "-") \($0.code): \($0.summary)" })")
        #expect(!diagnostics.contains { $0.code == rule.code })
    }

    @Test func everyRuleCodeHasACase() {
        let codes = Set(RuleCases.all.map(\.code))
        let required = [
            "yaml-syntax", "duplicate-key", "wrong-type", "unknown-key", "missing-key", "invalid-name", "invalid-path",
            "duplicate-name", "invalid-account-id", "duplicate-account-id", "unknown-reference", "wrong-reference-kind",
            "unknown-group", "duplicate-membership", "too-many-groups", "too-many-attached-policies", "too-many-tags",
            "invalid-tag", "inline-policies-too-large", "policy-too-large", "trust-policy-too-large",
            "invalid-session-duration", "invalid-description", "too-many-access-keys", "too-many-roles",
            "trust-everyone", "full-access", "cross-account-trust", "root-without-mfa",
        ]
        #expect(Set(required).subtracting(codes).isEmpty)
    }
}
