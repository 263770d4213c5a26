import IAMConfCore
import Testing

@Suite struct JSONByteWriterTests {
    private static func text(_ writer: JSONByteWriter) -> String { String(decoding: writer.bytes, as: UTF8.self) }

    private static func written(_ style: JSONByteWriter.Style, _ body: (inout JSONByteWriter) -> Void) -> String {
        var writer = JSONByteWriter(style: style)
        body(&writer)
        return text(writer)
    }

    @Test func separatorsAreAutomaticInBothStyles() {
        func document(_ writer: inout JSONByteWriter) {
            writer.beginObject()
            writer.key("a"); writer.integer(-42)
            writer.key("b")
            writer.beginArray()
            writer.string("x"); writer.bool(true); writer.null()
            writer.beginObject(); writer.endObject()
            writer.beginArray(); writer.endArray()
            writer.endArray()
            writer.key("c"); writer.stringMap(["z": "1", "y": "2"])
            writer.endObject()
        }
        #expect(Self.written(.compact, document) == #"{"a":-42,"b":["x",true,null,{},[]],"c":{"y":"2","z":"1"}}"#)
        #expect(Self.written(.indented, document) == """
            {
              "a": -42,
              "b": [
                "x",
                true,
                null,
                {},
                []
              ],
              "c": {
                "y": "2",
                "z": "1"
              }
            }
            """)
    }

    @Test(arguments: [
        ("quote \" backslash \\", #""quote \" backslash \\""#),
        ("\n\r\t\u{08}\u{0C}", #""\n\r\t\b\f""#),
        ("\u{00}\u{01}\u{1F}", #""\u0000\u0001\u001f""#),
        ("ünï ✓ 🎉 / \u{7F}", "\"ünï ✓ 🎉 / \u{7F}\""),
    ])
    func stringsAreEscapedPerRFC8259(text: String, expected: String) {
        #expect(Self.written(.compact) { $0.string(text) } == expected)
        #expect(Self.written(.compact) { $0.beginObject(); $0.key(text); $0.null(); $0.endObject() } == "{\(expected):null}")
    }

    @Test(arguments: ["0", "-0", "12", "1.50", "1e+10", "-12E-3", "123456789012345678901234567890"])
    func jsonNumbersKeepTheirSpelling(spelling: String) {
        #expect(Self.written(.compact) { $0.number(spelling) } == spelling)
        #expect(JSONValue.number(spelling).compactText() == spelling)
    }

    @Test(arguments: ["+12", ".inf", "0x1F", "01", "1.", ".5", "1e", "-", "", "nan", "1_000", " 1"])
    func spellingsJSONCannotCarryBecomeStrings(spelling: String) throws {
        let text = JSONValue.array([.number(spelling)]).compactText()
        #expect(try JSONParser.parse(text) == .array([.string(spelling)]))
    }

    @Test func repeatedKeysKeepTheFirst() throws {
        let value = JSONValue.object([("b", .number("1")), ("a", .number("2")), ("b", .number("3"))])
        #expect(value.compactText() == #"{"b":1,"a":2}"#)
        #expect(value.prettyText(sortKeys: true) == "{\n  \"a\": 2,\n  \"b\": 1\n}")
        let many = JSONValue.object((0..<20).map { (key: "k\($0 % 17)", value: .number("\($0)")) })
        let parsed = try JSONParser.parse(many.compactText())
        #expect(parsed.objectValue?.count == 17)
        #expect(parsed["k1"] == .number("1"))
    }

    @Test func nestingPastTheLimitIsKeptAsTextThatReadsBack() throws {
        var deep = JSONValue.string("bottom")
        for _ in 0..<(JSONByteWriter.maxLevel + 20) { deep = .array([deep]) }
        let text = deep.compactText()
        let parsed = try JSONParser.parse(text)
        var level = 0
        var inner = parsed
        while case let .array(items) = inner, let first = items.first {
            inner = first
            level += 1
        }
        #expect(level == JSONByteWriter.maxLevel)
        // The rest is a string holding the remaining 20 levels.
        var rest = JSONValue.string("bottom")
        for _ in 0..<20 { rest = .array([rest]) }
        #expect(try inner.stringValue.map { try JSONParser.parse($0) } == rest)
    }

    @Test func runsOfElementsWrittenApartJoinIntoOneArray() {
        var whole = JSONByteWriter(style: .indented)
        whole.beginObject()
        whole.key("items")
        whole.beginArray()
        for run in 0..<3 {
            var part = JSONByteWriter(style: .indented, elementsAtLevel: 2, afterOthers: run > 0)
            for item in 0..<2 { part.integer(run * 2 + item) }
            whole.appendElements(part.bytes)
        }
        whole.appendElements([])
        whole.endArray()
        whole.endObject()
        var direct = JSONByteWriter(style: .indented)
        direct.value(.object([("items", .array((0..<6).map { .number("\($0)") }))]))
        #expect(Self.text(whole) == Self.text(direct))
    }

    @Test func prettyTextSortsKeysOnlyWhenAsked() {
        let value = JSONValue.object([("b", .object([("d", .null), ("c", .null)])), ("a", .array([]))])
        #expect(value.prettyText() == "{\n  \"b\": {\n    \"d\": null,\n    \"c\": null\n  },\n  \"a\": []\n}")
        #expect(value.prettyText(sortKeys: true) == "{\n  \"a\": [],\n  \"b\": {\n    \"c\": null,\n    \"d\": null\n  }\n}")
    }
}
