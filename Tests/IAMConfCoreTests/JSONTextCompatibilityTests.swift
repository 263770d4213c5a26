import IAMConfCore
import Testing

/// `compactText` and `prettyText` give the same bytes through `JSONByteWriter` as the writers it
/// replaced; the expected texts were captured from those writers (commit b9247b4).
@Suite struct JSONTextCompatibilityTests {
    /// Valid JSON that reads back, with escapes, unicode, odd number spellings and deep nesting.
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

    static let compact = #"""
        {"escapes":"quote \" backslash \\ slash / tab\t newline\n return\r backspace\b formfeed\f bell\u0007 unit\u001f nul\u0000","unicode":"ünïcödé ✓ 日本 🎉","key \"with\" \\ escapes\n":"","numbers":[0,-0,1.50,1e+10,-12E-3,0.000001,123456789012345678901234567890,3600],"flags":[true,false,null],"empty":{"object":{},"array":[],"string":""},"zebra":"last written, first sorted after \"nested\"","nested":{"d7":[{"d5":[{"d3":[{"d1":[{"bottom":[]},0]},2]},4]},6]}}
        """#

    static let pretty = #"""
        {
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
        """#

    static let prettySorted = #"""
        {
          "empty": {
            "array": [],
            "object": {},
            "string": ""
          },
          "escapes": "quote \" backslash \\ slash / tab\t newline\n return\r backspace\b formfeed\f bell\u0007 unit\u001f nul\u0000",
          "flags": [
            true,
            false,
            null
          ],
          "key \"with\" \\ escapes\n": "",
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
          },
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
          "unicode": "ünïcödé ✓ 日本 🎉",
          "zebra": "last written, first sorted after \"nested\""
        }
        """#

    @Test func compactTextIsUnchanged() {
        #expect(Array(Self.trickyValue().compactText().utf8) == Array(Self.compact.utf8))
    }

    @Test func prettyTextIsUnchanged() {
        #expect(Array(Self.trickyValue().prettyText().utf8) == Array(Self.pretty.utf8))
        #expect(Array(Self.trickyValue().prettyText(sortKeys: true).utf8) == Array(Self.prettySorted.utf8))
    }

    @Test func theTextsReadBackAsTheValue() throws {
        #expect(try JSONParser.parse(Self.compact) == Self.trickyValue())
        #expect(try JSONParser.parse(Self.pretty) == Self.trickyValue())
    }

    /// Alternating arrays and objects `levels` deep, around a string that needs escapes.
    static func deepValue(_ levels: Int) -> JSONValue {
        var value = JSONValue.string("bottom \"\u{01}")
        for level in 0..<levels { value = level % 2 == 0 ? .array([.number("\(level)"), value]) : .object([("k", value), ("n", .null)]) }
        return value
    }

    /// FNV-1a (64 bits): the texts 499 levels deep are too long to spell out here.
    static func digest(_ text: String) -> String {
        String(text.utf8.reduce(0xcbf2_9ce4_8422_2325 as UInt64) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }, radix: 16)
    }

    @Test func deepNestingJustUnderTheLimitIsUnchanged() throws {
        let value = Self.deepValue(499)
        #expect(value.compactText().utf8.count == 5197)
        #expect(Self.digest(value.compactText()) == "a65e1011b446cf05")
        #expect(value.prettyText().utf8.count == 754_694)
        #expect(Self.digest(value.prettyText()) == "3177f2c667f1a29b")
        #expect(try JSONParser.parse(value.compactText()) == value)
    }
}
