import IAMConfCore

extension PolicyDocument {
    /// Parses and validates a policy document written in AWS's JSON grammar.
    ///
    /// Reports every problem found, not just the first, each with a stable code and a `path` into
    /// the document (`Statement[1].Action[0]`; a single-object `Statement` is `Statement`). The
    /// document is nil only when errors make it unusable; warnings (a missing `Version`) keep it.
    /// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
    public static func parse(_ json: JSONValue, kind: PolicyKind) -> (document: PolicyDocument?, diagnostics: [Diagnostic]) {
        var parser = PolicyParser(kind: kind)
        let document = parser.parseDocument(json)
        let hasErrors = parser.diagnostics.contains { $0.severity == .error }
        return (hasErrors ? nil : document, parser.diagnostics)
    }
}

/// The recursive walk behind `PolicyDocument.parse`; collects diagnostics as it goes.
struct PolicyParser {
    let kind: PolicyKind
    var diagnostics: [Diagnostic] = []

    init(kind: PolicyKind) { self.kind = kind }

    static let topLevelKeys: Set<String> = ["Version", "Id", "Statement"]
    static let statementKeys: Set<String> = [
        "Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition",
    ]

    mutating func error(_ code: String, _ summary: String, hint: String, path: String?) {
        diagnostics.append(.error(code, summary, hint: hint, path: path))
    }

    mutating func parseDocument(_ json: JSONValue) -> PolicyDocument {
        guard let members = json.objectValue else {
            error("policy-not-object", "A policy document must be a JSON object",
                  hint: "Write the policy as an object with Version and Statement.", path: nil)
            return PolicyDocument(version: nil, statements: [])
        }
        for member in members where !Self.topLevelKeys.contains(member.key) {
            error("policy-unknown-key", "Unknown policy element '\(member.key)'",
                  hint: "A policy has only Version, Id and Statement (names are case-sensitive).", path: member.key)
        }
        let version = parseVersion(json["Version"])
        var id: String?
        if let idValue = json["Id"] {
            id = idValue.stringValue
            if id == nil {
                error("policy-element-type", "Id must be a string", hint: "Write Id as a string or remove it.", path: "Id")
            }
        }
        let statements = parseStatements(json["Statement"])
        checkDuplicateSids(statements)
        return PolicyDocument(version: version, id: id, statements: statements.map(\.statement))
    }

    mutating func parseVersion(_ value: JSONValue?) -> String? {
        guard let value else {
            diagnostics.append(.warning(
                "policy-version-missing", "The policy has no Version, so IAM treats it as 2008-10-17",
                hint: "Add \"Version\": \"2012-10-17\"; without it policy variables such as ${aws:username} are not resolved.",
                path: "Version"))
            return nil
        }
        guard let text = value.stringValue,
              text == PolicyDocument.currentVersion || text == PolicyDocument.legacyVersion
        else {
            error("policy-version-invalid", "Version must be \"2012-10-17\" or \"2008-10-17\"",
                  hint: "Use \"Version\": \"2012-10-17\" (a version is a fixed string, not a date you choose).", path: "Version")
            return nil
        }
        return text
    }

    mutating func parseStatements(_ value: JSONValue?) -> [(statement: PolicyStatement, path: String)] {
        switch value {
        case nil:
            error("policy-statement-missing", "The policy has no Statement",
                  hint: "Add a Statement: an object or a list of objects.", path: "Statement")
            return []
        case let .array(items)?:
            if items.isEmpty {
                error("policy-statement-empty", "Statement is an empty list",
                      hint: "Give at least one statement.", path: "Statement")
            }
            return items.enumerated().compactMap { index, item in
                let path = "Statement[\(index)]"
                return parseStatement(item, path: path).map { ($0, path) }
            }
        case let value?:
            return parseStatement(value, path: "Statement").map { [($0, "Statement")] } ?? []
        }
    }

    mutating func checkDuplicateSids(_ statements: [(statement: PolicyStatement, path: String)]) {
        var seen: Set<String> = []
        for (statement, path) in statements {
            guard let sid = statement.sid, !sid.isEmpty else { continue }
            if !seen.insert(sid).inserted {
                error("policy-sid-duplicate", "Sid '\(sid)' is used by more than one statement",
                      hint: "Give each statement a unique Sid.", path: path + ".Sid")
            }
        }
    }
}
