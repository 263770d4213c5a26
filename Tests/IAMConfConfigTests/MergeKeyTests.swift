import IAMConfCore
import Testing
import Yams

@testable import IAMConfConfig

/// YAML 1.1 merge keys (`<<: *base`, `<<: [*a, *b]`): explicit keys win, earlier maps in a list
/// win, merged values keep the anchor's line:column, and merges cannot blow up a small file.
@Suite struct MergeKeyTests {
    static func load(_ text: String) -> (configuration: Configuration?, diagnostics: Diagnostics) {
        ConfigurationLoader.load(sources: [SourceFile(path: "main.yaml", text: text)])
    }

    static func user(_ name: String, in text: String) -> User? {
        load(text).configuration?.accounts.first?.users.first { $0.name == name }
    }

    static let base = """
        accounts:
          a:
            id: "111111111111"
            groups: { devs: {}, ops: {} }
            users:
              template: &base
                path: /engineering/
                groups: [devs]
                tags: { team: core }
              other: &other
                path: /ops/
                access_keys: 1
                groups: [ops]

        """

    @Test func aMergedMappingGivesItsKeys() throws {
        let text = Self.base + "      alice:\n        <<: *base\n"
        #expect(Self.load(text).diagnostics.errors.isEmpty, "\(Self.load(text).diagnostics.map(\.summary))")
        let alice = try #require(Self.user("alice", in: text))
        #expect(alice.path == "/engineering/")
        #expect(alice.groups == ["devs"])
        #expect(alice.tags == [Tag(key: "team", value: "core")])
    }

    @Test func explicitKeysWinWhereverTheyAreWritten() throws {
        let before = try #require(Self.user("alice", in: Self.base + "      alice:\n        path: /mine/\n        <<: *base\n"))
        let after = try #require(Self.user("alice", in: Self.base + "      alice:\n        <<: *base\n        path: /mine/\n"))
        #expect(before.path == "/mine/")
        #expect(after.path == "/mine/")
        #expect(after.groups == ["devs"])
    }

    @Test func earlierMapsInAListWin() throws {
        let alice = try #require(Self.user("alice", in: Self.base + "      alice:\n        <<: [*other, *base]\n"))
        #expect(alice.path == "/ops/")
        #expect(alice.groups == ["ops"])
        #expect(alice.accessKeys == 1)
        #expect(alice.tags == [Tag(key: "team", value: "core")])
        let bob = try #require(Self.user("bob", in: Self.base + "      bob:\n        <<: [*base, *other]\n"))
        #expect(bob.path == "/engineering/")
        #expect(bob.accessKeys == 1)
    }

    @Test func aProblemInAMergedValuePointsAtTheAnchor() {
        let text = """
            accounts:
              a:
                id: "111111111111"
                users:
                  base: &base
                    path: /x/
                    groups: [nosuch]
                  alice:
                    <<: *base

            """
        let errors = Self.load(text).diagnostics.errors
        #expect(errors.map { "\($0.code)@\($0.location?.line ?? 0):\($0.location?.column ?? 0)" } == ["unknown-group@7:18"])
    }

    @Test func aMergeOfSomethingElseIsReportedAtIt() {
        let text = Self.base + "      alice:\n        <<: [*base, plain]\n"
        let errors = Self.load(text).diagnostics.errors
        #expect(errors.map { "\($0.code)@\($0.location?.line ?? 0)" } == ["wrong-type@15"])
    }

    @Test func aQuotedMergeKeyIsAnOrdinaryKey() {
        let text = Self.base + "      alice:\n        \"<<\": *base\n"
        #expect(Self.load(text).diagnostics.errors.map(\.code) == ["unknown-key"])
    }

    @Test func twoMergeKeysInOneMappingAreADuplicate() {
        let text = Self.base + "      alice:\n        <<: *base\n        <<: *other\n"
        #expect(Self.load(text).diagnostics.errors.map { "\($0.code)@\($0.location?.line ?? 0)" } == ["duplicate-key@16"])
    }

    @Test func nestedMergesStopAtTheBudget() {
        // Each level merges eight copies of the previous one's keys under new names; without a
        // budget the last level would copy 8^9 pairs.
        var text = "a0: &a0 { k: v }\n"
        for level in 1...9 {
            let keys = (0..<8).map { "x\(level)_\($0): *a\(level - 1)" }.joined(separator: ", ")
            text += "a\(level): &a\(level) { <<: [" + (0..<8).map { _ in "*a\(level - 1)" }.joined(separator: ", ") + "], \(keys) }\n"
        }
        // Merging the same map many times adds no new keys, so this one is small.
        let parsed = YAMLTreeBuilder.parse(text, file: "f.yaml")
        #expect(parsed.root != nil)
        var bomb = "b0: &b0 { " + (0..<1000).map { "k\($0): v" }.joined(separator: ", ") + " }\nlist:\n"
        for index in 0..<200 { bomb += "  - { <<: *b0, n: \(index) }\n" }
        let refused = YAMLTreeBuilder.parse(bomb, file: "f.yaml")
        #expect(refused.root == nil)
        #expect(refused.diagnostics.map(\.code) == ["document-too-large"])
    }
}
