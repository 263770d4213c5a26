import Foundation
import IAMConfTestSupport
import Testing

/// Fixtures/recording_proxy.py in front of an endpoint: forwards every request and records which
/// action it was, which role an AssumeRole asked for, and how it was signed.
final class RecordingProxy: Sendable {
    let url: URL
    /// Where the proxy appends one JSON line per request.
    let recordFile: String
    private let process: Process
    private let lifeline: Pipe

    struct Record: Decodable, Sendable {
        var method: String
        var action: String?
        var roleARN: String?
        var authorization: String

        enum CodingKeys: String, CodingKey {
            case method, action, authorization
            case roleARN = "role_arn"
        }

        /// The region of the SigV4 credential scope (`Credential=KEY/DATE/REGION/SERVICE/aws4_request`).
        var signedRegion: String? {
            guard let scope = authorization.split(separator: " ").first(where: { $0.hasPrefix("Credential=") }) else { return nil }
            let parts = scope.split(separator: "/")
            return parts.count >= 5 ? String(parts[2]) : nil
        }
    }

    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/recording_proxy.py")

    init(forwardingTo target: URL, recordFile: String) throws {
        self.recordFile = recordFile
        let port = try MotoServer.freePort()
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.script.path, String(port), target.absoluteString, recordFile]
        let output = Pipe()
        lifeline = Pipe()  // the proxy exits when this closes
        process.standardOutput = output
        process.standardInput = lifeline
        try process.run()
        _ = output.fileHandleForReading.availableData  // "ready"
        url = try #require(URL(string: "http://127.0.0.1:\(port)"))
    }

    /// Every request forwarded so far (each is recorded before it is forwarded).
    func recorded() throws -> [Record] {
        guard let data = FileManager.default.contents(atPath: recordFile) else { return [] }
        return try data.split(separator: UInt8(ascii: "\n")).map { try JSONDecoder().decode(Record.self, from: Data($0)) }
    }

    /// Closes the lifeline (the proxy exits at end-of-file on its stdin) and waits for the proxy.
    /// Not SIGTERM alone: the test runner may block it, and children inherit the mask.
    func stop() {
        try? lifeline.fileHandleForWriting.close()
        process.terminate()
        process.waitUntilExit()
    }
}
