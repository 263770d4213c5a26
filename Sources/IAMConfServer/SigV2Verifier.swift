import Crypto
import Foundation
import IAMConfQueryAPI

/// S3's Signature Version 2 (HMAC-SHA1), which S3 still accepts and which botocore and `aws s3
/// presign` use for presigned S3 URLs unless told `signature_version="s3v4"`: the
/// `Authorization: AWS AKID:SIGNATURE` header, and the presigned form (`AWSAccessKeyId`,
/// `Expires`, `Signature` in the query string).
/// https://docs.aws.amazon.com/AmazonS3/latest/userguide/RESTAuthentication.html
///
/// The string to sign is the method, Content-MD5, Content-Type, the date (`Expires` when
/// presigned; empty when an `x-amz-date` header carries it), the `x-amz-*` headers (lower-cased,
/// sorted; a presigned URL carries them as query parameters) and the canonical resource: the path
/// as sent plus the sub-resources S3 lists, sorted.
struct SigV2Verifier: Sendable {
    struct Claim {
        var accessKeyID: String
        var signature: String
        /// Seconds since 1970 after which a presigned URL is refused.
        var expires: Int?
        var isPresigned: Bool
    }

    /// The query parameters S3 signs as part of the resource (its documented sub-resources and
    /// response overrides).
    static let subresources: Set<String> = [
        "accelerate", "acl", "analytics", "cors", "defaultObjectAcl", "delete", "inventory", "lifecycle", "location", "logging",
        "metrics", "notification", "object-lock", "partNumber", "policy", "replication", "requestPayment", "response-cache-control",
        "response-content-disposition", "response-content-encoding", "response-content-language", "response-content-type",
        "response-expires", "restore", "select", "select-type", "storageClass", "tagging", "torrent", "uploadId", "uploads",
        "versionId", "versioning", "versions", "website",
    ]

    /// Whether the request is an S3 request signed with SigV2. A Query API call (an `Action` at `/`)
    /// with a SigV2 signature is not: IAM and STS take SigV4 alone and refuse it as incomplete.
    static func isSigned(_ request: ServerRequest) -> Bool {
        let signed: Bool
        if let authorization = request.header("authorization") {
            signed = authorization.hasPrefix("AWS ")
        } else {
            signed = request.queryParameters.contains { $0.name == "AWSAccessKeyId" }
        }
        guard signed else { return false }
        return !(request.rawPath == "/" && request.queryAPIParameters.contains { $0.name == "Action" })
    }

    static func claim(of request: ServerRequest) throws(ServiceError) -> Claim {
        if let authorization = request.header("authorization") {
            let credential = authorization.dropFirst("AWS ".count)
            guard let colon = credential.lastIndex(of: ":"), colon != credential.startIndex else {
                throw .incompleteSignature("Authorization header is invalid -- one and only one ' ' (space) required")
            }
            return Claim(
                accessKeyID: String(credential[..<colon]), signature: String(credential[credential.index(after: colon)...]),
                expires: nil, isPresigned: false)
        }
        let query = request.queryParameters
        func value(_ name: String) -> String? { query.first { $0.name == name }?.value }
        guard let key = value("AWSAccessKeyId"), let signature = value("Signature"), let expires = value("Expires") else {
            throw .incompleteSignature("Query-string authentication requires the Signature, Expires and AWSAccessKeyId parameters")
        }
        guard let seconds = Int(expires) else { throw .incompleteSignature("Invalid date (should be seconds since epoch): \(expires)") }
        return Claim(accessKeyID: key, signature: signature, expires: seconds, isPresigned: true)
    }

