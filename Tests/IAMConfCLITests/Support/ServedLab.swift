import Foundation
import Testing

/// `Fixtures/serve/lab.yaml` applied in a temporary directory and served by the built `iamconf
/// serve`, with the users' keys and the management credential as a client gets them (`iamconf lab
/// credentials`), and `Fixtures/serve/scenarios.py` to drive it with boto3.
final class ServedLab {
    static let fixtures = CLIRunner.repositoryRoot.appendingPathComponent("Tests/IAMConfCLITests/Fixtures/serve")
    static let users = ["bob", "carol", "dana", "erin"]

    let temp: TemporaryDirectory
    let cli: CLIRunner
    var config: URL { temp.url.appendingPathComponent("config") }
    /// serve's test-only clock: seconds added to the real time, read at each request.
    var clockFile: URL { temp.url.appendingPathComponent("clock-offset") }
    var keys: [String: [String]] = [:]
    private(set) var server: Process?
    private(set) var url = ""

    /// Applies the lab (nothing served yet) and reads the users' keys from the state.
    init() throws {
        temp = try TemporaryDirectory()
        try FileManager.default.createDirectory(at: temp.url.appendingPathComponent("config"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: Self.fixtures.appendingPathComponent("lab.yaml"), to: temp.url.appendingPathComponent("config/lab.yaml"))
        try temp.write("clock-offset", "0")
        var runner = CLIRunner(directory: temp.url)
        runner.environment = ["IAMCONF_SERVE_CLOCK_OFFSET_FILE": temp.url.appendingPathComponent("clock-offset").path]
        cli = runner
        let apply = try cli.run(["apply", "config", "--auto-approve"])
        try #require(apply.status == 0, "\(apply)")
        for name in Self.users {
            let exports = try cli.run(["lab", "credentials", "app.user.\(name)", "config"]).stdout
            keys[name] = [Self.exported("AWS_ACCESS_KEY_ID", in: exports), Self.exported("AWS_SECRET_ACCESS_KEY", in: exports)]
            try #require(keys[name]?.allSatisfy { !$0.isEmpty } == true, "\(name): \(exports)")
        }
    }

    deinit { if let server, server.isRunning { server.terminate(); server.waitUntilExit() } }

    /// Starts `iamconf serve` with `flags`; the management credential is read back with
    /// `iamconf lab credentials --management`, as a second shell would.
    func serve(_ flags: [String] = []) throws {
        let process = try cli.start(["serve", config.path, "--port", "0"] + flags)
        server = process
        url = try ServeEndToEndTests.waitForURL(temp.url.appendingPathComponent("started.stdout"))
        let management = try cli.run(["lab", "credentials", "--management", "config"])
        try #require(management.status == 0, "\(management)")
        keys["management"] = [
            Self.exported("AWS_ACCESS_KEY_ID", in: management.stdout), Self.exported("AWS_SECRET_ACCESS_KEY", in: management.stdout),
        ]
    }

    /// Stops serve (SIGTERM, as Ctrl-C) and waits until it saved the world.
    @discardableResult
    func stop() throws -> Int32 {
        guard let server else { return 0 }
        server.terminate()
        server.waitUntilExit()
        self.server = nil
        return server.terminationStatus
    }

    var isServing: Bool { server?.isRunning == true }

    /// Runs one scenario of `scenarios.py` against the running serve; its JSON answer.
    func run(_ scenario: String) throws -> [String: Any] {
        var document: [String: Any] = ["url": url, "clock_file": clockFile.path]
        for (name, pair) in keys { document[name] = pair }
        let keysFile = temp.url.appendingPathComponent("keys.json")
        try JSONSerialization.data(withJSONObject: document).write(to: keysFile)
        let python = try ServeEndToEndTests.run(
            ["python3", Self.fixtures.appendingPathComponent("scenarios.py").path, scenario, keysFile.path])
        try #require(python.status == 0, "\(scenario): \(python.output)")
        let line = python.output.split(separator: "\n").last.map(String.init) ?? ""
        return try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "\(python.output)")
    }

    /// The aws CLI as `user` (a lab user or "management"), against the running serve.
    func aws(_ arguments: [String], as user: String, session: [String: String] = [:]) throws -> (status: Int32, output: String) {
        let pair = try #require(keys[user])
        var env = ["AWS_ACCESS_KEY_ID": pair[0], "AWS_SECRET_ACCESS_KEY": pair[1], "AWS_DEFAULT_REGION": "us-east-1"]
        env.merge(session) { $1 }
        return try ServeEndToEndTests.run(["aws", "--endpoint-url", url] + arguments, env: env)
    }

    /// The simulator's saved world and objects, byte for byte.
    func savedWorld() -> [String: Data] {
        var files: [String: Data] = [:]
        for name in ["simulator.json", "objects.json"] {
            files[name] = (try? Data(contentsOf: config.appendingPathComponent(".iamconf/\(name)"))) ?? Data()
        }
        return files
    }

    static func exported(_ name: String, in text: String) -> String {
        text.split(separator: "\n").first { $0.hasPrefix("export \(name)=") }.map { String($0.dropFirst("export \(name)=".count)) } ?? ""
    }
}
