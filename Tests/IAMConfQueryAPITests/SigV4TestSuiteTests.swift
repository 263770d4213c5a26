import Foundation
import IAMConfQueryAPI
import Testing

/// AWS's Signature Version 4 test suite (2015-08-30 edition), see Fixtures/sigv4.
@Suite struct SigV4TestSuiteTests {
    static let cases = [
        "get-vanilla", "get-vanilla-empty-query-key", "get-vanilla-query-order-key-case",
        "get-vanilla-query-unreserved", "get-vanilla-utf8-query", "get-header-value-trim", "get-unreserved",
        "get-utf8", "post-vanilla", "post-vanilla-query", "post-header-key-sort", "post-header-value-case",
        "post-sts-header-before", "post-x-www-form-urlencoded", "post-x-www-form-urlencoded-parameters",
    ]
    static let date = Date(timeIntervalSince1970: 1_440_938_160)  // 2015-08-30T12:36:00Z
    let signer = SigV4Signer(
        credentials: AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
        region: "us-east-1", service: "service")

    @Test("canonical request, string to sign and Authorization match the suite", arguments: cases)
    func suiteCase(_ name: String) throws {
        let request = try Self.parseRequest(FixtureFiles.text("sigv4/\(name).req"))
        let canonical = signer.canonicalRequest(for: request)
        #expect(canonical == (try FixtureFiles.text("sigv4/\(name).creq")))
        #expect(signer.stringToSign(canonicalRequest: canonical, date: Self.date) == (try FixtureFiles.text("sigv4/\(name).sts")))
        #expect(signer.authorization(for: request, date: Self.date) == (try FixtureFiles.text("sigv4/\(name).authz")))
    }

    @Test func amzDateIsUTCBasicFormat() {
        #expect(SigV4Signer.amzDate(Self.date) == "20150830T123600Z")
    }

    @Test func signAddsDateTokenAndAuthorization() {
        var signer = signer
        signer.credentials.sessionToken = "TOKEN+/="
        var request = SignableRequest(method: "POST", headers: [QueryParameter("Host", "example.amazonaws.com")])
        signer.sign(&request, date: Self.date)
        #expect(request.header("x-amz-date") == "20150830T123600Z")
        #expect(request.header("X-Amz-Security-Token") == "TOKEN+/=")
        let authorization = request.header("authorization") ?? ""
        #expect(authorization.contains("SignedHeaders=host;x-amz-date;x-amz-security-token,"))
        #expect(authorization.hasPrefix("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request"))
    }

    /// The AWS signing key example from the SigV4 documentation ("derive a signing key").
    @Test func signingKeyMatchesDocumentedExample() {
        let signer = SigV4Signer(
            credentials: AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
            region: "us-east-1", service: "iam")
        let key = signer.signingKey(date: Date(timeIntervalSince1970: 1_329_264_000))  // 2012-02-15
        let hex = key.withUnsafeBytes { $0.map { String(format: "%02x", $0) }.joined() }
        #expect(hex == "f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d")
    }

    /// `METHOD PATH[?QUERY] HTTP/1.1`, `Name:value` lines, a blank line, the body.
    static func parseRequest(_ text: String) throws -> SignableRequest {
        let parts = text.components(separatedBy: "\n\n")
        let lines = parts[0].components(separatedBy: "\n")
        let requestLine = lines[0].components(separatedBy: " ")
        try #require(requestLine.count == 3)
        let target = requestLine[1]
        let path = String(target.prefix { $0 != "?" })
        let queryText = target.dropFirst(path.count + 1)
        let query = queryText.split(separator: "&").map { pair -> QueryParameter in
            let name = pair.prefix { $0 != "=" }
            return QueryParameter(PercentEncoding.decode(String(name)), PercentEncoding.decode(String(pair.dropFirst(name.count + 1))))
        }
        let headers = lines.dropFirst().map { line -> QueryParameter in
            let name = line.prefix { $0 != ":" }
            return QueryParameter(String(name), String(line.dropFirst(name.count + 1)))
        }
        let body = parts.dropFirst().joined(separator: "\n\n")
        return SignableRequest(method: requestLine[0], path: path, query: query, headers: headers, body: Array(body.utf8))
    }
}