    func verify(_ request: ServerRequest, now: Date, lookup: (String) -> ServerCredential?) throws(ServiceError) -> SigV4Verifier.Verified {
        let claim = try Self.claim(of: request)
        guard let credential = lookup(claim.accessKeyID) else { throw .invalidClientTokenID() }
        let sentToken = request.header("x-amz-security-token") ?? request.queryParameters.first { $0.name == "x-amz-security-token" }?.value
        if let token = credential.sessionToken {
            guard let sentToken, SigV4.constantTimeEquals(sentToken, token) else { throw .invalidClientTokenID() }
            if let expiration = credential.expiration, now >= expiration { throw .expiredToken() }
        } else if sentToken != nil {
            throw .invalidClientTokenID()
        }
        if let expires = claim.expires {
            if now.timeIntervalSince1970 > TimeInterval(expires) { throw .accessDenied("Request has expired") }
        } else {
            let text = request.header("x-amz-date") ?? request.header("date") ?? ""
            guard let date = Self.httpDate(text) else {
                throw .accessDenied("AWS authentication requires a valid Date or x-amz-date header")
            }
            if abs(now.timeIntervalSince(date)) > SigV4Verifier.allowedSkew {
                throw .requestTimeTooSkewed(requestTime: date, serverTime: now)
            }
        }
        let expected = Self.signature(Self.stringToSign(request, claim: claim), secret: credential.secretAccessKey)
        guard SigV4.constantTimeEquals(expected, claim.signature) else { throw .signatureDoesNotMatch() }
        return SigV4Verifier.Verified(credential: credential, service: "s3", region: "us-east-1", isPresigned: claim.isPresigned)
    }

    static func stringToSign(_ request: ServerRequest, claim: Claim) -> String {
        let query = request.queryParameters
        func standard(_ name: String) -> String {
            (request.header(name) ?? (claim.isPresigned ? query.first { $0.name.lowercased() == name }?.value : nil) ?? "")
                .trimmingCharacters(in: .whitespaces)
        }
        let date: String
        if let expires = claim.expires {
            date = String(expires)
        } else {
            date = request.header("x-amz-date") == nil ? standard("date") : ""
        }
        var amz: [String: [String]] = [:]
        for header in request.headers where header.name.lowercased().hasPrefix("x-amz-") {
            amz[header.name.lowercased(), default: []].append(header.value.trimmingCharacters(in: .whitespaces))
        }
        if claim.isPresigned {
            for parameter in query where parameter.name.lowercased().hasPrefix("x-amz-") && amz[parameter.name.lowercased()] == nil {
                amz[parameter.name.lowercased()] = [parameter.value]
            }
        }
        let amzLines = amz.keys.sorted().map { "\($0):\(amz[$0]!.joined(separator: ","))\n" }.joined()
        return request.method + "\n" + standard("content-md5") + "\n" + standard("content-type") + "\n" + date + "\n" + amzLines
            + canonicalResource(request)
    }

    /// The path as sent, and the signed sub-resources (`?policy`, `?versionId=…`) sorted by name,
    /// their values decoded; a parameter sent without `=` is signed without one.
    static func canonicalResource(_ request: ServerRequest) -> String {
        var parts: [(name: String, text: String)] = []
        for pair in request.rawQuery.split(separator: "&") {
            let name = String(pair.prefix { $0 != "=" })
            guard subresources.contains(name) else { continue }
            let hasValue = pair.count > name.count
            let value = PercentEncoding.decode(String(pair.dropFirst(name.count + 1)))
            parts.append((name, hasValue ? "\(name)=\(value)" : name))
        }
        guard !parts.isEmpty else { return request.rawPath }
        return request.rawPath + "?" + parts.sorted { $0.name < $1.name }.map(\.text).joined(separator: "&")
    }

    static func signature(_ stringToSign: String, secret: String) -> String {
        let code = HMAC<Insecure.SHA1>.authenticationCode(for: Array(stringToSign.utf8), using: SymmetricKey(data: Array(secret.utf8)))
        return Data(code).base64EncodedString()
    }

    /// An HTTP date (RFC 1123: `Mon, 07 Dec 2026 20:00:00 GMT` as botocore sends `Date`, or with a
    /// numeric zone, `+0000`, as AWS's examples write it).
    static func httpDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        for format in ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEE, dd MMM yyyy HH:mm:ss Z"] {
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }
}
