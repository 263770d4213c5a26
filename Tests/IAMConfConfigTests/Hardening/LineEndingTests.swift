import IAMConfConfig
import IAMConfCore
import Testing

/// CRLF files: Swift treats "\r\n" as one Character, so line splitting must work on scalars.
@Suite struct LineEndingTests {
    static let twoDuplicates = "accounts:\n  a:\n    id: \"111111111111\"\n    alias: one\n    alias: two\n    users:\n      alice:\n        path: /a/\n        path: /b/\n"

    @Test(arguments: ["\n", "\r\n", "\r"])
    func everyDuplicateKeyIsReportedAtItsSecondOccurrence(_ newline: String) {
        let text = Self.twoDuplicates.replacingOccurrences(of: "\n", with: newline)
        let diagnostics = ConfigurationLoader.load(sources: [SourceFile(path: "main.yaml", text: text)]).diagnostics
        let duplicates = diagnostics.filter { $0.code == "duplicate-key" }.map { $0.location.map { "\($0.line):\($0.column)" } ?? "-" }
        #expect(duplicates == ["5:5", "9:9"])
    }

    @Test func crlfSourceLineAndCaretAreShown() {
        let text = "accounts:\r\n  a:\r\n    id: \"111111111111\"\r\n    alias: one\r\n    alias: two\r\n"
        let diagnostics = ConfigurationLoader.load(sources: [SourceFile(path: "main.yaml", text: text)]).diagnostics
        let rendered = DiagnosticRenderer { _ in text }.text(diagnostics)
        #expect(rendered.contains("main.yaml:5:5: error: duplicate key 'alias'"))
        #expect(rendered.contains("\n    alias: two\n    ^\n"))
        #expect(!rendered.contains("\r"))
    }

    @Test func linesSplitOnScalarsAndDropTheCarriageReturn() {
        #expect(DiagnosticRenderer.lines(of: "a\r\nb\nc\r\n") == ["a", "b", "c", ""])
        #expect(DiagnosticRenderer.lines(of: "a\rb\u{85}c\u{2028}d\r\n\re") == ["a", "b", "c", "d", "", "e"])
        #expect(DiagnosticRenderer.lineStarts(of: Array("ab\r\ncd\re".unicodeScalars)) == [0, 4, 7])
        #expect(DiagnosticRenderer.lines(of: "") == [""])
    }

    @Test func oldMacLineEndingsShowTheRightSourceLine() {
        // A lone CR is a line break to YAML (libyaml), so it must be one to the renderer too.
        let text = "accounts:\r  a:\r    id: \"111111111111\"\r    alias: one\r    alias: two\r"
        let diagnostics = ConfigurationLoader.load(sources: [SourceFile(path: "main.yaml", text: text)]).diagnostics
        #expect(DiagnosticRenderer { _ in text }.text(diagnostics).contains("main.yaml:5:5: error: duplicate key 'alias'") == true)
        #expect(DiagnosticRenderer { _ in text }.text(diagnostics).contains("\n    alias: two\n    ^\n"))
    }

    @Test(arguments: ["\u{2028}", "\u{85}", "\u{2029}"])
    func unicodeLineBreaksCountAsYAMLCountsThem(_ separator: String) {
        let text = "# a\(separator)# b\naccounts:\n  a:\n    id: \"111111111111\"\n    alias: one\n    alias: two\n"
        let diagnostics = ConfigurationLoader.load(sources: [SourceFile(path: "main.yaml", text: text)]).diagnostics
        #expect(DiagnosticRenderer { _ in text }.text(diagnostics).contains("\n    alias: two\n    ^\n"))
    }
}
