import Foundation
import Testing

@testable import IAMConfServer

/// The decision log's line, written by hand, is the object `JSONEncoder` wrote, whatever the strings
/// in it hold; and older lines still read.
@Suite struct DecisionLogLineTests {
    static let hostile = [
        "plain", "", "quote \" and backslash \\ and slash /", "control \u{0}\u{1}\u{8}\u{9}\u{A}\u{C}\u{D}\u{1F}\u{7F} end",
        "non-ASCII é 北京 😀 \u{2028}\u{2029} \u{FEFF}", "{\"json\": [1, 2]}\\u0041", "</script><!--",
    ]

    /// The hand-written line is the object `JSONEncoder` wrote, for every hostile string in every field.
    @Test(arguments: hostile)
    func theLogLineParsesAsJSONEncodersDid(_ text: String) throws {
        let records = [
            DecisionRecord(
                time: "2026-12-07T15:04:05Z", caller: text, action: "s3:\(text)", resource: "arn:aws:s3:::b/\(text)", outcome: .denied,
                code: text, statements: [.init(text: text, at: "\(text):1:2"), .init(text: "second \(text)")],
                missingContextKeys: [text, "aws:MultiFactorAuthPresent"], sourceIP: text),
            DecisionRecord(time: text, caller: nil, action: text, resource: "", outcome: .unauthenticated, sourceIP: "127.0.0.1"),
        ]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for record in records {
            let line = record.jsonLine()
            #expect(line.last == UInt8(ascii: "\n"))
            #expect(line.dropLast().allSatisfy { $0 != UInt8(ascii: "\n") }, "one record, one line")
            let ours = try JSONSerialization.jsonObject(with: Data(line)) as? NSDictionary
            let theirs = try JSONSerialization.jsonObject(with: encoder.encode(record)) as? NSDictionary
            #expect(ours != nil && ours == theirs)
            #expect(try JSONDecoder().decode(DecisionRecord.self, from: Data(line)) == record)
        }
    }

    /// Logs written before statements had locations (plain strings) still read.
    @Test func anOlderLogLineStillReads() throws {
        let line = #"{"action":"s3:GetObject","caller":"arn:aws:iam::1:user/a","missingContextKeys":[],"outcome":"allowed","resource":"arn:aws:s3:::b/k","sourceIP":"127.0.0.1","statements":["AWS managed AmazonS3FullAccess statement 0"],"time":"2026-12-07T15:04:05Z"}"#
        let record = try JSONDecoder().decode(DecisionRecord.self, from: Data(line.utf8))
        #expect(record.statements == [.init(text: "AWS managed AmazonS3FullAccess statement 0")])
    }
}
