import IAMConfCore
import Testing
import Yams

@testable import IAMConfConfig

/// The event-driven tree builder that replaced `Yams.Parser` for loading: same trees, same
/// marks, every duplicate key in one pass, libyaml's own syntax messages.
@Suite struct YAMLTreeBuilderTests {
    static func parse(_ text: String) -> (root: Node?, diagnostics: [Diagnostic]) {
        YAMLTreeBuilder.parse(text, file: "f.yaml")
    }

    static func locations(_ diagnostics: [Diagnostic]) -> [String] {
        diagnostics.map { "\($0.code)@\($0.location.map { "\($0.line):\($0.column)" } ?? "-")" }
    }

    @Test("marks are built field by field: Yams keeps Mark's initializer internal")
    func marksRoundTrip() {
        #expect(MemoryLayout<Mark>.size == MemoryLayout<(Int, Int)>.size)
        let mark = Mark.at(line: 12, column: 34)
        #expect(mark.line == 12 && mark.column == 34)
    }

    @Test("the tree matches Yams' parser: values, styles and line:column of every node")
    func sameTreeAsYams() throws {
        let text = """
            accounts:
              main:
                id: "111111111111"
                users:
                  - alice
                  - 'bob'
                note: |
                  two
                  lines
                flow: { a: [1, 2], b: ~ }
                ü: café
            """
        let built = try #require(Self.parse(text).root)
        let reference = try #require(try Parser(yaml: text, resolver: .basic).singleRoot())
        #expect(Self.flatten(built) == Self.flatten(reference))
        #expect(Self.parse(text).diagnostics.isEmpty)
    }

    /// Every node as "line:column kind value style", in document order.
    static func flatten(_ node: Node) -> [String] {
        let at = node.mark.map { "\($0.line):\($0.column)" } ?? "-"
        switch node {
        case let .scalar(scalar): return ["\(at) scalar \(scalar.string) \(scalar.style)"]
        case let .sequence(items): return ["\(at) sequence \(items.count)"] + items.flatMap(flatten)
        case let .mapping(mapping): return ["\(at) mapping \(mapping.count)"] + mapping.flatMap { flatten($0.key) + flatten($0.value) }
        case .alias: return ["\(at) alias"]
        }
    }

    @Test("every duplicate key is reported where it repeats, naming the first line; the first value is kept")
    func everyDuplicateInOnePass() throws {
        let keys = (0..<20).map { "  k\($0): \($0)" }.joined(separator: "\n")
        let text = "top:\n\(keys)\n  k3: again\n  k19: again\nother: 1\nother: 2\n"
        let (root, diagnostics) = Self.parse(text)
        #expect(Self.locations(diagnostics) == ["duplicate-key@22:3", "duplicate-key@23:3", "duplicate-key@25:1"])
        #expect(diagnostics.map(\.hint) == [
            "the key is first defined on line 5; remove one of them (YAML keeps no duplicates)",
            "the key is first defined on line 21; remove one of them (YAML keeps no duplicates)",
            "the key is first defined on line 24; remove one of them (YAML keeps no duplicates)",
        ])
        guard case let .mapping(mapping)? = root, case let .mapping(top)? = mapping.value(forKey: "top") else {
            Issue.record("no tree")
            return
        }
        #expect(top.count == 20)
        #expect(top.value(forKey: "k3")?.scalar?.string == "3")
    }

    @Test("anchors and aliases resolve to the anchored node; an unknown alias is a syntax error")
    func aliases() throws {
        let (root, diagnostics) = Self.parse("base: &b { path: /x/ }\nuse: *b\n")
        #expect(diagnostics.isEmpty)
        guard case let .mapping(mapping)? = root else { Issue.record("no tree"); return }
        #expect(mapping.value(forKey: "use")?.mapping?.value(forKey: "path")?.scalar?.string == "/x/")
        let unknown = Self.parse("use: *nowhere\n")
        #expect(unknown.root == nil)
        #expect(Self.locations(unknown.diagnostics) == ["yaml-syntax@1:6"])
        #expect(unknown.diagnostics.first?.summary == "invalid YAML: found undefined alias")
    }

    @Test("syntax errors keep libyaml's words and place")
    func syntaxErrors() {
        let broken = Self.parse("a:\n  b: [1, 2\n")
        #expect(broken.root == nil)
        #expect(broken.diagnostics.first?.code == "yaml-syntax")
        #expect(broken.diagnostics.first?.summary.hasPrefix("invalid YAML: did not find expected") == true)
        let twoDocuments = Self.parse("a: 1\n---\nb: 2\n")
        #expect(twoDocuments.diagnostics.first?.summary == "invalid YAML: but found another document")
        #expect(Self.locations(twoDocuments.diagnostics) == ["yaml-syntax@2:1"])
        let control = Self.parse("a: 1\nb: x\u{07}y\n")
        #expect(Self.locations(control.diagnostics) == ["yaml-syntax@2:5"])
        #expect(control.diagnostics.first?.hint?.contains("U+0007") == true)
    }

    @Test func emptyFileHasNoRoot() {
        for text in ["", "\n", "# only a comment\n"] {
            let (root, diagnostics) = Self.parse(text)
            #expect(root == nil && diagnostics.isEmpty, "\(text.debugDescription)")
        }
    }
}
