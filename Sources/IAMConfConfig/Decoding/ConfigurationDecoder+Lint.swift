import IAMConfCore
import IAMConfPolicy
import Yams

/// `lint:` — settings of `iamconf lint` — and the linting of each policy document as it is read,
/// while its YAML (or JSON) nodes are at hand to place every finding at its line:column.
extension ConfigurationDecoder {
    /// `lint: { suppress: [{ code, address, reason }] }`: each suppression needs a known issue code
    /// and a reason that is not empty.
    mutating func decodeLintSettings(_ node: Node) -> [LintSuppression] {
        guard let fields = fields(node, keys: ConfigurationKeys.lint, what: "lint") else { return [] }
        guard let list = fields["suppress"] else { return [] }
        guard case let .sequence(items) = list else {
            if !list.isNull { error("wrong-type", "lint.suppress must be a list, found \(list.kindDescription)", hint: "write one '- { code: ..., reason: ... }' entry per suppression", at: list) }
            return []
        }
        return items.compactMap { decodeSuppression($0) }
    }

    private mutating func decodeSuppression(_ node: Node) -> LintSuppression? {
        guard let fields = fields(node, keys: ConfigurationKeys.lintSuppression, what: "a lint suppression") else { return nil }
        var valid = true
        let code = fields["code"].flatMap { string($0, what: "code") }
        if let code, let codeNode = fields["code"], PolicyIssue.named(code) == nil {
            let known = PolicyIssue.all.map(\.code)
            error("unknown-issue-code", "'\(code)' is not an issue code of iamconf lint",
                  hint: EditDistance.hint(for: code, in: known) ?? "docs/policy-checks.md lists every code", at: codeNode)
            valid = false
        } else if fields["code"] == nil {
            error("missing-key", "a lint suppression needs a code", hint: "add code: REDUNDANT_ACTION (the code iamconf lint prints)", at: node)
            valid = false
        }
        let reason = fields["reason"].flatMap { string($0, what: "reason") }
        if reason?.allSatisfy(\.isWhitespace) ?? true {
            error("missing-reason", "a lint suppression needs a reason",
                  hint: "add reason: \"...\" saying why this finding is accepted, for the next reviewer", at: fields["reason"] ?? node)
            valid = false
        }
        let address = fields["address"].flatMap { string($0, what: "address") }
        guard valid, let code, let reason else { return nil }
        return LintSuppression(code: code, address: address, reason: reason, location: location(node))
    }

    /// Lints one document (when this load lints) and places each finding: at the node its path
    /// names inside `root`, or at `start` for a document iamconf wrote (the `trust:` shorthand).
    mutating func lint(_ document: JSONValue, kind: PolicyKind, root: Node?, start: SourceLocation, address: String, sizeQuota: Int?) {
        guard lintsPolicies else { return }
        for var finding in PolicyLinter.findings(for: document, context: PolicyLinter.Context(kind: kind, sizeQuota: sizeQuota)) {
            finding.address = address
            finding.location = root.map { location(PolicyPathLocator.node(at: finding.path, in: $0, value: finding.isAboutValue)) } ?? start
            lintFindings.append(finding)
        }
    }
}
