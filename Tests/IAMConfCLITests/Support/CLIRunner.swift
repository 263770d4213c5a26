import Foundation
import Testing

/// Runs the built `iamconf` binary the way a user would: in a directory, with arguments, no terminal.
struct CLIRunner {
    struct Result: CustomStringConvertible {
        var status: Int32
        var stdout: String
        var stderr: String
        var description: String { "exit \(status)\n--- stdout\n\(stdout)\n--- stderr\n\(stderr)" }
    }

    /// The repository root, found from this file's location.
    static let repositoryRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }()

    /// The `iamconf` executable SwiftPM built beside this test bundle.
    static let binary: URL = {
        let bundleDirectory = Bundle.main.bundleURL.deletingLastPathComponent()
        for candidate in [bundleDirectory, bundleDirectory.deletingLastPathComponent()] {
            let url = candidate.appendingPathComponent("iamconf")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return repositoryRoot.appendingPathComponent(".build/debug/iamconf")
    }()

    var directory: URL
    var environment: [String: String] = [:]

    @discardableResult
    func run(_ arguments: [String], stdin: String? = nil) throws -> Result {
        let process = try launch(arguments, stdin: stdin)
        let out = process.standardOutput as! Pipe
        let err = process.standardError as! Pipe
        // Read before waiting so a full pipe never blocks the child.
        let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
        let stderrData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: stdoutData, as: UTF8.self),
            stderr: String(decoding: stderrData, as: UTF8.self))
    }

    /// Starts the binary without waiting, for tests that kill it or race two of them. Its output
    /// goes to files in the directory (`started.stdout`/`.stderr`): nobody reads a pipe while it runs.
    func start(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = CLIRunner.binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = mergedEnvironment()
        let out = directory.appendingPathComponent("started.stdout")
        let err = directory.appendingPathComponent("started.stderr")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }

    private func mergedEnvironment() -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        for (key, value) in environment { env[key] = value }
        return env
    }

    private func launch(_ arguments: [String], stdin: String?) throws -> Process {
        let process = Process()
        process.executableURL = CLIRunner.binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = mergedEnvironment()
        process.standardOutput = Pipe()
        process.standardError = Pipe()
        let input = Pipe()
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try? input.fileHandleForWriting.close()
        return process
    }
}

/// A fresh temporary directory, removed when the test's scope ends.
final class TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("iamconf-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func write(_ relativePath: String, _ text: String) throws {
        let file = url.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
    }

    func read(_ relativePath: String) throws -> String {
        try String(contentsOf: url.appendingPathComponent(relativePath), encoding: .utf8)
    }

    func exists(_ relativePath: String) -> Bool {
        FileManager.default.fileExists(atPath: url.appendingPathComponent(relativePath).path)
    }

    /// Copies one of the repository's example directories in, so a test can apply and edit it.
    ///
    /// Only its configuration files are copied: `swift run iamconf apply examples/...` (the README's
    /// main job) leaves a state, its side files and `.iamconf/` beside the example, and a test that
    /// copied those would start from someone else's applied world.
    func copyExample(_ name: String, to relativePath: String = "config", from examples: URL = CLIRunner.repositoryRoot.appendingPathComponent("examples")) throws -> URL {
        let source = examples.appendingPathComponent(name)
        let destination = url.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: destination, withIntermediateDirectories: true)
        for file in try FileManager.default.contentsOfDirectory(atPath: source.path) where Self.isConfigurationFile(file) {
            try FileManager.default.copyItem(at: source.appendingPathComponent(file), to: destination.appendingPathComponent(file))
        }
        return destination
    }

    /// A file the configuration loader reads (`*.yaml`, `*.yml`), or a JSON document it may refer to;
    /// never hidden files, the state or its side files.
    static func isConfigurationFile(_ name: String) -> Bool {
        guard !name.hasPrefix("."), !name.hasPrefix("iamconf.state.json") else { return false }
        return name.hasSuffix(".yaml") || name.hasSuffix(".yml") || name.hasSuffix(".json")
    }
}
