import IAMConfCore

/// The report `iamconf test` prints (and `plan` shows when an expectation fails).
extension ExpectationResult {
    /// `file:line` of the expectation, when known.
    public var place: String? { expectation.location.map { "\($0.file):\($0.line)" } }

    /// A `PASS`/`FAIL` line; a failure adds what was expected, what happened and why.
    public var text: String {
        let at = place.map { " (\($0))" } ?? ""
        guard !isPassed else { return "PASS \(title)\(at)\n" }
        var lines = ["FAIL \(title)\(at)"]
        if let error {
            lines.append("  cannot evaluate: \(error.message)")
            if let hint = error.hint { lines.append("  hint: \(hint)") }
        } else if let answer {
            lines.append("  expected \(expectation.expected.rawValue), got \(answer.headline)")
            lines.append(answer.text(indent: "  ").trimmingTrailingNewline)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public var json: JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("name", .string(title)),
            ("location", place.map(JSONValue.string) ?? .null),
            ("principal", .string(expectation.principal)),
            ("assume", .array(expectation.assume.map(JSONValue.string))),
            ("action", .string(expectation.action)),
            ("resource", .string(expectation.resource)),
            ("expected", .string(expectation.expected.rawValue)),
            ("passed", .bool(isPassed)),
            ("answer", answer?.json ?? .null),
        ]
        if let error {
            members.append(("error", .object([
                ("code", .string(error.code)), ("message", .string(error.message)),
                ("hint", error.hint.map(JSONValue.string) ?? .null),
            ])))
        }
        return .object(members)
    }
}

extension [ExpectationResult] {
    /// Every result's line, then `N passed, N failed`.
    public var reportText: String {
        let failed = filter { !$0.isPassed }.count
        return map(\.text).joined() + "\(count - failed) passed, \(failed) failed\n"
    }

    public var reportJSON: JSONValue {
        let failed = filter { !$0.isPassed }.count
        return .object([
            ("passed", .number(String(count - failed))),
            ("failed", .number(String(failed))),
            ("results", .array(map(\.json))),
        ])
    }
}

extension String {
    var trimmingTrailingNewline: String { hasSuffix("\n") ? String(dropLast()) : self }
}
