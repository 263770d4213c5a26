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

    /// The canonical query sorts encoded names, then values, in byte order (AWS's rule), whatever
    /// their case or punctuation.
    @Test func theCanonicalQueryIsInByteOrder() {
        let names = ["b", "B", "a", "_", "~", "-", ".", "Z", "0", "€", "a b", "a+b", "A"]
        let query = names.flatMap { [QueryParameter($0, "2"), QueryParameter($0, "1"), QueryParameter($0, "é")] }
        let expected = query.map { (PercentEncoding.encode($0.name), PercentEncoding.encode($0.value)) }
            .sorted { $0.0 == $1.0 ? Array($0.1.utf8).lexicographicallyPrecedes($1.1.utf8) : Array($0.0.utf8).lexicographicallyPrecedes($1.0.utf8) }
            .map { "\($0.0)=\($0.1)" }.joined(separator: "&")
        #expect(SigV4.canonicalQuery(query) == expected)
    }
}
