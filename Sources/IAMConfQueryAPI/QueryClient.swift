import Foundation
import IAMConfBackend

/// Sends signed calls to one endpoint (with its STS and S3 counterparts): bounded concurrency,
/// retries, error mapping.
///
/// Shared by the IAM calls and the STS calls that reach other accounts, so both obey the same
/// `parallelism` bound and retry rules.
struct QueryClient: Sendable {
    let endpoint: URL
    let stsEndpoint: URL
    let s3Endpoint: URL
    let region: String
    let retry: RetryPolicy
    let transport: HTTPTransport
    let permits: AsyncSemaphore

    /// `libraryNames`: where to find libcurl (tests pass names that do not exist).
    init(
        endpoints: ServiceEndpoints, region: String, retry: RetryPolicy, parallelism: Int, timeout: Double,
        libraryNames: [String] = CurlLibrary.defaultNames
    ) {
        endpoint = endpoints.iam
        stsEndpoint = endpoints.sts
        s3Endpoint = endpoints.s3
        self.region = region
        self.retry = retry
        transport = HTTPTransport(timeout: timeout, parallelism: parallelism, libraryNames: libraryNames)
        permits = AsyncSemaphore(permits: parallelism)
    }

    /// Performs `call`, retrying transient failures; returns the response's root element.
    ///
    /// An HTTP 500 whose body is not XML is moto's answer to an action it does not implement, but
    /// also (rarely) to a race inside moto, so it is retried exactly once and then reported as
    /// `.unsupported` ("the endpoint does not support ACTION").
    func perform(_ call: QueryCall, credentials: AWSCredentials) async throws(BackendError) -> WireElement {
        let request = signedRequest(call, credentials: credentials)
        let (parsed, _) = try await execute(call.action, request, isREST: false, isMutating: call.isMutating)
        let root = parsed ?? WireElement(name: "")
        // Another service (or a non-AWS server) answering well-formed XML must not pass for success.
        guard root.name == "\(call.action)Response" else {
            throw BackendError(
                .other, "unexpected answer <\(root.name)> to \(call.action) from \(request.origin)",
                rawCode: "UnexpectedResponse")
        }
        return root
    }

    /// Performs a REST call (simulated-S3 requests) and returns the body of its 2xx answer as sent:
    /// empty, XML, or the raw JSON of GetBucketPolicy.
    func perform(_ call: RESTCall, credentials: AWSCredentials) async throws(BackendError) -> Data {
        try await execute(call.action, signedRequest(call, credentials: credentials), isREST: true, isMutating: call.isMutating).body
    }

    /// Sends `request` until it succeeds or fails for good (see `RetryDecision`). A Query answer is
    /// parsed (`root`); a REST answer's 2xx body is returned unparsed, since S3 answers some calls with JSON.
    private func execute(
        _ action: String, _ request: PreparedRequest, isREST: Bool, isMutating: Bool
    ) async throws(BackendError) -> (root: WireElement?, body: Data) {
        var sawHTMLServerError = false
        var attempt = 0
        while true {
            attempt += 1
            let failure: BackendError
            var delivery: TransportFailure.Delivery?
            switch await send(request) {
            case let .success((status, body)):
                if isREST, (200..<300).contains(status) { return (nil, body) }
                if isREST, body.isEmpty, let error = Self.bodilessS3Error(status) { throw error }
                switch QueryResponse.classify(status: status, body: body) {
                case let .success(root): return (root, body)
                case let .failure(error): failure = error
                case let .notXML(status, snippet):
                    if status == 500 {
                        if sawHTMLServerError { throw unsupported(action) }
                        sawHTMLServerError = true
                        failure = BackendError(.serviceFailure, "HTTP 500 without XML", httpStatus: 500)
                    } else {
                        failure = nonXMLFailure(action, status: status, snippet: snippet, from: request.origin)
                    }
                }
            case let .failure(lost):
                failure = lost.error
                delivery = lost.delivery
            }
            // A cancelled apply stops at once instead of retrying its dropped connection.
            switch RetryDecision.after(
                failure, delivery: delivery, isMutating: isMutating, attempt: attempt, maxAttempts: retry.maxAttempts,
                isCancelled: Task.isCancelled)
            {
            case .retry:
                try await pause(seconds: retry.delay(beforeRetry: attempt - 1))
            case .lostAnswer:
                throw BackendError(
                    .transport, "\(failure.message) after sending \(action); it may have been performed, so it was not sent again")
            case .giveUp:
                if sawHTMLServerError, failure.httpStatus == 500, failure.code == .serviceFailure { throw unsupported(action) }
                throw failure
            }
        }
    }

