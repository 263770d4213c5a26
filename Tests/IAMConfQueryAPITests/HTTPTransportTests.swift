import Foundation
import IAMConfBackend
import IAMConfEngine
@testable import IAMConfQueryAPI
import Testing

/// HTTPTransport against a local echo server (Fixtures/stub/echo_endpoint.py): what goes on the
/// wire per method, keep-alive, timeouts, cancellation, and a libcurl that cannot be loaded.
/// The simulated-S3 calls (HEAD/PUT/DELETE/GET) are also exercised against moto by MotoBackendTests.
@Suite struct HTTPTransportTests {
    struct Echo: Decodable {
        var method: String
        var path: String
        var headers: [[String]]
        var body: String

        func header(_ name: String) -> String? {
            headers.first { $0.first?.lowercased() == name.lowercased() }?.last
        }
    }

    /// Runs `body` with the URL of a fresh echo server.
    func withEchoServer(_ body: (URL) async throws -> Void) async throws {
        let port = try MotoServer.freePort()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", FixtureFiles.root.appendingPathComponent("stub/echo_endpoint.py").path, String(port)]
        let output = Pipe()
        let lifeline = Pipe()
        process.standardOutput = output
        process.standardInput = lifeline
        try process.run()
        defer {
            process.terminate()
            process.waitUntilExit()
            try? lifeline.fileHandleForWriting.close()
        }
        _ = output.fileHandleForReading.availableData  // "ready"
        try await body(try #require(URL(string: "http://127.0.0.1:\(port)")))
    }

    func echo(_ transport: HTTPTransport, _ method: String, _ url: URL, headers: [QueryParameter] = [], body: String = "") async throws -> Echo {
        let answer = try await transport.send(method: method, url: url, headers: headers, body: Array(body.utf8))
        #expect(answer.status == 200)
        return try JSONDecoder().decode(Echo.self, from: answer.body)
    }

    @Test func methodsBodiesAndHeadersGoOutAsGiven() async throws {
        try await withEchoServer { url in
            let transport = HTTPTransport(timeout: 10, parallelism: 1)
            let form = "Action=GetUser&UserName=a%2Bb"
            let post = try await echo(
                transport, "POST", url.appendingPathComponent("iam"),
                headers: [QueryParameter("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"), QueryParameter("X-Empty", "")],
                body: form)
            #expect(post.method == "POST" && post.path == "/iam" && post.body == form)
            #expect(post.header("Content-Type") == "application/x-www-form-urlencoded; charset=utf-8")
            #expect(post.header("Content-Length") == String(form.utf8.count))
            #expect(post.header("X-Empty") == "")
            // curl's own additions are dropped: no 100-continue round trip, no Accept: */*.
            #expect(post.header("Expect") == nil)
            #expect(post.header("Accept") == nil)

            // S3 CreateBucket without a body: still a length, and no form Content-Type invented by curl.
            let put = try await echo(transport, "PUT", url.appendingPathComponent("bucket"))
            #expect(put.method == "PUT" && put.body.isEmpty)
            #expect(put.header("Content-Length") == "0")
            #expect(put.header("Content-Type") == nil)

            let policy = #"{"Version":"2012-10-17"}"#
            let putPolicy = try await echo(transport, "PUT", try #require(URL(string: "\(url)/bucket?policy")), body: policy)
            #expect(putPolicy.path == "/bucket?policy" && putPolicy.body == policy && putPolicy.header("Content-Type") == nil)

            // Each request starts from a clean handle: nothing of the PUT before leaks into these.
            let get = try await echo(transport, "GET", try #require(URL(string: "\(url)/bucket?policy")))
            #expect(get.method == "GET" && get.body.isEmpty && get.header("Content-Length") == nil)
            let delete = try await echo(transport, "DELETE", url.appendingPathComponent("bucket"))
            #expect(delete.method == "DELETE" && delete.header("Content-Length") == nil)

            let head = try await transport.send(method: "HEAD", url: url.appendingPathComponent("bucket"), headers: [], body: [])
            #expect(head.status == 200 && head.body.isEmpty)
        }
    }

    @Test func connectionsAreKeptAlive() async throws {
        try await withEchoServer { url in
            let transport = HTTPTransport(timeout: 10, parallelism: 1)
            let first = try await transport.send(method: "GET", url: url, headers: [], body: [])
            let second = try await transport.send(method: "POST", url: url, headers: [], body: Array("x".utf8))
            #expect(first.newConnections == 1)
            #expect(second.newConnections == 0)
        }
    }

    @Test func refusedConnectionNamesTheOrigin() async throws {
        let port = try MotoServer.freePort()
        let transport = HTTPTransport(timeout: 10, parallelism: 1)
        let url = try #require(URL(string: "http://127.0.0.1:\(port)/some/path?Action=Secret"))
        let error = await #expect(throws: BackendError.self) { try await transport.send(method: "POST", url: url, headers: [], body: []) }
        #expect(error?.code == .transport)
        #expect(error?.message == "cannot reach http://127.0.0.1:\(port): connection refused")
    }

    @Test func silentServerTimesOut() async throws {
        try await withEchoServer { url in
            let transport = HTTPTransport(timeout: 0.3, parallelism: 1)
            let start = Date()
            let error = await #expect(throws: BackendError.self) {
                try await transport.send(method: "GET", url: url.appendingPathComponent("silent"), headers: [], body: [])
            }
            #expect(error?.message == "cannot reach \(url.absoluteString): timed out")
            // Loose: the whole suite shares 2 cooperative threads, where resuming has waited a minute;
            // the server waits 900 s, so under 600 s still proves the timeout ended it.
            #expect(Date().timeIntervalSince(start) < 600)
        }
    }

    @Test func cancellingTheTaskStopsTheRequest() async throws {
        try await withEchoServer { url in
            let transport = HTTPTransport(timeout: 800, parallelism: 1)
            let start = Date()
            let task = Task { try await transport.send(method: "GET", url: url.appendingPathComponent("silent"), headers: [], body: []) }
            try await Task.sleep(nanoseconds: 200_000_000)
            task.cancel()
            let result = await task.result
            // Within about a second when idle. Loose because a loaded 2-core test run has kept the
            // cooperative threads busy for a minute; the server holds the request for 900 s and the
            // transport's own limit is 800 s, so under 600 s still proves the cancellation ended it.
            #expect(Date().timeIntervalSince(start) < 600)
            #expect(throws: BackendError.self) { try result.get() }
            if case let .failure(error as BackendError) = result {
                #expect(error.message == "cannot reach \(url.absoluteString): cancelled")
            }
        }
    }

    @Test func unknownHostIsHostNotFound() async throws {
        let transport = HTTPTransport(timeout: 10, parallelism: 1)
        let url = try #require(URL(string: "http://iamconf-no-such-host.invalid:5000"))
        let error = await #expect(throws: BackendError.self) { try await transport.send(method: "GET", url: url, headers: [], body: []) }
        #expect(error?.message == "cannot reach http://iamconf-no-such-host.invalid:5000: host not found")
    }

    /// Without libcurl the endpoint backend fails with what to install, and is not retried.
    @Test func missingLibcurlIsAClearError() async throws {
        let transport = HTTPTransport(timeout: 10, parallelism: 1, libraryNames: ["libcurl-iamconf-missing.so.4", "libcurl-iamconf-missing.so"])
        let url = try #require(URL(string: "http://127.0.0.1:9"))
        let error = await #expect(throws: BackendError.self) { try await transport.send(method: "GET", url: url, headers: [], body: []) }
        #expect(error?.rawCode == "LibcurlMissing")
        #expect(error?.isTransient == false)
        let message = error?.message ?? ""
        #expect(message.contains("libcurl-iamconf-missing.so.4: cannot open shared object file"))
        #expect(message.contains("install the libcurl4 package"))

        let defaultNames = CurlLibrary.load(names: ["libcurl-iamconf-missing.so.4"] + CurlLibrary.defaultNames)
        #expect((try? defaultNames.get()) != nil, "the real libcurl loads after a missing name")
    }

    @Test func curlCodesKeepTheURLSessionWording() {
        #expect(HTTPTransport.reason(curlCode: 7, message: "Failed to connect") == "connection refused")
        #expect(HTTPTransport.reason(curlCode: 56, message: "Recv failure") == "connection lost")
        #expect(HTTPTransport.reason(curlCode: 60, message: "SSL certificate problem") == "TLS failure")
        #expect(HTTPTransport.reason(curlCode: 3, message: "URL using bad/illegal format") == "URL using bad/illegal format")
        #expect(HTTPTransport.reason(curlCode: 3, message: "") == "curl error 3")
    }
}
