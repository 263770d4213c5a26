import Foundation
import IAMConfQueryAPI
import Testing

@testable import IAMConfServer

/// The server side of SigV4: AWS's own test suite verifies, and each refusal has AWS's code and status.
@Suite struct SigV4VerifierTests {
    static let suiteDate = Date(timeIntervalSince1970: 1_440_938_160)  // 2015-08-30T12:36:00Z
    static let suiteCredential = ServerCredential(
        accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        identity: CallerIdentity(kind: .user, arn: "arn:aws:iam::123456789012:user/example", account: "123456789012", userID: "AIDAEXAMPLE"))

    /// AWS's Signature Version 4 test suite (Tests/IAMConfQueryAPITests/Fixtures/sigv4): each `.req`
    /// with its `.authz` header verifies at the suite's time.
    @Test(
        "the SigV4 test suite's signed requests verify",
        arguments: [
            "get-vanilla", "get-vanilla-empty-query-key", "get-vanilla-query-order-key-case", "get-vanilla-query-unreserved",
            "get-vanilla-utf8-query", "get-header-value-trim", "get-unreserved", "get-utf8", "post-vanilla", "post-vanilla-query",
            "post-header-key-sort", "post-header-value-case", "post-x-www-form-urlencoded", "post-x-www-form-urlencoded-parameters",
        ])
    func suiteRequestVerifies(_ name: String) throws {
        var request = try Self.suiteRequest(name)
        request.headers.append(QueryParameter("Authorization", try Self.fixture("\(name).authz")))
        let verified = try SigV4Verifier().verify(request, now: Self.suiteDate, lookup: { $0 == "AKIDEXAMPLE" ? Self.suiteCredential : nil })
        #expect(verified.service == "service")
        #expect(verified.credential.identity.arn == "arn:aws:iam::123456789012:user/example")
    }

    @Test func aChangedByteIsSignatureDoesNotMatch() throws {
        var request = try Self.suiteRequest("post-x-www-form-urlencoded")
        request.headers.append(QueryParameter("Authorization", try Self.fixture("post-x-www-form-urlencoded.authz")))
        request.body[0] ^= 1
        let error = Self.failure(request, at: Self.suiteDate)
        #expect(error?.code == "SignatureDoesNotMatch")
        #expect(error?.status == 403)
    }

    @Test func eachRefusalHasAWSCodeAndStatus() throws {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let good = Self.signed(now: now)
        #expect(Self.failure(good, at: now) == nil)
        #expect(Self.failure(Self.signed(now: now, secret: "wrong"), at: now)?.code == "SignatureDoesNotMatch")
        #expect(Self.failure(Self.signed(now: now, keyID: "AKIAUNKNOWN000000000"), at: now).map { [$0.code, "\($0.status)"] } == ["InvalidClientTokenId", "403"])
        let skewed = Self.failure(good, at: now.addingTimeInterval(15 * 60 + 1))
        #expect(skewed.map { [$0.code, "\($0.status)"] } == ["SignatureDoesNotMatch", "403"])
        #expect(skewed?.message.hasPrefix("Signature expired: ") == true)
        #expect(skewed?.forS3().code == "RequestTimeTooSkewed")
        let early = Self.failure(good, at: now.addingTimeInterval(-(15 * 60 + 1)))
        #expect(early?.message.hasPrefix("Signature not yet current: ") == true)
        #expect(Self.failure(good, at: now.addingTimeInterval(15 * 60 - 1)) == nil)
        var unsigned = good
        unsigned.headers.removeAll { $0.name == "Authorization" }
        #expect(Self.failure(unsigned, at: now)?.code == "MissingAuthenticationToken")
        var garbled = good
        garbled.headers = garbled.headers.map { $0.name == "Authorization" ? QueryParameter("Authorization", "AWS4-HMAC-SHA256 nonsense") : $0 }
        #expect(Self.failure(garbled, at: now).map { [$0.code, "\($0.status)"] } == ["IncompleteSignature", "400"])
    }

