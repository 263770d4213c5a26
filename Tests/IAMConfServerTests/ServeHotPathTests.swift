import Foundation
import IAMConfQueryAPI
import Testing

@testable import IAMConfServer

/// What the request path now computes by hand or keeps between requests gives exactly what it
/// computed before: signing keys, the claim, timestamps.
@Suite struct ServeHotPathTests {
    static let scope = SigningKeyCache.Scope(secret: "secret-A", dateStamp: "20261207", region: "us-east-1", service: "s3")

    @Test func aCachedSigningKeyIsTheDerivedOne() {
        var cache = SigningKeyCache()
        let derived = SigV4.signingKey(secret: "secret-A", dateStamp: "20261207", region: "us-east-1", service: "s3")
        #expect(cache.key(for: Self.scope) == derived)
        #expect(cache.key(for: Self.scope) == derived)
        #expect(cache.count == 1)
    }

    /// Each of the four values changes the key: the cache never answers one scope with another's key.
    @Test(arguments: [
        SigningKeyCache.Scope(secret: "secret-B", dateStamp: "20261207", region: "us-east-1", service: "s3"),
        SigningKeyCache.Scope(secret: "secret-A", dateStamp: "20261208", region: "us-east-1", service: "s3"),
        SigningKeyCache.Scope(secret: "secret-A", dateStamp: "20261207", region: "eu-west-1", service: "s3"),
        SigningKeyCache.Scope(secret: "secret-A", dateStamp: "20261207", region: "us-east-1", service: "sts"),
    ])
    func anotherScopeGetsItsOwnKey(_ other: SigningKeyCache.Scope) {
        var cache = SigningKeyCache()
        let first = cache.key(for: Self.scope)
        let second = cache.key(for: other)
        #expect(second != first)
        #expect(second == SigV4.signingKey(secret: other.secret, dateStamp: other.dateStamp, region: other.region, service: other.service))
        #expect(cache.key(for: Self.scope) == first)
    }

    @Test func theCacheStaysBoundedAndCorrect() {
        var cache = SigningKeyCache()
        for index in 0...SigningKeyCache.limit {
            _ = cache.key(for: .init(secret: "s\(index)", dateStamp: "20261207", region: "us-east-1", service: "s3"))
        }
        #expect(cache.count <= SigningKeyCache.limit)
        #expect(cache.key(for: Self.scope) == SigV4.signingKey(secret: "secret-A", dateStamp: "20261207", region: "us-east-1", service: "s3"))
    }

    /// A key id whose secret changed (a key re-registered) is checked with the new secret, though the
    /// server derived and kept the old secret's key for the same day and scope.
    @Test func aKeptKeyNeverOutlivesItsSecret() throws {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let old = SigV4VerifierTests.suiteCredential
        var new = old
        new.secretAccessKey = "a-new-secret"
        var keys = SigningKeyCache()
        let verifier = SigV4Verifier()
        func verify(_ request: ServerRequest, with credential: ServerCredential) -> ServiceError? {
            do {
                _ = try verifier.verify(
                    request, claim: Result { () throws(ServiceError) in try SigV4Verifier.claim(of: request) }, now: now,
                    lookup: { $0 == credential.accessKeyID ? credential : nil }, keys: &keys)
                return nil
            } catch { return error }
        }
        let signedWithOld = SigV4VerifierTests.signed(now: now)
        #expect(verify(signedWithOld, with: old) == nil)
        #expect(verify(signedWithOld, with: new)?.code == "SignatureDoesNotMatch")
        #expect(verify(SigV4VerifierTests.signed(now: now, secret: "a-new-secret"), with: new) == nil)
    }

    /// The one-pass reading of the Authorization header finds what the dictionary-based one found.
    @Test func theHeaderIsReadInOnePass() throws {
        func claim(_ authorization: String) throws -> SigV4Verifier.Claim? {
            try SigV4Verifier.claim(
                of: ServerRequest(method: "GET", target: "/", headers: [QueryParameter("Authorization", authorization), QueryParameter("X-Amz-Date", "20261207T000000Z")]))
        }
        let spaced = try #require(try claim(" AWS4-HMAC-SHA256  Credential=AKID/20261207/us-east-1/s3/aws4_request ,SignedHeaders=Host;X-Amz-Date,  Signature=abc , Other=x"))
        #expect([spaced.accessKeyID, spaced.dateStamp, spaced.region, spaced.service, spaced.signature] == ["AKID", "20261207", "us-east-1", "s3", "abc"])
        #expect(spaced.signedHeaders == ["host", "x-amz-date"])
        let repeated = try #require(try claim("AWS4-HMAC-SHA256 Signature=first, Credential=AKID/20261207/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=second"))
        #expect(repeated.signature == "second")
        #expect(throws: ServiceError.self) { try claim("AWS4-HMAC-SHA256 Credential, SignedHeaders=host, Signature=x") }
        #expect(throws: ServiceError.self) { try claim("AWS4-HMAC-SHA256 SignedHeaders=host, Signature=x") }
    }

