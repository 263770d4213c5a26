import Foundation
@testable import IAMConfSimulator
import Testing

@Suite struct JSONWriterTests {
    @Test(arguments: ["plain", "quote \" and backslash \\", "tab\tnewline\nreturn\r", "control \u{1}\u{1F}", "ünïcödé ✓ 🎉", ""])
    func stringsRoundTripThroughAJSONDecoder(text: String) throws {
        var writer = JSONWriter()
        writer.beginArray()
        writer.string(text)
        writer.int(-42)
        writer.bool(true)
        writer.endArray()
        let decoded = try JSONSerialization.jsonObject(with: Data(writer.bytes)) as? [Any]
        #expect(decoded?.first as? String == text)
        #expect(decoded?.count == 3)
    }

    @Test func objectsSeparateMembersAndOmitNils() {
        var writer = JSONWriter()
        writer.beginObject()
        writer.field("a", "x")
        writer.field("b", nil as String?)
        writer.field("c", strings: ["1", "2"])
        writer.field("d", map: ["z": "1", "y": "2"])
        writer.endObject()
        #expect(String(decoding: writer.bytes, as: UTF8.self) == #"{"a":"x","c":["1","2"],"d":{"y":"2","z":"1"}}"#)
    }
}