    /// S3 answers HEAD without a body, so only the status tells what went wrong
    /// (https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadBucket.html: 404 when the bucket does
    /// not exist, 403 when it exists but the caller may not see it, e.g. it belongs to another account).
    static func bodilessS3Error(_ status: Int) -> BackendError? {
        switch status {
        case 404: return BackendError(.noSuchEntity, "The specified bucket does not exist", rawCode: "NotFound", httpStatus: 404)
        case 403: return BackendError(.accessDenied, "Forbidden (HTTP 403 without a body)", rawCode: "Forbidden", httpStatus: 403)
        default: return nil
        }
    }

    private func unsupported(_ action: String) -> BackendError {
        BackendError(.unsupported, "the endpoint does not support \(action)", httpStatus: 500)
    }

    private func nonXMLFailure(_ action: String, status: Int, snippet: String, from origin: String) -> BackendError {
        let message = "unexpected non-XML answer (HTTP \(status)) to \(action) from \(origin): \(snippet)"
        let code: BackendError.Code = status >= 500 || status == 429 ? (status == 429 ? .throttling : .serviceFailure) : .other
        return BackendError(code, message, rawCode: code == .other ? "UnexpectedResponse" : nil, httpStatus: status)
    }

    private func pause(seconds: Double) async throws(BackendError) {
        do {
            try await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000))
        } catch {
            throw BackendError(.transport, "cancelled while waiting to retry")
        }
    }

    /// One signed request, inside the concurrency bound.
    private func send(_ request: PreparedRequest) async -> Result<(Int, Data), TransportFailure> {
        await permits.wait()
        let result = await transport.exchange(request).map { ($0.status, $0.body) }
        await permits.signal()
        return result
    }

    private func signedRequest(_ call: QueryCall, credentials: AWSCredentials) -> PreparedRequest {
        let body = Array(call.formBody.utf8)
        let url = call.service == .sts ? stsEndpoint : endpoint
        var signable = SignableRequest(
            method: "POST", path: url.path.isEmpty ? "/" : url.path,
            headers: [
                QueryParameter("Host", Self.hostHeader(url)),
                QueryParameter("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
            ], body: body)
        SigV4Signer(credentials: credentials, region: region, service: call.service.rawValue)
            .sign(&signable, date: Date())
        return PreparedRequest(method: signable.method, url: url, headers: signable.headers, body: signable.body)
    }

    /// S3 signs the payload hash as a header too (`x-amz-content-sha256`), and the path is the bucket.
    private func signedRequest(_ call: RESTCall, credentials: AWSCredentials) -> PreparedRequest {
        let base = s3Endpoint.path.hasSuffix("/") ? String(s3Endpoint.path.dropLast()) : s3Endpoint.path
        var signable = SignableRequest(
            method: call.method, path: base + call.path, query: call.query,
            headers: [QueryParameter("Host", Self.hostHeader(s3Endpoint)), QueryParameter("x-amz-content-sha256", call.payloadHash)],
            body: call.body)
        if !call.body.isEmpty { signable.headers.append(QueryParameter("Content-Type", call.contentType)) }
        SigV4Signer(credentials: credentials, region: region, service: "s3").sign(&signable, date: Date())
        var components = URLComponents(url: s3Endpoint, resolvingAgainstBaseURL: false)
        components?.percentEncodedPath = PercentEncoding.encode(signable.path, keepSlash: true)
        components?.percentEncodedQuery = call.query.isEmpty ? nil : call.query
            .map { $0.value.isEmpty ? PercentEncoding.encode($0.name) : "\(PercentEncoding.encode($0.name))=\(PercentEncoding.encode($0.value))" }
            .joined(separator: "&")
        return PreparedRequest(
            method: signable.method, url: components?.url ?? s3Endpoint, headers: signable.headers, body: signable.body)
    }

    /// `host` or `host:port` when the port is not the scheme's default, as HTTP/1.1 sends it.
    static func hostHeader(_ url: URL) -> String {
        let host = url.host ?? "localhost"
        guard let port = url.port else { return host }
        let isDefault = (url.scheme == "http" && port == 80) || (url.scheme == "https" && port == 443)
        return isDefault ? host : "\(host):\(port)"
    }
}
