import Crypto
import Foundation

/// AWS Signature Version 4 (header form), as documented in
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html.
///
/// Each step is public so tests can compare it with the published test suite's `.creq`, `.sts` and
/// `.authz` files. The signer never reads the clock itself: the caller passes the date. The steps
/// themselves are `SigV4`'s, shared with the verifier of `iamconf serve`.
public struct SigV4Signer: Sendable {
    public static let algorithm = SigV4.algorithm

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
        let signature = SigV4.signature(stringToSign: toSign, key: signingKey(date: date))
        return "\(Self.algorithm) Credential=\(credentials.accessKeyID)/\(scope(date: date)), "
            + "SignedHeaders=\(signedHeaders(for: request)), Signature=\(signature)"
    }

    /// Task 1: method, canonical URI, canonical query, canonical headers, signed headers, payload hash.
    public func canonicalRequest(for request: SignableRequest) -> String {
        SigV4.canonicalRequest(
            method: request.method,
            canonicalURI: PercentEncoding.encode(request.path.isEmpty ? "/" : request.path, keepSlash: true),
            canonicalQuery: SigV4.canonicalQuery(request.query), headers: SigV4.canonicalHeaders(request.headers),
            payloadHash: request.header("x-amz-content-sha256") ?? SigV4.sha256Hex(request.body))
    }

    /// Task 2: algorithm, request date, credential scope, hash of the canonical request.
    public func stringToSign(canonicalRequest: String, date: Date) -> String {
        SigV4.stringToSign(amzDate: Self.amzDate(date), scope: scope(date: date), canonicalRequest: canonicalRequest)
    }

    /// Task 3: HMAC chain over date, region, service and `aws4_request`.
    public func signingKey(date: Date) -> SymmetricKey {
        SigV4.signingKey(secret: credentials.secretAccessKey, dateStamp: Self.dateStamp(date), region: region, service: service)
    }

    public func scope(date: Date) -> String { SigV4.scope(dateStamp: Self.dateStamp(date), region: region, service: service) }

    public func signedHeaders(for request: SignableRequest) -> String {
        SigV4.signedHeaders(SigV4.canonicalHeaders(request.headers))
    }

    /// `20150830T123600Z`, always UTC.
    public static func amzDate(_ date: Date) -> String { SigV4.amzDate(date) }

    static func dateStamp(_ date: Date) -> String { SigV4.dateStamp(date) }

    static func hex<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 { SigV4.hex(bytes) }
}
