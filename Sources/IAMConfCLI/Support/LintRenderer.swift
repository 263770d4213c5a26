import IAMConfConfig
import IAMConfCore
import IAMConfPolicy

/// `iamconf lint`'s three outputs: text like `validate`'s diagnostics, JSON with the same content,
/// and SARIF 2.1.0 for code-scanning tools.
struct LintRenderer {
    var report: LintReport
    /// The configuration directory: SARIF's artifact URIs are relative to it.
    var baseDirectory: String
    var failOn: FindingType
    var showSuppressed: Bool
    var sourceText: @Sendable (String) -> String? = DiagnosticRenderer.readFile

    // MARK: Text

    /// Configuration problems first (as `validate` prints them), then each finding with its source
    /// line, caret, resource and AWS's explanation, then the count.
    func text() -> String {
        var out = ""
        if !report.diagnostics.isEmpty { out += DiagnosticRenderer(sourceText: sourceText).text(report.diagnostics) }
        var lines = SourceLines(read: sourceText)
        for finding in report.findings {
            out += block(finding, lines: &lines)
        }
        if showSuppressed, !report.suppressed.isEmpty {
            out += "Suppressed:\n"
            for item in report.suppressed {
                let place = item.finding.location.map { "\($0): " } ?? ""
                let by = item.suppression.location.map { " (\($0))" } ?? ""
                out += "  \(place)\(item.finding.issueCode)\(item.finding.address.map { " at \($0)" } ?? ""): \(DiagnosticRenderer.printable(item.suppression.reason))\(by)\n"
            }
        }
        out += summary() + "\n"
        return out
    }

    private func block(_ finding: PolicyFinding, lines: inout SourceLines) -> String {
        let place = finding.location.map { "\($0): " } ?? ""
        var out = DiagnosticRenderer.printable("\(place)\(finding.findingType.rawValue): \(finding.details) [\(finding.issueCode)]") + "\n"
        if let location = finding.location, let line = lines.line(location.line, of: location.file) {
            let (cut, cutColumn) = DiagnosticRenderer.window(line, column: location.column)
            let shown = DiagnosticRenderer.printable(cut, keepingTabs: true)
            let pad = shown.unicodeScalars.prefix(max(0, cutColumn - 1)).map { $0 == "\t" ? "\t" : " " }.joined()
            out += shown + "\n" + pad + "^\n"
        }
        if let address = finding.address { out += "  resource: \(address)\n" }
        out += "  learn more: \(finding.learnMoreLink)\n"
        return out
    }

    /// "3 findings (1 error, 1 security warning, 0 warnings, 1 suggestion), 2 suppressed".
    func summary() -> String {
        func count(_ type: FindingType) -> Int { report.findings.filter { $0.findingType == type }.count }
        func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        let total = report.findings.count
        var text = total == 0 ? "no findings" : "\(plural(total, "finding")) (\(plural(count(.error), "error")), \(plural(count(.securityWarning), "security warning")), \(plural(count(.warning), "warning")), \(plural(count(.suggestion), "suggestion")))"
        if !report.suppressed.isEmpty { text += ", \(report.suppressed.count) suppressed" }
        return text
    }

    // MARK: JSON

    /// `{"passed", "fail_on", "counts", "findings", "suppressed", "diagnostics"}`: see docs/json-output.md.
    func json() -> String {
        var lines = SourceLines(read: sourceText)
        var counts: [(key: String, value: JSONValue)] = FindingType.allCases.map { type in
            (type.optionName, .number(String(report.findings.filter { $0.findingType == type }.count)))
        }
        counts.append(("suppressed", .number(String(report.suppressed.count))))
        var members: [(key: String, value: JSONValue)] = [
            ("passed", .bool(passed)),
            ("fail_on", .string(failOn.optionName)),
            ("counts", .object(counts)),
            ("findings", .array(report.findings.map { findingJSON($0, lines: &lines) })),
        ]
        if showSuppressed {
            members.append(("suppressed", .array(report.suppressed.map { item in
                var object = findingJSON(item.finding, lines: &lines).objectValue ?? []
                object.append(("reason", .string(item.suppression.reason)))
                if let at = item.suppression.location { object.append(("suppressed_at", locationJSON(at))) }
                return .object(object)
            })))
        }
        let diagnostics = DiagnosticRenderer(sourceText: sourceText).jsonDocument(report.diagnostics)["diagnostics"] ?? .array([])
        members.append(("diagnostics", diagnostics))
        return JSONValue.object(members).prettyText() + "\n"
    }

    var passed: Bool {
        !report.hasFindings(atLeast: failOn) && !report.diagnostics.hasErrors && report.configuration != nil
    }