    @Test func temporaryCredentialsNeedTheirTokenAndExpire() throws {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let session = ServerCredential(
            accessKeyID: "ASIATEMPORARY0000000", secretAccessKey: "session-secret", sessionToken: "TOKEN+/=", expiration: now.addingTimeInterval(900),
            identity: Self.suiteCredential.identity)
        let lookup: (String) -> ServerCredential? = { $0 == session.accessKeyID ? session : nil }
        let withToken = Self.signed(now: now, keyID: session.accessKeyID, secret: session.secretAccessKey, token: "TOKEN+/=")
        #expect((try? SigV4Verifier().verify(withToken, now: now, lookup: lookup)) != nil)
        let withoutToken = Self.signed(now: now, keyID: session.accessKeyID, secret: session.secretAccessKey)
        #expect(Self.failure(withoutToken, at: now, lookup: lookup)?.code == "InvalidClientTokenId")
        let wrongToken = Self.signed(now: now, keyID: session.accessKeyID, secret: session.secretAccessKey, token: "OTHER")
        #expect(Self.failure(wrongToken, at: now, lookup: lookup)?.code == "InvalidClientTokenId")
        let later = now.addingTimeInterval(901)
        let late = Self.signed(now: later, keyID: session.accessKeyID, secret: session.secretAccessKey, token: "TOKEN+/=")
        #expect(Self.failure(late, at: later, lookup: lookup).map { [$0.code, "\($0.status)"] } == ["ExpiredToken", "403"])
    }

    @Test func presignedQueryVerifiesUntilItExpires() throws {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let request = Self.presigned(now: now, expires: 60, service: "sts", query: [QueryParameter("Action", "GetCallerIdentity"), QueryParameter("Version", "2011-06-15")])
        let lookup: (String) -> ServerCredential? = { $0 == "AKIDEXAMPLE" ? Self.suiteCredential : nil }
        #expect((try? SigV4Verifier().verify(request, now: now.addingTimeInterval(30), lookup: lookup))?.isPresigned == true)
        let expired = Self.failure(request, at: now.addingTimeInterval(61), lookup: lookup)
        #expect(expired.map { [$0.code, $0.message] } == ["AccessDenied", "Request has expired"])
        var tampered = request
        tampered.rawQuery = tampered.rawQuery.replacingOccurrences(of: "GetCallerIdentity", with: "GetSessionToken")
        #expect(Self.failure(tampered, at: now, lookup: lookup)?.code == "SignatureDoesNotMatch")
    }

    @Test func signaturesCompareInConstantTimeAndExactly() {
        #expect(SigV4.constantTimeEquals("abc", "abc"))
        #expect(!SigV4.constantTimeEquals("abc", "abd"))
        #expect(!SigV4.constantTimeEquals("abc", "abcd"))
        #expect(!SigV4.constantTimeEquals("", "a"))
    }

    // MARK: Helpers

    static func failure(
        _ request: ServerRequest, at now: Date, lookup: ((String) -> ServerCredential?)? = nil
    ) -> ServiceError? {
        let lookup = lookup ?? { $0 == "AKIDEXAMPLE" ? suiteCredential : nil }
        do {
            _ = try SigV4Verifier().verify(request, now: now, lookup: lookup)
            return nil
        } catch {
            return error
        }
    }

    /// A form POST to IAM signed by the client's signer (as HTTPBackend signs).
    static func signed(
        now: Date, keyID: String = "AKIDEXAMPLE", secret: String = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", token: String? = nil
    ) -> ServerRequest {
        let body = Array("Action=ListUsers&Version=2010-05-08".utf8)
        var signable = SignableRequest(
            method: "POST", path: "/",
            headers: [QueryParameter("Host", "127.0.0.1:7811"), QueryParameter("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")],
            body: body)
        SigV4Signer(
            credentials: AWSCredentials(accessKeyID: keyID, secretAccessKey: secret, sessionToken: token), region: "us-east-1", service: "iam"
        ).sign(&signable, date: now)
        return ServerRequest(method: "POST", target: "/", headers: signable.headers, body: body)
    }

