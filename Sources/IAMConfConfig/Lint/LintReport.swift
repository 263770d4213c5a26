import IAMConfCore
import IAMConfPolicy

/// What `iamconf lint` found in a configuration: the configuration's own problems, the findings of
/// its policy documents (each at its file:line:column, with the resource address), and the findings
/// the configuration suppresses, each with its suppression.
public struct LintReport: Sendable {
    public var configuration: Configuration?
    /// The configuration's problems as `validate` reports them, plus an `unused-suppression`
    /// warning for each suppression that matched no finding.
    public var diagnostics: Diagnostics
    /// The findings not suppressed, in file order.
    public var findings: [PolicyFinding]
    public var suppressed: [SuppressedFinding]

    /// A finding the configuration accepts, with the suppression (and reason) that accepts it.
    public struct SuppressedFinding: Sendable, Hashable {
        public var finding: PolicyFinding
        public var suppression: LintSuppression
    }

    /// Whether any finding is at least as severe as `threshold` (`--fail-on`).
    public func hasFindings(atLeast threshold: FindingType) -> Bool {
        findings.contains { $0.findingType.isAtLeast(threshold) }
    }

    /// The issues of the findings (suppressed ones too), each once, in the order of `PolicyIssue.all`.
    public var issuesFound: [PolicyIssue] {
        let codes = Set(findings.map(\.issueCode) + suppressed.map(\.finding.issueCode))
        return PolicyIssue.all.filter { codes.contains($0.code) }
    }

    /// `validate`'s diagnostics: the configuration's problems, and every ERROR finding not
    /// suppressed as an error (Access Analyzer's ERROR: a part of the policy does not work).
    public var validationDiagnostics: Diagnostics {
        var all = diagnostics
        for finding in findings where finding.findingType == .error {
            all.append(Diagnostic(.error, code: finding.issueCode, finding.details,
                                  hint: "iamconf lint check; see \(finding.learnMoreLink)",
                                  address: finding.address, location: finding.location, path: finding.path))
        }
        return all.sorted()
    }
}

extension ConfigurationLoader {
    /// Reads a configuration and runs Access Analyzer's offline checks on every policy document
    /// it writes (inline and customer managed policies, boundaries, trust and bucket policies; AWS
    /// managed policies are AWS's and are not linted), applying the configuration's suppressions.
    public static func lint(path: String, catalog: ManagedPolicyCatalog = .shared) -> LintReport {
        report(read(path: path, catalog: catalog, lints: true))
    }

    /// Lints already-read files (tests, stdin), as `lint(path:)`.
    public static func lint(sources: [SourceFile], catalog: ManagedPolicyCatalog = .shared) -> LintReport {
        report(read(sources: sources, catalog: catalog, lints: true))
    }

    static func report(_ loaded: Loaded) -> LintReport {
        let suppressions = loaded.configuration?.lintSuppressions ?? []
        var used = Array(repeating: false, count: suppressions.count)
        var findings: [PolicyFinding] = []
        var suppressed: [LintReport.SuppressedFinding] = []
        for finding in withoutRepeats(loaded.lintFindings) {
            if let index = suppressions.firstIndex(where: { $0.matches(finding) }) {
                used[index] = true
                suppressed.append(LintReport.SuppressedFinding(finding: finding, suppression: suppressions[index]))
            } else {
                findings.append(finding)
            }
        }
        var diagnostics = loaded.diagnostics
        for (suppression, isUsed) in zip(suppressions, used) where !isUsed {
            diagnostics.append(.warning("unused-suppression",
                "the suppression of \(suppression.code)\(suppression.address.map { " at \($0)" } ?? "") matched no finding",
                hint: "remove it, or correct its code or address (iamconf lint --show-suppressed lists what suppressions match)",
                at: suppression.location))
        }
        return LintReport(configuration: loaded.configuration, diagnostics: diagnostics.sorted(), findings: findings, suppressed: suppressed)
    }

    /// One finding per issue, place and address, in file order (a template's document is read once
    /// per user, at the same lines).
    static func withoutRepeats(_ findings: [PolicyFinding]) -> [PolicyFinding] {
        var seen = Set<String>()
        let unique = findings.filter { finding in
            seen.insert("\(finding.issueCode)\u{0}\(finding.location?.description ?? "")\u{0}\(finding.address ?? "")\u{0}\(finding.path)").inserted
        }
        return unique.sorted { a, b in
            let (x, y) = (a.location, b.location)
            if x?.file != y?.file { return (x?.file ?? "") < (y?.file ?? "") }
            if x?.line != y?.line { return (x?.line ?? 0) < (y?.line ?? 0) }
            if x?.column != y?.column { return (x?.column ?? 0) < (y?.column ?? 0) }
            return a.issueCode < b.issueCode
        }
    }
}

extension LintSuppression {
    /// Same issue code, and the finding's address matches the pattern (`*` any text, `?` one character).
    func matches(_ finding: PolicyFinding) -> Bool {
        guard code == finding.issueCode else { return false }
        guard let address else { return true }
        return Self.glob(Array(address), Array(finding.address ?? ""))
    }

    private static func glob(_ pattern: [Character], _ text: [Character]) -> Bool {
        var p = 0, t = 0, star = -1, mark = 0
        while t < text.count {
            if p < pattern.count, pattern[p] == "?" || pattern[p] == text[t] {
                p += 1; t += 1
            } else if p < pattern.count, pattern[p] == "*" {
                star = p; mark = t; p += 1
            } else if star >= 0 {
                p = star + 1; mark += 1; t = mark
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }
}