    /// `X-Amz-Date` is read arithmetically, as `Calendar` read it (day overflow rolls over likewise).
    @Test(arguments: [
        "19700101T000000Z", "20150830T123600Z", "20240229T235959Z", "21000301T000000Z", "20261207T150405Z", "20230231T101010Z",
        "19991231T235960Z", "99991231T235959Z",
    ])
    func amzDatesParseAsCalendarParsedThem(_ text: String) throws {
        let parsed = try #require(SigV4.parseAmzDate(text))
        let bytes = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int { Int(String(decoding: bytes[range], as: UTF8.self)) ?? -1 }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        let expected = calendar.date(
            from: DateComponents(
                year: number(0..<4), month: number(4..<6), day: number(6..<8), hour: number(9..<11), minute: number(11..<13),
                second: number(13..<15)))
        #expect(parsed == expected)
    }

    @Test func badAmzDatesAreRefused() {
        for text in ["20261307T000000Z", "20261200T000000Z", "20261207T240000Z", "2026120T000000Z", "20261207 000000Z", "2026-12-07T00:00:00Z"] {
            #expect(SigV4.parseAmzDate(text) == nil, "\(text)")
        }
    }

    /// The timestamps written by hand equal Foundation's, to the second (rounded down), for any instant.
    @Test(arguments: [0, 0.999, 1_440_938_160.5, 1_800_000_000, 951_782_400, 4_102_444_799.9999, 2_147_483_648, 253_402_300_799])
    func timestampsMatchFoundation(_ seconds: Double) throws {
        let date = Date(timeIntervalSince1970: seconds)
        let utc = try #require(TimeZone(identifier: "UTC"))
        #expect(WireTime.text(date) == date.formatted(Date.ISO8601FormatStyle(timeZone: utc)))
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        // DateFormatter rounds a fraction to the nearest second; Last-Modified, like the ISO form, rounds down.
        #expect(WireTime.httpDate(date) == formatter.string(from: Date(timeIntervalSince1970: seconds.rounded(.down))))
    }
}

/// The query string is split on its bytes as it was on its characters, and read once: a changed
/// `rawQuery` is read again.
@Suite struct QueryStringTests {
    @Test(arguments: [
        "", "a", "a=", "=b", "a=b=c", "a=b&c=d", "&&a=1&&", "x=%26%3D&y=%2B+", "k=%E2%82%AC&v=é&w=北京", "X-Amz-Signature=ab%ZZ",
        "a=1&a=2", "%41=%42",
    ])
    func pairsSplitAsCharactersDid(_ query: String) {
        for plusIsSpace in [false, true] {
            let characterWise = query.split(separator: "&", omittingEmptySubsequences: true).map { pair -> QueryParameter in
                let name = pair.prefix { $0 != "=" }
                let value = pair.dropFirst(name.count + 1)
                func decode(_ text: Substring) -> String {
                    PercentEncoding.decode(plusIsSpace ? text.replacingOccurrences(of: "+", with: " ") : String(text))
                }
                return QueryParameter(decode(name), decode(value))
            }
            #expect(FormDecoding.pairs(query, plusIsSpace: plusIsSpace) == characterWise)
        }
    }

    @Test func aChangedQueryIsReadAgain() {
        var request = ServerRequest(method: "GET", target: "/b/k?a=1&b=%2F")
        #expect(request.queryParameters == [QueryParameter("a", "1"), QueryParameter("b", "/")])
        request.rawQuery = "c=3"
        #expect(request.queryParameters == [QueryParameter("c", "3")])
    }
}

/// Header names compare as ASCII without case, as the lower-casing comparison did for every name
/// a client can send (tokens are ASCII).
@Suite struct HeaderNameTests {
    @Test(arguments: [
        ("x-amz-date", "X-Amz-Date", true), ("Authorization", "authorization", true), ("host", "hosts", false), ("@", "`", false),
        ("[", "{", false), ("a-b", "A_B", false), ("", "", true), ("content-type", "content-typf", false),
    ])
    func namesCompareWithoutASCIICase(_ lhs: String, _ rhs: String, _ equal: Bool) {
        #expect(ServerRequest.equalIgnoringASCIICase(lhs, rhs) == equal)
        #expect(ServerRequest(method: "GET", target: "/", headers: [QueryParameter(lhs, "v")]).header(rhs) == (equal ? "v" : nil))
    }
}
