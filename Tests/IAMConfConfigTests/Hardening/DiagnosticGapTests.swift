import Foundation
import IAMConfConfig
import IAMConfCore
import Testing

/// Problems that were reported badly (no hint, the wrong place, the wrong words) or not at all.
@Suite struct DiagnosticGapTests {
    static func load(_ text: String, other: String? = nil) -> Diagnostics {
        var sources = [SourceFile]()
        if let other { sources.append(SourceFile(path: "a-first.yaml", text: other)) }
        sources.append(SourceFile(path: "main.yaml", text: text))
        return ConfigurationLoader.load(sources: sources).diagnostics
    }

    static func summaries(_ diagnostics: Diagnostics) -> [String] {
        diagnostics.map { "\($0.location.map { "\($0.line):\($0.column)" } ?? "-") \($0.code): \($0.summary)" }
    }

    /// A fresh directory with `files` written as raw bytes; symlinks given as "->target".
    static func directory(_ files: [String: [UInt8]], links: [String: String] = [:]) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("iamconf-gaps-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (name, bytes) in files { try Data(bytes).write(to: url.appendingPathComponent(name)) }
        for (name, target) in links { try FileManager.default.createSymbolicLink(atPath: url.appendingPathComponent(name).path, withDestinationPath: target) }
        return url.path
    }

    @Test func aNULByteIsLocatedAndExplained() throws {
        let diagnostics = Self.load("accounts:\n  a:\n    id: \"1\0\"\n")
        let problem = try #require(diagnostics.first { $0.code == "yaml-syntax" })
        #expect(problem.summary.contains("not valid UTF-8"))
        #expect(problem.hint?.contains("NUL byte") == true)
        #expect(problem.location.map { "\($0.line):\($0.column)" } == "3:11")
    }

    @Test func aNonUTF8ByteIsReportedAtItsPlaceNotAsAName() throws {
        let bytes = Array("accounts:\n  a:\n    id: \"111111111111\"\n    users:\n      al".utf8) + [0xE9] + Array("x: {}\n".utf8)
        let path = try Self.directory(["main.yaml": bytes])
        defer { try? FileManager.default.removeItem(atPath: path) }
        let diagnostics = ConfigurationLoader.load(path: path).diagnostics
        #expect(Self.summaries(diagnostics) == ["5:9 invalid-encoding: the file is not valid UTF-8 text (byte 0xE9)"])
        #expect(diagnostics.first?.location?.file == path + "/main.yaml")
    }

    @Test func aSymlinkLoopIsCalledOne() throws {
        let path = try Self.directory([:], links: ["main.yaml": "main.yaml"])
        defer { try? FileManager.default.removeItem(atPath: path) }
        let problem = try #require(ConfigurationLoader.load(path: path).diagnostics.first)
        #expect(problem.code == "unreadable-file")
        #expect(problem.summary.hasSuffix("it is a symbolic link loop"))
        #expect(problem.hint?.contains("permissions") == false)
        let direct = try #require(ConfigurationLoader.load(path: path + "/main.yaml").diagnostics.first)
        #expect(direct.summary.hasSuffix("it is a symbolic link loop"))
    }

    @Test func unknownPolicyByARNHasAHint() throws {
        let diagnostics = Self.load(account("    users:\n      u: { policies: [\"arn:aws:iam::111111111111:policy/Zzzzzzzz\"] }\n"))
        let problem = try #require(diagnostics.first { $0.code == "unknown-policy" })
        #expect(problem.hint?.isEmpty == false)
    }

    @Test func errorsInsideADuplicatedBackendAreReported() {
        let diagnostics = Self.load("backend: { kind: bogus, url: \"javascript:alert(1)\" }\n",
                                    other: "backend: { kind: endpoint, url: \"http://127.0.0.1:5000\" }\n")
        #expect(Set(diagnostics.filter { $0.location?.file == "main.yaml" }.map(\.code)) == ["duplicate-setting", "invalid-value", "invalid-url"])
    }

    @Test(arguments: ["javascript:alert(1)", "http://127.0.0.1:99999", "http://", "https://:5000", "http://host:", "http://host:0", "http://ho st/", "ftp://host"])
    func badBackendURLsAreRejected(_ url: String) {
        let diagnostics = Self.load("backend: { kind: endpoint, url: \"\(url)\" }\n")
        #expect(diagnostics.errors.map(\.code) == ["invalid-url"], "\(Self.summaries(diagnostics))")
    }

    @Test(arguments: ["http://127.0.0.1:5000", "https://iam.amazonaws.com", "http://[::1]:5000/", "HTTP://localhost:65535/path?x=1", "http://user@moto:5000"])
    func goodBackendURLsPass(_ url: String) {
        let diagnostics = Self.load("backend: { kind: endpoint, url: \"\(url)\" }\n")
        #expect(!diagnostics.hasErrors, "\(Self.summaries(diagnostics))")
    }

    @Test func anInvalidExpectDoesNotHideTheOtherErrors() {
        let marked = MarkedText("expectations:\n  - principal: ⟦invalid-reference⟧nobody\n    action: ⟦invalid-value⟧nope\n    resource: ⟦invalid-arn⟧bucket\n    expect: ⟦invalid-value⟧maybe\n")
        #expect(Self.load(marked.text).marks() == Set(marked.marks))
    }

    @Test func duplicateExpectationNamesAreAWarning() {
        let item = "    principal: a.user.u\n    action: s3:GetObject\n    resource: \"*\"\n    expect: deny\n"
        let marked = MarkedText(account("    users: { u: {} }\n") + "expectations:\n  - name: one\n" + item + "  - ⟦duplicate-expectation⟧name: one\n" + item)
        let diagnostics = Self.load(marked.text)
        #expect(diagnostics.marks() == Set(marked.marks))
        #expect(!diagnostics.hasErrors)
    }

    @Test func duplicateExpectationNamesAcrossFilesAreAWarning() throws {
        let item = "    principal: a.user.u\n    action: s3:GetObject\n    resource: \"*\"\n    expect: deny\n"
        let diagnostics = Self.load("expectations:\n  - name: one\n" + item, other: account("    users: { u: {} }\n") + "expectations:\n  - name: one\n" + item)
        let warning = try #require(diagnostics.first { $0.code == "duplicate-expectation" })
        #expect(warning.location == SourceLocation(file: "main.yaml", line: 2, column: 5))
        #expect(warning.hint == "the first is on line 6 of a-first.yaml; give each expectation its own name")
    }

    @Test func aMemberListedTwiceIsCalledThat() throws {
        let marked = MarkedText(account("    users: { u: {} }\n    groups:\n      g: { members: [u, ⟦duplicate-membership⟧u] }\n"))
        let diagnostics = Self.load(marked.text)
        #expect(diagnostics.marks() == Set(marked.marks))
        #expect(diagnostics.first?.summary == "user 'u' is listed twice in the members of group 'g'")
    }
}
