import Foundation
import IAMConfQueryAPI
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Fixtures/stub/stub_endpoint.py on a free port: replays a scripted list of HTTP answers and
/// records what it was sent. For client-side decisions moto cannot provoke (throttling, expiry).
struct StubEndpoint: Sendable {
    let url: URL

    struct Request: Decodable, Sendable {
        var body: String
        var authorization: String
        var token: String?

        /// The form parameter `name`, percent-decoded.
        func parameter(_ name: String) -> String? {
            body.split(separator: "&").lazy.compactMap { pair -> String? in
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                return parts.count == 2 && parts[0] == name ? PercentEncoding.decode(String(parts[1])) : nil
            }.first
        }
    }

    func requests() async -> [Request] {
        guard let (data, _) = try? await URLSession.shared.data(from: url.appendingPathComponent("requests")) else { return [] }
        return (try? JSONDecoder().decode([Request].self, from: data)) ?? []
    }

    static func run(
        _ script: [(Int, String, String)], retry: RetryPolicy = RetryPolicy(maxAttempts: 3, baseDelay: 0.01, maxDelay: 0.05),
        accessRoles: [String: String] = [:],
        _ body: (HTTPBackend, StubEndpoint) async throws -> Void
    ) async throws {
        try await run(script, retry: retry, accessRoles: accessRoles, through: { $0 }, body)
    }

    /// Like `run`, with the backend sent to `through(stubURL)` (a `FaultProxy` in front of the stub).
    static func run(
        _ script: [(Int, String, String)], retry: RetryPolicy, accessRoles: [String: String] = [:],
        through: (URL) throws -> URL, _ body: (HTTPBackend, StubEndpoint) async throws -> Void
    ) async throws {
        let port = try MotoServer.freePort()
        let json = String(decoding: try JSONSerialization.data(withJSONObject: script.map { [$0.0, $0.1, $0.2] as [Any] }), as: UTF8.self)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", FixtureFiles.root.appendingPathComponent("stub/stub_endpoint.py").path, String(port), json]
        let output = Pipe()
        let lifeline = Pipe()  // the stub exits when this closes (see stub_endpoint.py)
        process.standardOutput = output
        process.standardInput = lifeline
        try process.run()
        defer {
            process.terminate()
            process.waitUntilExit()
            try? lifeline.fileHandleForWriting.close()
        }
        _ = output.fileHandleForReading.availableData  // "ready"
        let url = try #require(URL(string: "http://127.0.0.1:\(port)"))
        let backend = try HTTPBackend(
            HTTPBackend.Configuration(endpoint: try through(url), accessRoles: accessRoles, retry: retry), environment: [:])
        try await body(backend, StubEndpoint(url: url))
    }
}
