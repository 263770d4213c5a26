import Foundation
import IAMConfQueryAPI

/// Checks a request's Signature Version 4, in the `Authorization` header or presigned in the query
/// string, the way AWS does: find the key, check the session token and its expiry, the request time,
/// then recompute the signature with the key's secret and compare in constant time.
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-troubleshooting.html
public struct SigV4Verifier: Sendable {
    /// AWS refuses a request whose time is more than 15 minutes from its own.
    public static let allowedSkew: TimeInterval = 15 * 60
    /// The longest a presigned URL may live (seven days).
    public static let maximumExpiry = 604_800

    /// A request whose signature checked out.
    public struct Verified: Sendable, Hashable {
        public var credential: ServerCredential
        /// The scope's service (`iam`, `sts`, `s3`) and region.
        public var service: String
        public var region: String
        public var isPresigned: Bool
    }

    /// The parts of a signature, wherever the client put them.
    struct Claim {
        var accessKeyID: String
        var dateStamp: String
        var region: String
        var service: String
        var signedHeaders: [String]
        var signature: String
        var amzDate: String
        var sessionToken: String?
        /// Presigned only: seconds the URL is valid for after `amzDate`.
        var expires: Int?
        var isPresigned: Bool
    }

    public init() {}

    /// The request's credential scope service, read without checking anything (routing).
    public static func scopeService(of request: ServerRequest) -> String? {
        try? claim(of: request)?.service
    }

    /// Verifies `request` at `now` with the keys `lookup` knows. Throws the error AWS would answer.
    public func verify(
        _ request: ServerRequest, now: Date, lookup: (String) -> ServerCredential?
    ) throws(ServiceError) -> Verified {
        var keys = SigningKeyCache()
        return try verify(request, claim: Result { () throws(ServiceError) in try Self.claim(of: request) }, now: now, lookup: lookup, keys: &keys)
    }

    /// Verifies `request` whose signature's parts were already read (`claim(of:)`, once per request:
    /// routing needs its service too), deriving signing keys through `keys`.
    func verify(
        _ request: ServerRequest, claim read: Result<Claim?, ServiceError>, now: Date, lookup: (String) -> ServerCredential?,
        keys: inout SigningKeyCache
    ) throws(ServiceError) -> Verified {
        guard let claim = try read.get() else { throw .missingAuthenticationToken() }
        guard let credential = lookup(claim.accessKeyID) else { throw .invalidClientTokenID() }
        if let token = credential.sessionToken {
            guard let sent = claim.sessionToken, SigV4.constantTimeEquals(sent, token) else { throw .invalidClientTokenID() }
            if let expiration = credential.expiration, now >= expiration { throw .expiredToken() }
        } else if claim.sessionToken != nil {
            throw .invalidClientTokenID()
        }
        guard let date = SigV4.parseAmzDate(claim.amzDate), claim.amzDate.hasPrefix(claim.dateStamp) else {
            throw .incompleteSignature("Date must be in ISO-8601 'basic format'. Got '\(claim.amzDate)'.")
        }
        if let expires = claim.expires {
            guard (1...Self.maximumExpiry).contains(expires) else {
                throw .incompleteSignature("X-Amz-Expires must be between 1 and \(Self.maximumExpiry) seconds.")
            }
            if now.timeIntervalSince(date) > TimeInterval(expires) { throw .accessDenied("Request has expired") }
            if date.timeIntervalSince(now) > Self.allowedSkew { throw .requestTimeTooSkewed(requestTime: date, serverTime: now) }
        } else if abs(now.timeIntervalSince(date)) > Self.allowedSkew {
            throw .requestTimeTooSkewed(requestTime: date, serverTime: now)
        }
        let key = keys.key(
            for: SigningKeyCache.Scope(
                secret: credential.secretAccessKey, dateStamp: claim.dateStamp, region: claim.region, service: claim.service))
        let scope = SigV4.scope(dateStamp: claim.dateStamp, region: claim.region, service: claim.service)
        let matches = Self.payloadHashes(of: request, claim: claim).contains { payloadHash in
            let canonical = Self.canonicalRequest(of: request, claim: claim, payloadHash: payloadHash)
            let expected = SigV4.signature(
                stringToSign: SigV4.stringToSign(amzDate: claim.amzDate, scope: scope, canonicalRequest: canonical), key: key)
            return SigV4.constantTimeEquals(expected, claim.signature.lowercased())
        }
        guard matches else { throw .signatureDoesNotMatch() }
        return Verified(credential: credential, service: claim.service, region: claim.region, isPresigned: claim.isPresigned)
    }

    /// The canonical request the client signed, rebuilt from what arrived.
    static func canonicalRequest(of request: ServerRequest, claim: Claim, payloadHash: String) -> String {
        // S3 signs the path as sent; every other service encodes it once more (botocore, AWS's guide).
        let uri = claim.service == "s3" ? request.rawPath : PercentEncoding.encode(request.rawPath, keepSlash: true)
        var query = request.queryParameters
        if claim.isPresigned { query.removeAll { $0.name == "X-Amz-Signature" } }
        return SigV4.canonicalRequest(
            method: request.method, canonicalURI: uri, canonicalQuery: SigV4.canonicalQuery(query),
            headers: SigV4.canonicalHeaders(request.headers, only: Set(claim.signedHeaders)), payloadHash: payloadHash)
    }

