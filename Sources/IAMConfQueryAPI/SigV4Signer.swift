import Crypto
import Foundation

/// AWS Signature Version 4 (header form), as documented in
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html.
///
/// Each step is public so tests can compare it with the published test suite's `.creq`, `.sts` and
/// `.authz` files. The signer never reads the clock itself: the caller passes the date.
public struct SigV4Signer: Sendable {
    public static let algorithm = "AWS4-HMAC-SHA256"

    public var credentials: AWSCredentials
    public var region: String
    public var service: String

    public init(credentials: AWSCredentials, region: String, service: String) {
        self.credentials = credentials
        self.region = region
        self.service = service
    }

    /// Adds `X-Amz-Date`, `X-Amz-Security-Token` (temporary credentials) and `Authorization`.
    ///
    /// The token is added before signing so it is one of the signed headers, as AWS recommends.
    public func sign(_ request: inout SignableRequest, date: Date) {
        request.headers.removeAll { ["authorization", "x-amz-date"].contains($0.name.lowercased()) }
        request.headers.append(QueryParameter("X-Amz-Date", Self.amzDate(date)))
        if let token = credentials.sessionToken, request.header("x-amz-security-token") == nil {
            request.headers.append(QueryParameter("X-Amz-Security-Token", token))
        }
        request.headers.append(QueryParameter("Authorization", authorization(for: request, date: date)))
    }

    /// The `Authorization` header value for a request that already carries its other headers.
    public func authorization(for request: SignableRequest, date: Date) -> String {
        let canonical = canonicalRequest(for: request)
        let toSign = stringToSign(canonicalRequest: canonical, date: date)
        let signature = Self.hex(HMAC<SHA256>.authenticationCode(for: Array(toSign.utf8), using: signingKey(date: date)))
        return "\(Self.algorithm) Credential=\(credentials.accessKeyID)/\(scope(date: date)), "
            + "SignedHeaders=\(signedHeaders(for: request)), Signature=\(signature)"
    }

    /// Task 1: method, canonical URI, canonical query, canonical headers, signed headers, payload hash.
    public func canonicalRequest(for request: SignableRequest) -> String {
        let headers = canonicalHeaders(for: request)
        let headerBlock = headers.map { "\($0.name):\($0.value)\n" }.joined()
        return [
            request.method.uppercased(),
            PercentEncoding.encode(request.path.isEmpty ? "/" : request.path, keepSlash: true),
            canonicalQuery(request.query),
            headerBlock,
            headers.map(\.name).joined(separator: ";"),
            request.header("x-amz-content-sha256") ?? Self.hex(SHA256.hash(data: request.body)),
        ].joined(separator: "\n")
    }

    /// Task 2: algorithm, request date, credential scope, hash of the canonical request.
    public func stringToSign(canonicalRequest: String, date: Date) -> String {
        [Self.algorithm, Self.amzDate(date), scope(date: date), Self.hex(SHA256.hash(data: Array(canonicalRequest.utf8)))]
            .joined(separator: "\n")
    }

    /// Task 3: HMAC chain over date, region, service and `aws4_request`.
    public func signingKey(date: Date) -> SymmetricKey {
        var key = SymmetricKey(data: Array("AWS4\(credentials.secretAccessKey)".utf8))
        for part in [Self.dateStamp(date), region, service, "aws4_request"] {
            key = SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Array(part.utf8), using: key)))
        }
        return key
    }

    public func scope(date: Date) -> String { "\(Self.dateStamp(date))/\(region)/\(service)/aws4_request" }

    public func signedHeaders(for request: SignableRequest) -> String {
        canonicalHeaders(for: request).map(\.name).joined(separator: ";")
    }

    /// Lower-case names, trimmed values with inner runs of spaces collapsed, repeated names joined
    /// by commas in their original order, sorted by name; `Authorization` itself is never signed.
    func canonicalHeaders(for request: SignableRequest) -> [QueryParameter] {
        var merged: [String: [String]] = [:]
        for header in request.headers {
            let name = header.name.lowercased()
            guard name != "authorization" else { continue }
            merged[name, default: []].append(Self.trimmed(header.value))
        }
        return merged.keys.sorted().map { QueryParameter($0, merged[$0, default: []].joined(separator: ",")) }
    }

    /// Encoded `name=value` pairs sorted by encoded name, then value (byte order).
    func canonicalQuery(_ query: [QueryParameter]) -> String {
        query.map { (PercentEncoding.encode($0.name), PercentEncoding.encode($0.value)) }
            .sorted { $0.0 == $1.0 ? Array($0.1.utf8).lexicographicallyPrecedes($1.1.utf8) : Array($0.0.utf8).lexicographicallyPrecedes($1.0.utf8) }
            .map { "\($0.0)=\($0.1)" }
            .joined(separator: "&")
    }

    static func trimmed(_ value: String) -> String {
        value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
            .joined(separator: " ")
    }

    /// `20150830T123600Z`, always UTC.
    public static func amzDate(_ date: Date) -> String {
        let text = date.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC") ?? .current))
        return text.filter { $0 != "-" && $0 != ":" }
    }

    static func dateStamp(_ date: Date) -> String { String(amzDate(date).prefix(8)) }

    static func hex<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
        bytes.map { byte in
            let digits = Array("0123456789abcdef")
            return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
        }.joined()
    }
}
