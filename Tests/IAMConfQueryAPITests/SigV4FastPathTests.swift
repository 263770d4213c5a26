import Testing

@testable import IAMConfQueryAPI

/// The canonical header value's fast path (a value already trimmed is used as it is) gives what
/// splitting and joining gave, for every shape of whitespace.
@Suite struct SigV4FastPathTests {
    @Test(arguments: [
        "", " ", "a", "a b", "a  b", " a", "a ", "\ta", "a\tb", "a\nb", "a\r\nb", "a \u{301}b", " \u{301}a", "a \u{301}", "a\u{00A0}b",
        "AWS4-HMAC-SHA256 Credential=AKID/20261207/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-date, Signature=ab",
        "127.0.0.1:7811", "20261207T150405Z", "é 北京",
    ])
    func trimmedEqualsSplitAndJoin(_ value: String) {
        let slow = value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }).joined(separator: " ")
        #expect(SigV4.trimmed(value) == slow)
    }
}
