import Foundation

/// Reads, writes and deletes single objects in an S3-compatible store (AWS S3, MinIO, Ceph,
/// moto_server's S3) with conditional requests: what a state kept in S3 needs, and nothing more.
///
/// Conditional writes are S3's: `If-None-Match: *` creates only when absent, `If-Match: ETAG` replaces
/// (or deletes) only that version; S3 answers 412 PreconditionFailed otherwise
/// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/conditional-writes.html,
/// https://docs.aws.amazon.com/AmazonS3/latest/userguide/conditional-deletes.html). Calls block the
/// calling thread: a command reads or writes its state and does nothing else meanwhile.
public struct S3ObjectClient: Sendable {
    public enum Condition: Sendable, Hashable {
        case none
        /// Create only when no object exists under the key.
        case absent
        /// Replace only the object with this ETag.
        case matching(String)
    }

    public struct Object: Sendable, Hashable {
        public var bytes: [UInt8]
        public var etag: String
    }

    public struct Failure: Error, Sendable, Hashable, CustomStringConvertible {
        public enum Kind: Sendable, Hashable {
            /// The condition did not hold (412, or 409 ConditionalRequestConflict).
            case preconditionFailed
            /// No such bucket.
            case noSuchBucket
            /// The credentials were refused (bad key, bad signature, expired token).
            case credentials
            /// The caller may not do this (AccessDenied).
            case denied
            /// No answer: the store cannot be reached.
            case unreachable
            case other
        }

        public var kind: Kind
        public var message: String
        /// Whether a failed write may have been performed (the answer was lost after sending).
        public var mayHaveBeenPerformed: Bool = false
        public var description: String { message }
    }

    public let endpoint: URL
    public let bucket: String
    public let region: String
    let credentials: AWSCredentials
    let usesPathStyle: Bool
    let transport: HTTPTransport

    /// `endpoint`: an S3-compatible endpoint (path-style requests, `http://127.0.0.1:9000`), or
    /// `nil` for AWS S3 in `region` (virtual-hosted style, as AWS recommends).
    public init(bucket: String, region: String, endpoint: URL?, credentials: AWSCredentials, timeout: Double = 60) {
        self.bucket = bucket
        self.region = region
        self.credentials = credentials
        if let endpoint {
            self.endpoint = endpoint
            usesPathStyle = true
        } else {
            // Buckets with dots cannot be virtual-hosted over TLS (the certificate is for one label).
            usesPathStyle = bucket.contains(".")
            let host = usesPathStyle ? "s3.\(region).amazonaws.com" : "\(bucket).s3.\(region).amazonaws.com"
            self.endpoint = URL(string: "https://\(host)")!
        }
        transport = HTTPTransport(timeout: timeout, parallelism: 2)
    }

    /// The object under `key`, or `nil` when there is none.
    public func get(_ key: String) throws(Failure) -> Object? {
        let answer = try send("GET", key, body: [], headers: [])
        if answer.status == 404, S3ErrorBody(answer.body).code != "NoSuchBucket" { return nil }
        try check(answer, "GetObject", key)
        return Object(bytes: Array(answer.body), etag: answer.etag ?? "")
    }

    /// Writes `bytes` under `key` if `condition` holds; returns the new object's ETag.
    @discardableResult
    public func put(_ key: String, _ bytes: [UInt8], condition: Condition = .none) throws(Failure) -> String {
        var headers = [QueryParameter("Content-Type", "application/json")]
        switch condition {
        case .none: break
        case .absent: headers.append(QueryParameter("If-None-Match", "*"))
        case let .matching(etag): headers.append(QueryParameter("If-Match", etag))
        }
        let answer = try send("PUT", key, body: bytes, headers: headers)
        try check(answer, "PutObject", key)
        return answer.etag ?? ""
    }