    /// The payload hashes a client may have signed: what it declared, else the body's; a presigned URL
    /// signs `UNSIGNED-PAYLOAD` (S3, and botocore over HTTPS) or the body's hash (botocore over HTTP).
    static func payloadHashes(of request: ServerRequest, claim: Claim) -> [String] {
        if let declared = request.header("x-amz-content-sha256") { return [declared] }
        if claim.isPresigned {
            if let declared = request.queryParameters.first(where: { $0.name == "X-Amz-Content-Sha256" })?.value { return [declared] }
            // The likelier first: S3 presigns UNSIGNED-PAYLOAD, botocore's query signer the body's hash.
            let bodyHash = SigV4.sha256Hex(request.body)
            return claim.service == "s3" ? [SigV4.unsignedPayload, bodyHash] : [bodyHash, SigV4.unsignedPayload]
        }
        return [SigV4.sha256Hex(request.body)]
    }

    /// Reads the signature's parts; nil when the request carries none (anonymous).
    static func claim(of request: ServerRequest) throws(ServiceError) -> Claim? {
        if let authorization = request.header("authorization") { return try headerClaim(authorization, request: request) }
        let query = request.queryParameters
        guard query.contains(where: { $0.name == "X-Amz-Signature" || $0.name == "X-Amz-Credential" }) else { return nil }
        func value(_ name: String) -> String? { query.first { $0.name == name }?.value }
        guard value("X-Amz-Algorithm") == SigV4.algorithm else {
            throw .incompleteSignature("X-Amz-Algorithm only supports \"\(SigV4.algorithm)\"")
        }
        guard let credential = value("X-Amz-Credential"), let signature = value("X-Amz-Signature"),
            let signedHeaders = value("X-Amz-SignedHeaders"), let amzDate = value("X-Amz-Date"), let expires = value("X-Amz-Expires")
        else {
            throw .incompleteSignature(
                "AWS query-string parameters must include 'X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Signature', 'X-Amz-SignedHeaders', 'X-Amz-Date' and 'X-Amz-Expires'.")
        }
        guard let seconds = Int(expires) else { throw .incompleteSignature("X-Amz-Expires must be a number of seconds.") }
        var claim = try scopeClaim(credential, signedHeaders: signedHeaders, signature: signature, amzDate: amzDate)
        claim.sessionToken = value("X-Amz-Security-Token")
        claim.expires = seconds
        claim.isPresigned = true
        return claim
    }

    /// `AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/iam/aws4_request, SignedHeaders=host;x-amz-date, Signature=…`
    static func headerClaim(_ authorization: String, request: ServerRequest) throws(ServiceError) -> Claim {
        let trimmed = Self.trimmingSpaces(authorization)
        guard trimmed.hasPrefix(SigV4.algorithm + " ") else {
            throw .incompleteSignature("Authorization header requires the \(SigV4.algorithm) algorithm.")
        }
        // One pass over the fields, as substrings of the header (a later repeat wins, as before).
        var credential: Substring?
        var signedHeaders: Substring?
        var signature: Substring?
        for part in trimmed.dropFirst(SigV4.algorithm.count + 1).split(separator: ",") {
            let item = Self.trimmedSpaces(part)
            let name = item.prefix { $0 != "=" }
            let value = item.dropFirst(name.count + 1)
            switch name {
            case "Credential": credential = value
            case "SignedHeaders": signedHeaders = value
            case "Signature": signature = value
            default: continue
            }
        }
        guard let credential, let signedHeaders, let signature else {
            throw .incompleteSignature(
                "Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters. Authorization=\(trimmed)")
        }
        guard let amzDate = request.header("x-amz-date") else {
            throw .incompleteSignature("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.")
        }
        var claim = try scopeClaim(String(credential), signedHeaders: String(signedHeaders), signature: String(signature), amzDate: amzDate)
        claim.sessionToken = request.header("x-amz-security-token")
        return claim
    }

    /// `text` without the leading and trailing characters of `CharacterSet.whitespaces` (space, tab,
    /// the Unicode space separators), without bridging to `NSString`, which cost a seventh of a
    /// request's time in the profile.
    static func trimmingSpaces<Text: StringProtocol>(_ text: Text) -> String {
        String(trimmedSpaces(Substring(text)))
    }

    /// `trimmingSpaces` as a slice of `text`, copying nothing.
    static func trimmedSpaces(_ text: Substring) -> Substring {
        func isSpace(_ scalar: Unicode.Scalar) -> Bool {
            scalar.isASCII ? scalar == " " || scalar == "\t" : CharacterSet.whitespaces.contains(scalar)
        }
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }), let last = scalars.lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return Substring(scalars[first...last])
    }

    /// `AKID/20150830/us-east-1/iam/aws4_request`
    static func scopeClaim(_ credential: String, signedHeaders: String, signature: String, amzDate: String) throws(ServiceError) -> Claim {
        let parts = credential.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 5, parts[4] == "aws4_request", !parts[0].isEmpty, parts[1].count == 8 else {
            throw .incompleteSignature("Credential should be scoped to a valid region, service and aws4_request terminal. Credential=\(credential)")
        }
        return Claim(
            accessKeyID: parts[0], dateStamp: parts[1], region: parts[2], service: parts[3],
            signedHeaders: signedHeaders.split(separator: ";").map { $0.lowercased() }, signature: signature, amzDate: amzDate,
            sessionToken: nil, expires: nil, isPresigned: false)
    }
}
