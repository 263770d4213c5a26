import IAMConfConfig
import IAMConfCore
import Testing

/// Diagnostics must not echo terminal escape sequences hidden in names (they would retitle or
/// clear the user's terminal); they are shown as `\u{1B}` like the plan renderer does.
@Suite struct ControlCharacterTests {
    @Test func hostileUserNameIsEscapedInSummarySourceLineAndHint() {
        let text = "accounts:\n  a:\n    id: \"111111111111\"\n    users:\n      \"\\e]0;pwned\\a\\e[2J\": {}\n"
        let diagnostics = ConfigurationLoader.load(sources: [SourceFile(path: "main.yaml", text: text)]).diagnostics
        #expect(diagnostics.contains { $0.code == "invalid-name" })
        let rendered = DiagnosticRenderer { _ in text }.text(diagnostics)
        #expect(!rendered.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(rendered.contains("\\u{1B}]0;pwned\\u{7}\\u{1B}[2J"))
    }

    @Test func rawControlCharactersInTheSourceLineAreEscapedAndTheCaretFollows() {
        let renderer = DiagnosticRenderer { _ in "\tx: \u{1B}[2Jy\n" }
        let diagnostic = Diagnostic.error("c", "bad \u{07}", hint: "h\u{1B}", at: SourceLocation(file: "f", line: 1, column: 9))
        #expect(renderer.text(Diagnostics([diagnostic])) == """
            f:1:9: error: bad \\u{7} [c]
            \tx: \\u{1B}[2Jy
            \t            ^
              hint: h\\u{1B}
            1 error, 0 warnings

            """)
    }

    @Test func printableKeepsTabsOnlyWhenAsked() {
        #expect(DiagnosticRenderer.printable("a\tb\u{9B}") == "a\\u{9}b\\u{9B}")
        #expect(DiagnosticRenderer.printable("a\tb", keepingTabs: true) == "a\tb")
        #expect(DiagnosticRenderer.printable("evil\u{202E}txt.exe\u{2028}") == "evil\\u{202E}txt.exe\\u{2028}")
        #expect(DiagnosticRenderer.printable("Grüße ✓ 日本") == "Grüße ✓ 日本")
    }
}
