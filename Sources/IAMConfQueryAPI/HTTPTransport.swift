import CCurl
import Foundation
import IAMConfBackend
import Synchronization

/// Sends HTTP requests through libcurl, loaded at the first request (`CurlLibrary`).
///
/// curl_easy_perform blocks its thread for the whole exchange, so each request runs on a thread of
/// its own and resumes the caller's continuation: Swift's cooperative pool has only as many threads
/// as cores, and parking them in network waits would stall every other task. Concurrency is bounded
/// by the caller (`QueryClient.permits`).
final class HTTPTransport: Sendable {
    /// Whole-request limit in seconds (connect, send and answer together); 0 for none.
    let timeout: Double
    private let capacity: Int
    private let loader: @Sendable () -> Result<CurlLibrary, BackendError>
    private let pool = Mutex<Result<CurlHandlePool, BackendError>?>(nil)

    /// `parallelism`: requests expected at once, the idle handles (and so alive connections) kept.
    /// `libraryNames`: where to look for libcurl; tests pass names that do not exist.
    init(timeout: Double, parallelism: Int, libraryNames: [String] = CurlLibrary.defaultNames) {
        self.timeout = timeout
        capacity = max(1, parallelism)
        if libraryNames == CurlLibrary.defaultNames {
            loader = { CurlLibrary.shared }
        } else {
            loader = { CurlLibrary.load(names: libraryNames) }
        }
    }

    func send(method: String, url: URL, headers: [QueryParameter], body: [UInt8]) async throws(BackendError) -> HTTPAnswer {
        try await send(PreparedRequest(method: method, url: url, headers: headers, body: body))
    }

    /// The answer, whatever its status; a `.transport` error ("cannot reach ORIGIN: REASON") when no
    /// answer arrived, and a `LibcurlMissing` one when libcurl cannot be loaded.
    func send(_ request: PreparedRequest) async throws(BackendError) -> HTTPAnswer {
        switch await exchange(request) {
        case let .success(answer): return answer
        case let .failure(failure): throw failure.error
        }
    }

    /// Like `send`, but a failure also says whether the request may have reached the server.
    func exchange(_ request: PreparedRequest) async -> Result<HTTPAnswer, TransportFailure> {
        if Task.isCancelled { return .failure(TransportFailure(error: Self.unreachable(request.origin, "cancelled"), delivery: .neverSent)) }
        let flag = CancellationFlag()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Result<HTTPAnswer, TransportFailure>, Never>) in
                Thread { continuation.resume(returning: self.perform(request, cancelled: flag)) }.start()
            }
        } onCancel: {
            flag.cancel()
        }
    }

    /// Sends `request` on the calling thread, blocking it until the answer: for the few calls of a
    /// command that has nothing else to do meanwhile (reading and writing a remote state).
    func sendBlocking(_ request: PreparedRequest) -> Result<HTTPAnswer, TransportFailure> {
        perform(request, cancelled: CancellationFlag())
    }

    /// Runs on the request's own thread: blocks in curl_easy_perform.
    private func perform(_ request: PreparedRequest, cancelled flag: CancellationFlag) -> Result<HTTPAnswer, TransportFailure> {
        let handles: CurlHandlePool
        switch handlePool() {
        case let .success(pool): handles = pool
        case let .failure(error): return .failure(TransportFailure(error: error, delivery: .neverSent))
        }
        guard let handle = handles.take() else {
            return .failure(TransportFailure(error: Self.unreachable(request.origin, "cannot create a curl handle"), delivery: .neverSent))
        }
        defer { handles.give(back: handle) }

        // curl reads "Name:" as "remove Name" and "Name;" as "send Name empty"
        // (https://curl.se/libcurl/c/CURLOPT_HTTPHEADER.html).
        let lines = request.headers.map { $0.value.isEmpty ? "\($0.name);" : "\($0.name): \($0.value)" }
        let milliseconds = timeout > 0 ? max(1, Int(timeout * 1000)) : 0
        var result = ccurl_result()
        withCStringArray(lines) { headers in
            request.body.withUnsafeBufferPointer { body in
                ccurl_perform(
                    handles.library.pointer, handle, request.method, request.url.absoluteString,
                    headers.baseAddress, headers.count, body.isEmpty ? nil : body.baseAddress, body.count,
                    milliseconds, flag.pointer, &result)
            }
        }
        defer { ccurl_result_free(&result) }
        guard result.curl_code == 0 else {
            let message = withUnsafeBytes(of: &result.message) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            let error = Self.unreachable(request.origin, Self.reason(curlCode: result.curl_code, message: message))
            let delivery = TransportFailure.delivery(curlCode: result.curl_code, requestBytes: result.request_bytes)
            return .failure(TransportFailure(error: error, delivery: delivery))
        }
        let body = result.body.map { Data(bytes: $0, count: result.body_length) } ?? Data()
        let etag = withUnsafeBytes(of: &result.etag) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        return .success(HTTPAnswer(status: result.status, body: body, newConnections: result.new_connections, etag: etag.isEmpty ? nil : etag))
    }

    private func handlePool() -> Result<CurlHandlePool, BackendError> {
        pool.withLock { pool in
            if let pool { return pool }
            let loaded = loader().map { CurlHandlePool(library: $0, capacity: capacity) }
            pool = loaded
            return loaded
        }
    }

    static func unreachable(_ origin: String, _ reason: String) -> BackendError {
        BackendError(.transport, "cannot reach \(origin): \(reason)")
    }

    /// The words URLSession's errors were reported with, so messages did not change with the transport
    /// (codes from https://curl.se/libcurl/c/libcurl-errors.html); curl's own text otherwise.
    static func reason(curlCode: Int32, message: String) -> String {
        switch curlCode {
        case 6: return "host not found"  // CURLE_COULDNT_RESOLVE_HOST
        case 7: return "connection refused"  // CURLE_COULDNT_CONNECT
        case 28: return "timed out"  // CURLE_OPERATION_TIMEDOUT
        case 42: return "cancelled"  // CURLE_ABORTED_BY_CALLBACK: our cancellation flag
        case 52, 55, 56: return "connection lost"  // GOT_NOTHING, SEND_ERROR, RECV_ERROR
        // SSL_CONNECT_ERROR, PEER_FAILED_VERIFICATION (51 before 7.62 merged it into 60),
        // SSL_ENGINE_NOTFOUND/SETFAILED, SSL_CERTPROBLEM, SSL_CIPHER, PEER_FAILED_VERIFICATION,
        // USE_SSL_FAILED, SSL_ENGINE_INITFAILED, SSL_CACERT_BADFILE, SSL_SHUTDOWN_FAILED,
        // SSL_CRL_BADFILE, SSL_ISSUER_ERROR, SSL_PINNEDPUBKEYNOTMATCH, SSL_INVALIDCERTSTATUS
        case 35, 51, 53, 54, 58, 59, 60, 64, 66, 77, 80, 82, 83, 90, 91: return "TLS failure"
        default: return message.isEmpty ? "curl error \(curlCode)" : message
        }
    }
}

/// Set from a task's cancellation handler, polled by curl on the request's thread.
private final class CancellationFlag: Sendable {
    // Written and read only through ccurl_cancel / __atomic_load_n in C.
    nonisolated(unsafe) let pointer: UnsafeMutablePointer<CInt>

    init() {
        pointer = .allocate(capacity: 1)
        pointer.initialize(to: 0)
    }

    deinit { pointer.deallocate() }

    func cancel() { ccurl_cancel(pointer) }
}
