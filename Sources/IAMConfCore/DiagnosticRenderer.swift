import Foundation

/// Renders diagnostics for people (`file:line:column: error: summary [code]`, the source line, a
/// caret, the hint) and for programs (JSON with the same content).
///
/// Lives in Core so the CLI and the tests render identically; it reads nothing but the source
/// text it is handed (or the files the locations name).
public struct DiagnosticRenderer: Sendable {
    /// The text of a file named in a location, or nil when it cannot be shown.
    public var sourceText: @Sendable (String) -> String?

    public init(sourceText: @escaping @Sendable (String) -> String? = DiagnosticRenderer.readFile) {
        self.sourceText = sourceText
    }

    /// Reads a file from disk as UTF-8.
    public static let readFile: @Sendable (String) -> String? = { path in
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Every diagnostic, each followed by its source line, caret and hint, then a count line.
    public func text(_ diagnostics: Diagnostics) -> String {
        var lines = SourceLines(read: sourceText)
        var out = ""
        for diagnostic in diagnostics {
            out += DiagnosticRenderer.printable(header(diagnostic)) + "\n"
            if let location = diagnostic.location, let line = lines.line(location.line, of: location.file) {
                let (cut, cutColumn) = DiagnosticRenderer.window(line, column: location.column)
                let (shown, column) = DiagnosticRenderer.printable(cut, column: cutColumn)
                out += shown + "\n" + caret(under: shown, column: column) + "\n"
            }
            if let hint = diagnostic.hint { out += "  hint: \(DiagnosticRenderer.printable(hint))\n" }
        }
        out += DiagnosticRenderer.summary(diagnostics) + "\n"
        return out
    }

    /// `file:line:column: error: summary [code]` (no place: `error: summary [code]`).
    public func header(_ diagnostic: Diagnostic) -> String {
        let place = diagnostic.location.map { "\($0): " } ?? ""
        let path = diagnostic.path.map { " (at \($0))" } ?? ""
        return "\(place)\(diagnostic.severity.rawValue): \(diagnostic.summary)\(path) [\(diagnostic.code)]"
    }

    /// "2 errors, 1 warning" or "no problems found".
    public static func summary(_ diagnostics: Diagnostics) -> String {
        let errors = diagnostics.errors.count
        let warnings = diagnostics.warnings.count
        if errors == 0 && warnings == 0 { return "no problems found" }
        return "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
    }

    /// The same content as data: `{"valid", "errors", "warnings", "diagnostics": [...]}`.
    public func json(_ diagnostics: Diagnostics) -> String {
        jsonDocument(diagnostics).prettyText() + "\n"
    }

    /// `json(_:)`'s document as a value, for outputs that embed it (`lint --json`).
    public func jsonDocument(_ diagnostics: Diagnostics) -> JSONValue {
        var lines = SourceLines(read: sourceText)
        let items: [JSONValue] = diagnostics.map { diagnostic in
            var members: [(key: String, value: JSONValue)] = [
                ("severity", .string(diagnostic.severity.rawValue)),
                ("code", .string(diagnostic.code)),
                ("summary", .string(diagnostic.summary)),
            ]
            if let hint = diagnostic.hint { members.append(("hint", .string(hint))) }
            if let address = diagnostic.address { members.append(("address", .string(address))) }
            if let path = diagnostic.path { members.append(("path", .string(path))) }
            if let location = diagnostic.location {
                members.append(("file", .string(location.file)))
                members.append(("line", .number(String(location.line))))
                members.append(("column", .number(String(location.column))))
                if let line = lines.line(location.line, of: location.file) { members.append(("source", .string(line))) }
            }
            return .object(members)
        }
        return JSONValue.object([
            ("valid", .bool(!diagnostics.hasErrors)),
            ("errors", .number(String(diagnostics.errors.count))),
            ("warnings", .number(String(diagnostics.warnings.count))),
            ("diagnostics", .array(items)),
        ])
    }

    /// A long line (minified JSON, generated YAML) is cut to the part around the column, so a
    /// terminal shows the caret's surroundings rather than kilobytes of text.
    public static func window(_ line: String, column: Int, radius: Int = 80) -> (line: String, column: Int) {
        let scalars = Array(line.unicodeScalars)
        guard scalars.count > radius * 2 + 40 else { return (line, column) }
        let start = max(0, min(column - 1, scalars.count) - radius)
        let end = min(scalars.count, start + radius * 2)
        var shown = String.UnicodeScalarView()
        if start > 0 { shown.append(contentsOf: "…".unicodeScalars) }
        shown.append(contentsOf: scalars[start..<end])
        if end < scalars.count { shown.append(contentsOf: "…".unicodeScalars) }
        return (String(shown), column - start + (start > 0 ? 1 : 0))
    }

    /// Spaces up to the column (tabs kept, so the caret lines up in a terminal), then `^`.
    private func caret(under line: String, column: Int) -> String {
        var out = ""
        for scalar in line.unicodeScalars.prefix(max(0, column - 1)) { out.unicodeScalars.append(scalar == "\t" ? "\t" : " ") }
        return out + "^"
    }
}

/// Source files split into lines once each, however many diagnostics (or lint findings) point into them.
public struct SourceLines {
    let read: @Sendable (String) -> String?
    var cache: [String: [String]] = [:]

    public init(read: @escaping @Sendable (String) -> String?) {
        self.read = read
    }

    public mutating func line(_ number: Int, of file: String) -> String? {
        if cache[file] == nil {
            guard let text = read(file) else { return nil }
            cache[file] = DiagnosticRenderer.lines(of: text)
        }
        guard let lines = cache[file], number >= 1, number <= lines.count else { return nil }
        return lines[number - 1]
    }
}
