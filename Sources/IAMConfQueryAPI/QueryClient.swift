import Foundation
import IAMConfEngine
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Sends signed Query API calls to one endpoint: bounded concurrency, retries, error mapping.
///
/// Shared by the IAM calls and the STS calls that reach other accounts, so both obey the same
/// `parallelism` bound and retry rules.
struct QueryClient: Sendable {
    let endpoint: URL
    let region: String
    let retry: RetryPolicy
    let session: URLSession
    let permits: AsyncSemaphore

    init(endpoint: URL, region: String, retry: RetryPolicy, parallelism: Int, timeout: Double) {
        self.endpoint = endpoint
        self.region = region
        self.retry = retry
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.httpMaximumConnectionsPerHost = max(1, parallelism)
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        session = URLSession(configuration: configuration)
        permits = AsyncSemaphore(permits: parallelism)
    }

    /// Performs `call`, retrying transient failures; returns the response's root element.
    ///
    /// An HTTP 500 whose body is not XML is moto's answer to an action it does not implement, but
    /// also (rarely) to a race inside moto, so it is retried exactly once and then reported as
    /// `.unsupported` ("the endpoint does not support ACTION").
    func perform(_ call: QueryCall, credentials: AWSCredentials) async throws(BackendError) -> WireElement {
        let root = try await execute(call.action, signedRequest(call, credentials: credentials), emptySuccess: false)
        // Another service (or a non-AWS server) answering well-formed XML must not pass for success.
        guard root.name == "\(call.action)Response" else {
            throw BackendError(
                .other, "unexpected answer <\(root.name)> to \(call.action) from \(endpoint.absoluteString)",
                rawCode: "UnexpectedResponse")
        }
        return root
    }

    /// Performs a REST call (simulated-S3 requests); a 2xx with an empty body is a success.
    func perform(_ call: RESTCall, credentials: AWSCredentials) async throws(BackendError) -> WireElement {
        try await execute(call.action, signedRequest(call, credentials: credentials), emptySuccess: true)
    }

    private func execute(_ action: String, _ request: URLRequest, emptySuccess: Bool) async throws(BackendError) -> WireElement {
        var sawHTMLServerError = false
        var attempt = 0
        while true {
            attempt += 1
            let failure: BackendError
            switch await send(request) {
            case let .success((status, body)):
                if emptySuccess, (200..<300).contains(status), WireElement.parse(body) == nil { return WireElement(name: "") }
                switch QueryResponse.classify(status: status, body: body) {
                case let .success(root): return root
                case let .failure(error): failure = error
                case let .notXML(status, snippet):
                    if status == 500 {
                        if sawHTMLServerError { throw unsupported(action) }
                        sawHTMLServerError = true
                        failure = BackendError(.serviceFailure, "HTTP 500 without XML", httpStatus: 500)
                    } else {
                        failure = nonXMLFailure(action, status: status, snippet: snippet)
                    }
                }
            case let .failure(error): failure = error
            }
            let mayRetry = failure.isTransient && attempt < retry.maxAttempts
            if !mayRetry {
                if sawHTMLServerError, failure.httpStatus == 500, failure.code == .serviceFailure { throw unsupported(action) }
                throw failure
            }
            try await pause(seconds: retry.delay(beforeRetry: attempt - 1))
        }
    }

    private func unsupported(_ action: String) -> BackendError {
        BackendError(.unsupported, "the endpoint does not support \(action)", httpStatus: 500)
    }

    private func nonXMLFailure(_ action: String, status: Int, snippet: String) -> BackendError {
        let message = "unexpected non-XML answer (HTTP \(status)) to \(action) from \(endpoint.absoluteString): \(snippet)"
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

    /// One signed POST, inside the concurrency bound.
    private func send(_ request: URLRequest) async -> Result<(Int, Data), BackendError> {
        await permits.wait()
        let result: Result<(Int, Data), BackendError>
        do {
            let (data, response) = try await session.data(for: request)
            result = .success(((response as? HTTPURLResponse)?.statusCode ?? 0, data))
        } catch {
            result = .failure(transportError(error))
        }
        await permits.signal()
        return result
    }

    private func signedRequest(_ call: QueryCall, credentials: AWSCredentials) -> URLRequest {
        let body = Array(call.formBody.utf8)
        var signable = SignableRequest(
            method: "POST", path: endpoint.path.isEmpty ? "/" : endpoint.path,
            headers: [
                QueryParameter("Host", hostHeader),
                QueryParameter("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
            ], body: body)
        SigV4Signer(credentials: credentials, region: region, service: call.service.rawValue)
            .sign(&signable, date: Date())
        return urlRequest(signable, url: endpoint)
    }

    /// S3 signs the payload hash as a header too (`x-amz-content-sha256`), and the path is the bucket.
    private func signedRequest(_ call: RESTCall, credentials: AWSCredentials) -> URLRequest {
        let base = endpoint.path.hasSuffix("/") ? String(endpoint.path.dropLast()) : endpoint.path
        var signable = SignableRequest(
            method: call.method, path: base + call.path, query: call.query,
            headers: [QueryParameter("Host", hostHeader), QueryParameter("x-amz-content-sha256", call.payloadHash)],
            body: call.body)
        if !call.body.isEmpty { signable.headers.append(QueryParameter("Content-Type", call.contentType)) }
        SigV4Signer(credentials: credentials, region: region, service: "s3").sign(&signable, date: Date())
        var components = URLComponents(url: endpoint, resolvingAgainstBaseURL: false)
        components?.percentEncodedPath = PercentEncoding.encode(signable.path, keepSlash: true)
        components?.percentEncodedQuery = call.query.isEmpty ? nil : call.query
            .map { $0.value.isEmpty ? PercentEncoding.encode($0.name) : "\(PercentEncoding.encode($0.name))=\(PercentEncoding.encode($0.value))" }
            .joined(separator: "&")
        return urlRequest(signable, url: components?.url ?? endpoint)
    }

    private func urlRequest(_ signable: SignableRequest, url: URL) -> URLRequest {
        var request = URLRequest(url: url)
        request.httpMethod = signable.method
        if !signable.body.isEmpty { request.httpBody = Data(signable.body) }
        for header in signable.headers { request.setValue(header.value, forHTTPHeaderField: header.name) }
        return request
    }

    /// `host` or `host:port` when the port is not the scheme's default, as HTTP/1.1 sends it.
    private var hostHeader: String {
        let host = endpoint.host ?? "localhost"
        guard let port = endpoint.port else { return host }
        let isDefault = (endpoint.scheme == "http" && port == 80) || (endpoint.scheme == "https" && port == 443)
        return isDefault ? host : "\(host):\(port)"
    }

    /// "cannot reach http://127.0.0.1:5000: connection refused", with the URL error's kind.
    private func transportError(_ error: any Error) -> BackendError {
        let reason: String
        if let urlError = error as? URLError {
            switch urlError.code {
            case .cannotConnectToHost: reason = "connection refused"
            case .timedOut: reason = "timed out"
            case .cannotFindHost, .dnsLookupFailed: reason = "host not found"
            case .networkConnectionLost: reason = "connection lost"
            case .notConnectedToInternet: reason = "network unreachable"
            case .secureConnectionFailed, .serverCertificateUntrusted: reason = "TLS failure"
            default: reason = urlError.localizedDescription
            }
        } else {
            reason = "\(error)"
        }
        return BackendError(.transport, "cannot reach \(endpoint.absoluteString): \(reason)")
    }
}
