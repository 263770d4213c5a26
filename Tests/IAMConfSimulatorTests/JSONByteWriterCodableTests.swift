import Foundation
import IAMConfCore
@testable import IAMConfSimulator
import Testing

/// The world file's members: strings JSONDecoder reads back, nil members left out as synthesized Codable does.
@Suite struct JSONByteWriterCodableTests {
    @Test(arguments: ["plain", "quote \" and backslash \\", "tab\tnewline\nreturn\r", "control \u{1}\u{1F}", "backspace \u{08} formfeed \u{0C}", "ünïcödé ✓ 🎉", ""])
    func stringsRoundTripThroughAJSONDecoder(text: String) throws {
        var writer = JSONByteWriter(style: .compact)
        writer.beginArray()
        writer.string(text)
        writer.integer(-42)
        writer.bool(true)
        writer.endArray()
        let decoded = try JSONSerialization.jsonObject(with: Data(writer.bytes)) as? [Any]
        #expect(decoded?.first as? String == text)
        #expect(decoded?.count == 3)
    }

    @Test func objectsSeparateMembersAndOmitNils() {
        var writer = JSONByteWriter(style: .compact)
        writer.beginObject()
        writer.field("a", "x")
        writer.field("b", nil as String?)
        writer.field("c", strings: ["1", "2"])
        writer.field("d", map: ["z": "1", "y": "2"])
        writer.endObject()
        #expect(String(decoding: writer.bytes, as: UTF8.self) == #"{"a":"x","c":["1","2"],"d":{"y":"2","z":"1"}}"#)
    }
}
