import Foundation
import IAMConfConfig
import IAMConfCore
import Testing

/// Rendered diagnostics, pinned by golden files. Re-record with IAMCONF_RECORD=1 swift test.
@Suite struct DiagnosticRendererTests {
    static let isRecording = ProcessInfo.processInfo.environment["IAMCONF_RECORD"] == "1"

    /// Loads a broken fixture's files under their relative names, so the output holds no temp paths.
    static func render(fixture: String) throws -> (text: String, json: String) {
        // Fixture directories are numbered (NN-name); find the one by name.
        let found = Paths.subdirectories(of: Paths.fixtures.appendingPathComponent("broken")).first { $0.lastPathComponent.dropFirst(3) == fixture }
        let directory = try #require(found)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".yaml") }.sorted()
        var texts: [String: String] = [:]
        for name in names { texts[name] = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8) }
        let diagnostics = ConfigurationLoader.load(sources: names.map { SourceFile(path: $0, text: texts[$0] ?? "") }).diagnostics
        let frozen = texts
        let renderer = DiagnosticRenderer { frozen[$0] }
        return (renderer.text(diagnostics), renderer.json(diagnostics))
    }

    static func assertGolden(_ actual: String, _ name: String) throws {
        let url = Paths.fixtures.appendingPathComponent("golden").appendingPathComponent(name)
        if isRecording {
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(actual == expected, "golden file \(name) differs; re-record with IAMCONF_RECORD=1 if the change is intended")
    }

    @Test(arguments: ["many-problems", "many-problems-across-files"])
    func renderedTextMatchesTheGoldenFile(_ fixture: String) throws {
        let (text, json) = try Self.render(fixture: fixture)
        try Self.assertGolden(text, "\(fixture).txt")
        try Self.assertGolden(json, "\(fixture).json")
    }

    @Test func textShowsPlaceLineCaretAndHint() {
        let renderer = DiagnosticRenderer { $0 == "main.yaml" ? "a: 1\n\tkey: value\n" : nil }
        let diagnostic = Diagnostic.error("unknown-key", "unknown key 'key'", hint: "did you mean 'keys'?", at: SourceLocation(file: "main.yaml", line: 2, column: 2))
        #expect(renderer.text(Diagnostics([diagnostic])) == """
            main.yaml:2:2: error: unknown key 'key' [unknown-key]
            \tkey: value
            \t^
              hint: did you mean 'keys'?
            1 error, 0 warnings

            """)
    }

    @Test func diagnosticWithoutPlaceOrSourceRendersTheHeaderOnly() {
        let renderer = DiagnosticRenderer { _ in nil }
        let items = [
            Diagnostic.error("path-not-found", "no such file or directory: 'x'"),
            Diagnostic.warning("root-without-mfa", "no MFA", at: SourceLocation(file: "gone.yaml", line: 3, column: 1)),
        ]
        #expect(renderer.text(Diagnostics(items)) == "error: no such file or directory: 'x' [path-not-found]\ngone.yaml:3:1: warning: no MFA [root-without-mfa]\n1 error, 1 warning\n")
        #expect(DiagnosticRenderer.summary(Diagnostics()) == "no problems found")
    }

    @Test func longLinesAreCutAroundTheCaret() {
        let line = String(repeating: "a", count: 300) + "X" + String(repeating: "b", count: 300)
        let (shown, column) = DiagnosticRenderer.window(line, column: 301)
        #expect(shown.unicodeScalars.count == 162)
        #expect(Array(shown.unicodeScalars)[column - 1] == "X")
        #expect(DiagnosticRenderer.window("short", column: 3) == ("short", 3))
    }

    @Test func jsonCarriesTheSameContent() throws {
        let renderer = DiagnosticRenderer { _ in "x: 1\n" }
        let diagnostic = Diagnostic.error("wrong-type", "bad", hint: "fix", at: SourceLocation(file: "f.yaml", line: 1, column: 4), address: "a.user.u", path: "Statement[0]")
        let json = try JSONParser.parse(renderer.json(Diagnostics([diagnostic])))
        #expect(json["valid"] == .bool(false))
        #expect(json["errors"] == .number("1"))
        let item = try #require(json["diagnostics"]?.arrayValue?.first)
        #expect(item.compactText() == #"{"severity":"error","code":"wrong-type","summary":"bad","hint":"fix","address":"a.user.u","path":"Statement[0]","file":"f.yaml","line":1,"column":4,"source":"x: 1"}"#)
    }
}
