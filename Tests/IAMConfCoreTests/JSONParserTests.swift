import IAMConfCore
import Testing

@Suite("JSON reading and writing")
struct JSONParserTests {
    @Test("key order and number spelling survive a round trip")
    func roundTrip() throws {
        let text = #"{"b":1,"a":[true,null,"x\"y",2.50,-3e2],"c":{}}"#
        let value = try JSONParser.parse(text)
        #expect(value.compactText() == text)
        #expect(value["a"]?.arrayValue?.count == 5)
    }

    @Test("errors say where", arguments: [
        ("{\"a\": 1,}", 1, 9), ("[1, 2", 1, 6), ("{\"a\": 1, \"a\": 2}", 1, 10), ("\n\n  tru", 3, 3), ("\"\\q\"", 1, 2),
    ])
    func failures(text: String, line: Int, column: Int) {
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(text) }
        do {
            _ = try JSONParser.parse(text)
        } catch {
            #expect(error.line == line && error.column == column, "\(error)")
        }
    }

    @Test("unicode escapes, surrogate pairs and control characters")
    func unicode() throws {
        #expect(try JSONParser.parse(#""\u00e9\ud83d\ude00""#) == .string("é😀"))
        #expect(JSONValue.string("a\u{01}b").compactText() == #""a\u0001b""#)
    }

    @Test("deep nesting is refused, not a crash")
    func depth() {
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(String(repeating: "[", count: 10_000)) }
    }
}
