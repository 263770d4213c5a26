import Foundation
import IAMConfTestSupport
import Testing

/// Runs a whole suite against one moto_server (the shared launcher in IAMConfTestSupport), started
/// before its first test and stopped after its last; tests read it from `MotoServer.current`.
struct MotoServerTrait: SuiteTrait, TestScoping {
    var isRecursive: Bool { false }

    func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        let server = try await MotoServer.start()
        defer { server.stop() }
        try await MotoServer.$current.withValue(server) { try await function() }
    }
}

extension Trait where Self == MotoServerTrait {
    /// One moto_server for the suite (and the suites nested in it).
    static var motoServer: Self { Self() }
}

/// A temporary directory whose `iamconf` runs go to the suite's moto_server, with a way to look at
/// (and change) moto behind iamconf's back through boto3.
struct MotoWorkspace {
    let server: MotoServer
    let temp: TemporaryDirectory
    let cli: CLIRunner

    /// A fresh directory against a freshly reset moto: every test starts from empty accounts.
    static func fresh(sourceLocation: SourceLocation = #_sourceLocation) async throws -> MotoWorkspace {
        let server = try #require(MotoServer.current, "the suite trait starts moto_server", sourceLocation: sourceLocation)
        try await server.reset()
        let temp = try TemporaryDirectory()
        // Explicit keys, so a developer's own AWS_PROFILE never leaks in; moto ignores signatures.
        let environment = ["AWS_ACCESS_KEY_ID": "AKIAIOSFODNN7EXAMPLE", "AWS_SECRET_ACCESS_KEY": "testing"]
        return MotoWorkspace(server: server, temp: temp, cli: CLIRunner(directory: temp.url, environment: environment))
    }

    /// `--backend endpoint --endpoint-url URL`.
    var endpoint: [String] { ["--backend", "endpoint", "--endpoint-url", server.url.absoluteString] }

    /// Runs `iamconf ARGUMENTS --backend endpoint --endpoint-url URL`.
    @discardableResult
    func iamconf(_ arguments: [String]) throws -> CLIRunner.Result {
        try cli.run(arguments + endpoint)
    }

    /// Every IAM object (and bucket) moto holds in these accounts, as read by boto3: see Fixtures/moto_iam.py.
    func inventory(_ accounts: [String]) throws -> [String: Any] {
        let output = try Boto.run(["inventory", server.url.absoluteString] + accounts)
        return try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
    }

    /// Runs Python `code` with boto3 clients `iam` and `s3` acting in `account` (and `json` imported).
    func boto(in account: String, _ code: String) throws {
        try Boto.run(["exec", server.url.absoluteString, account, code])
    }
}

/// Runs Fixtures/moto_iam.py with python3 (boto3 installed beside moto).
enum Boto {
    static let script = CLIRunner.repositoryRoot.appendingPathComponent("Tests/IAMConfCLITests/Fixtures/moto_iam.py")

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    @discardableResult
    static func run(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path] + arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "moto_iam.py \(arguments.prefix(3)) failed: \(String(decoding: stderr, as: UTF8.self))")
        }
        return String(decoding: stdout, as: UTF8.self)
    }
}

/// JSON with sorted keys, for comparing and for golden files.
func canonicalJSON(_ value: Any) throws -> String {
    let data = try JSONSerialization.data(withJSONObject: value, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    return String(decoding: data, as: UTF8.self) + "\n"
}
