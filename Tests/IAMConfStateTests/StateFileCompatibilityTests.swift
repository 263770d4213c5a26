import Foundation
import IAMConfCore
@testable import IAMConfState
import Testing

/// The state file gives the same bytes through `JSONByteWriter` as through the state writer it
/// replaced; the expected text was captured from that writer (commit b9247b4).
@Suite struct StateFileCompatibilityTests {
    /// Valid JSON with escapes, unicode, odd number spellings and nesting, as a policy document.
    static func trickyValue() -> JSONValue {
        var nested = JSONValue.object([("bottom", .array([]))])
        for depth in 0..<8 { nested = depth % 2 == 0 ? .array([nested, .number("\(depth)")]) : .object([("d\(depth)", nested)]) }
        return .object([
            ("escapes", .string("quote \" backslash \\ slash / tab\t newline\n return\r backspace\u{08} formfeed\u{0C} bell\u{07} unit\u{1F} nul\u{00}")),
            ("unicode", .string("ünïcödé ✓ 日本 🎉")),
            ("key \"with\" \\ escapes\n", .string("")),
            ("numbers", .array(["0", "-0", "1.50", "1e+10", "-12E-3", "0.000001", "123456789012345678901234567890", "3600"].map(JSONValue.number))),
            ("flags", .array([.bool(true), .bool(false), .null])),
            ("empty", .object([("object", .object([])), ("array", .array([])), ("string", .string(""))])),
            ("zebra", .string("last written, first sorted after \"nested\"")),
            ("nested", nested),
        ])
    }

    static let expected = #"""
        {
          "format_version": 1,
          "iamconf_version": "0.1.0",
          "lineage": "3f1c2a4e-0000-4000-8000-000000000000",
          "serial": 7,
          "backend": {
            "kind": "simulator"
          },
          "resources": [
            {
              "address": "main.policy.tricky",
              "type": "policy",
              "account_id": "111111111111",
              "attributes": {
                "description": "tab\t ü ✓",
                "document": {
                  "escapes": "quote \" backslash \\ slash / tab\t newline\n return\r backspace\b formfeed\f bell\u0007 unit\u001f nul\u0000",
                  "unicode": "ünïcödé ✓ 日本 🎉",
                  "key \"with\" \\ escapes\n": "",
                  "numbers": [
                    0,
                    -0,
                    1.50,
                    1e+10,
                    -12E-3,
                    0.000001,
                    123456789012345678901234567890,
                    3600
                  ],
                  "flags": [
                    true,
                    false,
                    null
                  ],
                  "empty": {
                    "object": {},
                    "array": [],
                    "string": ""
                  },
                  "zebra": "last written, first sorted after \"nested\"",
                  "nested": {
                    "d7": [
                      {
                        "d5": [
                          {
                            "d3": [
                              {
                                "d1": [
                                  {
                                    "bottom": []
                                  },
                                  0
                                ]
                              },
                              2
                            ]
                          },
                          4
                        ]
                      },
                      6
                    ]
                  }
                }
              },
              "outputs": {
                "arn": "arn:aws:iam::111111111111:policy/tricky",
                "note": "quote \" nl \n"
              },
              "secrets": {
                "password": "p\u0001w"
              },
              "dependencies": [
                "main.user.alice"
              ]
            }
          ]
        }

        """#

    @Test func aTrickyStateWritesTheSameBytes() throws {
        let address = Address(account: "main", kind: .policy, name: "tricky")
        let resource = ResourceState(
            address: address, type: ResourceType(rawValue: "policy"), accountID: "111111111111",
            attributes: ["document": Self.trickyValue(), "description": .string("tab\t ü ✓")],
            outputs: ["arn": "arn:aws:iam::111111111111:policy/tricky", "note": "quote \" nl \n"], secrets: ["password": "p\u{01}w"],
            dependencies: [Address(account: "main", kind: .user, name: "alice")])
        let state = State(lineage: "3f1c2a4e-0000-4000-8000-000000000000", serial: 7, backend: .simulator, resources: [address: resource])
        let bytes = StateFile.encode(state)
        #expect(bytes == Array(Self.expected.utf8))
        #expect(try StateFile.decode(bytes, path: "tricky") == state)
    }

    /// A document nested past the writer's limit: the part below level 500 is kept as compact text
    /// in a string, exactly as before. FNV-1a (64 bits) because the text is 740 KiB.
    @Test func aDocumentNestedPastTheLimitWritesTheSameBytes() throws {
        var document = JSONValue.string("bottom \"\u{01}")
        for level in 0..<520 { document = level % 2 == 0 ? .array([.number("\(level)"), document]) : .object([("k", document), ("n", .null)]) }
        let address = Address(account: "main", kind: .policy, name: "deep")
        let state = State(
            lineage: "3f1c2a4e-0000-4000-8000-000000000000", serial: 1,
            resources: [address: ResourceState(address: address, type: ResourceType(rawValue: "policy"), accountID: "111111111111", attributes: ["document": document])])
        let bytes = StateFile.encode(state)
        #expect(bytes.count == 758_327)
        #expect(String(bytes.reduce(0xcbf2_9ce4_8422_2325 as UInt64) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }, radix: 16) == "6b5e248e495c5c8e")
        // It reads back, with the deepest part as a string.
        #expect(try StateFile.decode(bytes, path: "deep").resources[address] != nil)
    }

    /// An address is a closed vocabulary of kinds: one this iamconf does not know (hand-edited, or a
    /// newer iamconf's) is refused with the member and the kinds it does know, in either form.
    @Test(arguments: [
        #""main.widget.alice""#,
        #"{"account": "main", "kind": "widget", "name": "alice"}"#,
    ])
    func anUnknownAddressKindIsRefused(address: String) throws {
        let alice = Address(account: "main", kind: .user, name: "alice")
        let valid = StateFile.encode(State(lineage: "l", resources: [alice: ResourceState(address: alice, type: ResourceType(rawValue: "user"), accountID: "111111111111")]))
        let text = String(decoding: valid, as: UTF8.self).replacingOccurrences(of: #""main.user.alice""#, with: address)
        #expect(text.contains("widget"))
        do {
            _ = try StateFile.decode(Array(text.utf8), path: "s.json")
            Issue.record("a state naming address kind 'widget' was accepted")
        } catch {
            #expect(error.code == .invalidMember, "\(error)")
            #expect(error.message.contains("widget"), "\(error)")
        }
    }
}