    /// Deletes `key` (only the version with `etag`, when given). Deleting a missing key succeeds, as in S3.
    public func delete(_ key: String, ifMatching etag: String? = nil) throws(Failure) {
        let answer = try send("DELETE", key, body: [], headers: etag.map { [QueryParameter("If-Match", $0)] } ?? [])
        // With If-Match, a missing object is 404 NoSuchKey: the version asked for is gone.
        if answer.status == 404, etag != nil, S3ErrorBody(answer.body).code == "NoSuchKey" {
            throw Failure(kind: .preconditionFailed, message: "\(location(key)) no longer exists")
        }
        try check(answer, "DeleteObject", key)
    }

    /// `s3://bucket/key`, for messages.
    public func location(_ key: String) -> String { "s3://\(bucket)/\(key)" }

    private func send(_ method: String, _ key: String, body: [UInt8], headers: [QueryParameter]) throws(Failure) -> HTTPAnswer {
        let base = endpoint.path.hasSuffix("/") ? String(endpoint.path.dropLast()) : endpoint.path
        let path = usesPathStyle ? "\(base)/\(bucket)/\(key)" : "\(base)/\(key)"
        var signable = SignableRequest(
            method: method, path: path,
            headers: [QueryParameter("Host", QueryClient.hostHeader(endpoint)), QueryParameter("x-amz-content-sha256", SigV4.sha256Hex(body))]
                + headers,
            body: body)
        SigV4Signer(credentials: credentials, region: region, service: "s3").sign(&signable, date: Date())
        var components = URLComponents(url: endpoint, resolvingAgainstBaseURL: false)
        components?.percentEncodedPath = PercentEncoding.encode(path, keepSlash: true)
        let request = PreparedRequest(method: method, url: components?.url ?? endpoint, headers: signable.headers, body: body)
        // Transient failures (no answer, 500, 503 SlowDown) are retried a few times; a write whose
        // answer was lost is not re-sent blindly: the caller reads back to see whether it happened.
        var attempt = 0
        while true {
            attempt += 1
            switch transport.sendBlocking(request) {
            case let .success(answer):
                if [500, 502, 503, 504].contains(answer.status), attempt < 4 {
                    Thread.sleep(forTimeInterval: 0.2 * Double(attempt))
                    continue
                }
                return answer
            case let .failure(failure):
                let sent = failure.delivery != .neverSent
                if !sent || method == "GET", attempt < 3 {
                    Thread.sleep(forTimeInterval: 0.2 * Double(attempt))
                    continue
                }
                throw Failure(
                    kind: .unreachable, message: "cannot reach the state store at \(request.origin): \(failure.error.message)",
                    mayHaveBeenPerformed: sent && method != "GET")
            }
        }
    }

    private func check(_ answer: HTTPAnswer, _ action: String, _ key: String) throws(Failure) {
        guard !(200..<300).contains(answer.status) else { return }
        let error = S3ErrorBody(answer.body)
        let detail = error.code.map { "\($0)\(error.message.map { ": \($0)" } ?? "")" } ?? "HTTP \(answer.status)"
        let kind: Failure.Kind
        switch (answer.status, error.code) {
        case (412, _), (409, "ConditionalRequestConflict"): kind = .preconditionFailed
        case (_, "NoSuchBucket"): kind = .noSuchBucket
        case (_, "InvalidAccessKeyId"), (_, "SignatureDoesNotMatch"), (_, "ExpiredToken"), (_, "InvalidToken"), (_, "TokenRefreshRequired"):
            kind = .credentials
        case (403, _): kind = .denied
        default: kind = .other
        }
        throw Failure(kind: kind, message: "\(action) \(location(key)) failed: \(detail)")
    }
}

/// The `<Error><Code>…</Code><Message>…</Message></Error>` document S3 answers failures with.
struct S3ErrorBody {
    var code: String?
    var message: String?

    init(_ body: Data) {
        let text = String(decoding: body, as: UTF8.self)
        code = Self.element("Code", in: text)
        message = Self.element("Message", in: text)
    }

    static func element(_ name: String, in text: String) -> String? {
        guard let start = text.range(of: "<\(name)>"), let end = text.range(of: "</\(name)>", range: start.upperBound..<text.endIndex) else {
            return nil
        }
        return String(text[start.upperBound..<end.lowerBound])
    }
}