    private func findingJSON(_ finding: PolicyFinding, lines: inout SourceLines) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("issue_code", .string(finding.issueCode)),
            ("finding_type", .string(finding.findingType.rawValue)),
            ("details", .string(finding.details)),
            ("learn_more_link", .string(finding.learnMoreLink)),
        ]
        if let address = finding.address { members.append(("address", .string(address))) }
        members.append(("path", .string(finding.path)))
        if let location = finding.location {
            members.append(("file", .string(location.file)))
            members.append(("line", .number(String(location.line))))
            members.append(("column", .number(String(location.column))))
            if let line = lines.line(location.line, of: location.file) { members.append(("source", .string(line))) }
        }
        return .object(members)
    }

    private func locationJSON(_ location: SourceLocation) -> JSONValue {
        .object([("file", .string(location.file)), ("line", .number(String(location.line))), ("column", .number(String(location.column)))])
    }

    // MARK: SARIF

    /// SARIF 2.1.0: one run of the `iamconf` tool, one rule per issue code found (with AWS's
    /// learn-more link as `helpUri`), one result per finding not suppressed, and the suppressed ones
    /// with SARIF's own `suppressions` (kind `external`, the reason as justification).
    func sarif(version: String) -> String {
        let issues = report.issuesFound
        let rules: [JSONValue] = issues.map { issue in
            var rule: [(key: String, value: JSONValue)] = [
                ("id", .string(issue.code)),
                ("name", .string(Self.ruleName(issue.code))),
                ("shortDescription", .object([("text", .string(issue.title))])),
                ("helpUri", .string(issue.learnMoreLink)),
                ("defaultConfiguration", .object([("level", .string(Self.level(issue.type)))])),
            ]
            var tags: [JSONValue] = [.string(issue.type.rawValue)]
            if issue.type == .securityWarning { tags.append(.string("security")) }
            rule.append(("properties", .object([("tags", .array(tags))])))
            return .object(rule)
        }
        let ruleIndex = Dictionary(uniqueKeysWithValues: issues.enumerated().map { ($1.code, $0) })
        var results = report.findings.map { sarifResult($0, ruleIndex: ruleIndex[$0.issueCode] ?? 0, suppression: nil) }
        results += report.suppressed.map { sarifResult($0.finding, ruleIndex: ruleIndex[$0.finding.issueCode] ?? 0, suppression: $0.suppression) }
        let driver: JSONValue = .object([
            ("name", .string("iamconf")),
            ("version", .string(version)),
            ("informationUri", .string("https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html")),
            ("rules", .array(rules)),
        ])
        let run: JSONValue = .object([("tool", .object([("driver", driver)])), ("results", .array(results))])
        let document: JSONValue = .object([
            ("$schema", .string("https://json.schemastore.org/sarif-2.1.0.json")),
            ("version", .string("2.1.0")),
            ("runs", .array([run])),
        ])
        return document.prettyText() + "\n"
    }

    private func sarifResult(_ finding: PolicyFinding, ruleIndex: Int, suppression: LintSuppression?) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("ruleId", .string(finding.issueCode)),
            ("ruleIndex", .number(String(ruleIndex))),
            ("level", .string(Self.level(finding.findingType))),
            ("message", .object([("text", .string(finding.details + (finding.address.map { " (\($0))" } ?? "")))])),
        ]
        if let location = finding.location {
            let physical: JSONValue = .object([
                ("artifactLocation", .object([("uri", .string(relative(location.file)))])),
                ("region", .object([("startLine", .number(String(location.line))), ("startColumn", .number(String(location.column)))])),
            ])
            var place: [(key: String, value: JSONValue)] = [("physicalLocation", physical)]
            if let address = finding.address {
                place.append(("logicalLocations", .array([.object([("fullyQualifiedName", .string(address)), ("kind", .string("resource"))])])))
            }
            members.append(("locations", .array([.object(place)])))
        }
        if let suppression {
            members.append(("suppressions", .array([.object([("kind", .string("external")), ("justification", .string(suppression.reason))])])))
        }
        return .object(members)
    }

    /// ERROR -> error; SECURITY_WARNING -> error as well (access wider than meant is what code
    /// scanning should flag most visibly); WARNING -> warning; SUGGESTION -> note.
    static func level(_ type: FindingType) -> String {
        switch type {
        case .error, .securityWarning: "error"
        case .warning: "warning"
        case .suggestion: "note"
        }
    }

    /// `PASS_ROLE_WITH_STAR_IN_RESOURCE` -> `PassRoleWithStarInResource` (SARIF's rule name is an identifier).
    static func ruleName(_ code: String) -> String {
        code.split(separator: "_").map { $0.prefix(1) + $0.dropFirst().lowercased() }.joined()
    }

    /// A file path relative to the configuration directory, with `/` separators, as SARIF's `uri`.
    func relative(_ file: String) -> String {
        let base = baseDirectory.hasSuffix("/") ? baseDirectory : baseDirectory + "/"
        if base == "./" { return file.hasPrefix("./") ? String(file.dropFirst(2)) : file }
        return file.hasPrefix(base) ? String(file.dropFirst(base.count)) : file
    }
}