    /// A presigned GET as botocore's SigV4QueryAuth makes one over HTTP (the payload hash is the empty body's).
    static func presigned(now: Date, expires: Int, service: String, query: [QueryParameter]) -> ServerRequest {
        let amzDate = SigV4.amzDate(now)
        let scope = SigV4.scope(dateStamp: SigV4.dateStamp(now), region: "us-east-1", service: service)
        let parameters = query + [
            QueryParameter("X-Amz-Algorithm", SigV4.algorithm), QueryParameter("X-Amz-Credential", "AKIDEXAMPLE/\(scope)"),
            QueryParameter("X-Amz-Date", amzDate), QueryParameter("X-Amz-Expires", String(expires)),
            QueryParameter("X-Amz-SignedHeaders", "host"),
        ]
        let headers = [QueryParameter("Host", "127.0.0.1:7811")]
        let canonical = SigV4.canonicalRequest(
            method: "GET", canonicalURI: "/", canonicalQuery: SigV4.canonicalQuery(parameters), headers: SigV4.canonicalHeaders(headers),
            payloadHash: SigV4.sha256Hex([]))
        let key = SigV4.signingKey(secret: suiteCredential.secretAccessKey, dateStamp: SigV4.dateStamp(now), region: "us-east-1", service: service)
        let signature = SigV4.signature(stringToSign: SigV4.stringToSign(amzDate: amzDate, scope: scope, canonicalRequest: canonical), key: key)
        let queryText = (parameters + [QueryParameter("X-Amz-Signature", signature)])
            .map { "\(PercentEncoding.encode($0.name))=\(PercentEncoding.encode($0.value))" }.joined(separator: "&")
        return ServerRequest(method: "GET", target: "/?\(queryText)", headers: headers)
    }

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("IAMConfQueryAPITests/Fixtures/sigv4")

    static func fixture(_ name: String) throws -> String {
        try String(contentsOf: fixtures.appendingPathComponent(name), encoding: .utf8)
    }

    /// `METHOD TARGET HTTP/1.1`, `Name:value` lines, a blank line, the body: exactly as sent.
    static func suiteRequest(_ name: String) throws -> ServerRequest {
        let text = try fixture("\(name).req")
        let parts = text.components(separatedBy: "\n\n")
        let lines = parts[0].components(separatedBy: "\n")
        let requestLine = lines[0].components(separatedBy: " ")
        try #require(requestLine.count == 3)
        let headers = lines.dropFirst().map { line -> QueryParameter in
            let name = line.prefix { $0 != ":" }
            return QueryParameter(String(name), String(line.dropFirst(name.count + 1)))
        }
        let body = parts.dropFirst().joined(separator: "\n\n")
        return ServerRequest(method: requestLine[0], target: requestLine[1], headers: headers, body: Array(body.utf8))
    }

    /// The header is trimmed exactly as `trimmingCharacters(in: .whitespaces)` did (without bridging).
    @Test(arguments: ["  AWS4-HMAC-SHA256 a=b ", "\tx\t", "\u{00A0}x\u{2003}", "   ", "", "a b", " \nx\n "])
    func trimmingMatchesFoundation(_ text: String) {
        #expect(SigV4Verifier.trimmingSpaces(text) == text.trimmingCharacters(in: .whitespaces))
    }

    @Test func requestIDsAreShapedAsAWSs() {
        let id = RequestIDs.requestID()
        #expect(id.split(separator: "-").map(\.count) == [8, 4, 4, 4, 12])
        #expect(id.allSatisfy { "0123456789abcdef-".contains($0) })
        #expect(RequestIDs.requestID() != id)
    }
}
