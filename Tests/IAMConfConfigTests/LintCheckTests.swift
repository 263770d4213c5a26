import IAMConfConfig
import IAMConfCore
import IAMConfPolicy
import Testing

/// Every lint check, with a failing example (the issue code, its finding type and the marked
/// line:column) and a passing one (no finding of that code).
@Suite struct LintCheckTests {
    static func findings(_ text: String) -> [PolicyFinding] {
        ConfigurationLoader.lint(sources: [SourceFile(path: "main.yaml", text: text)]).findings
    }

    static func marks(_ findings: [PolicyFinding], code: String) -> Set<MarkedText.Mark> {
        Set(findings.compactMap { finding in
            guard finding.issueCode == code, let location = finding.location, location.file == "main.yaml" else { return nil }
            return MarkedText.Mark(line: location.line, column: location.column, code: finding.issueCode)
        })
    }

    @Test(arguments: LintCases.all)
    func failingExampleReportsTheMarkedSpot(_ check: LintCase) throws {
        let marked = MarkedText(check.failing)
        #expect(!marked.marks.isEmpty, "the failing example marks no spot")
        let issue = try #require(PolicyIssue.named(check.code), "\(check.code) is not an implemented issue code")
        let found = Self.findings(marked.text)
        #expect(Self.marks(found, code: check.code) == Set(marked.marks), "\(found.map { "\($0.location?.description ?? "-") \($0.issueCode): \($0.details)" })")
        for finding in found where finding.issueCode == check.code {
            #expect(finding.findingType == issue.type)
            #expect(finding.address?.hasPrefix("a.") == true)
            #expect(finding.learnMoreLink.hasPrefix("https://docs.aws.amazon.com/"))
        }
    }

    @Test(arguments: LintCases.all)
    func passingExampleHasNoFindingOfTheCode(_ check: LintCase) {
        let found = Self.findings(check.passing)
        #expect(!found.contains { $0.issueCode == check.code }, "\(found.map { "\($0.location?.description ?? "-") \($0.issueCode): \($0.details)" })")
    }

    @Test func everyImplementedCheckHasACase() {
        let covered = Set(LintCases.all.map(\.code))
        #expect(Set(PolicyIssue.all.map(\.code)).subtracting(covered).sorted() == [])
    }

    @Test func awsLinksNameTheCheckOnTheReferencePage() throws {
        let issue = try #require(PolicyIssue.named("PASS_ROLE_WITH_STAR_IN_RESOURCE"))
        #expect(issue.learnMoreLink == "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html#access-analyzer-reference-policy-checks-security-warning-pass-role-with-star-in-resource")
        let size = try #require(PolicyIssue.named("POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA"))
        #expect(size.learnMoreLink.hasSuffix("#access-analyzer-reference-policy-checks-general-warning-policy-size-exceeds-identity-policy-quota"))
        #expect(PolicyIssue.all.filter(\.isIAMConfOwn).allSatisfy { $0.code.hasPrefix("IAMCONF_") })
    }
}
