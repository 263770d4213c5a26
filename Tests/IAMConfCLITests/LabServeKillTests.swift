import Foundation
import Testing

/// A serve killed with SIGKILL keeps what it acknowledged: the next serve answers with it.
@Suite("lab serve killed", .serialized)
struct LabServeKillTests {
    @Test func whatAKilledServeAcknowledgedIsThereAfterARestart() throws {
        let temp = try TemporaryDirectory()
        let config = try temp.copyExample("cross-account")
        let cli = CLIRunner(directory: temp.url)
        try #require(try cli.run(["apply", "config", "--auto-approve"]).status == 0)
        _ = try temp.copyExample("admins-group", to: "admins")

        /// Starts serve; its URL and the management credential it printed.
        func start(port: String = "0") throws -> (Process, String, [String: String]) {
            try? FileManager.default.removeItem(at: temp.url.appendingPathComponent("started.stdout"))
            let server = try cli.start(["serve", config.path, "--port", port])
            let url = try ServeEndToEndTests.waitForURL(temp.url.appendingPathComponent("started.stdout"))
            let banner = try temp.read("started.stdout")
            func exported(_ name: String) throws -> String {
                try #require(banner.split(separator: "\n").first { $0.contains("export \(name)=") }.map { String($0.split(separator: "=").last ?? "") })
            }
            return (server, url, ["AWS_ACCESS_KEY_ID": try exported("AWS_ACCESS_KEY_ID"), "AWS_SECRET_ACCESS_KEY": try exported("AWS_SECRET_ACCESS_KEY")])
        }

        let (first, url, management) = try start()
        defer { if first.isRunning { first.terminate() } }
        var admin = CLIRunner(directory: temp.url)
        admin.environment = management
        let applied = try admin.run(["apply", "admins", "--auto-approve", "--backend", "endpoint", "--endpoint-url", url])
        try #require(applied.status == 0, "\(applied)")
        kill(first.processIdentifier, SIGKILL)
        first.waitUntilExit()
        #expect(first.terminationReason == .uncaughtSignal)

        // The same port: the admins state names the endpoint's URL.
        let (second, again, credential) = try start(port: String(url.split(separator: ":").last ?? "0"))
        defer { if second.isRunning { second.terminate() } }
        admin.environment = credential
        let refreshed = try admin.run(["plan", "admins", "--refresh", "--detailed-exitcode", "--backend", "endpoint", "--endpoint-url", again])
        #expect(refreshed.status == 0 && refreshed.stdout.contains("No changes."), "\(refreshed)")
        second.terminate()
        second.waitUntilExit()
    }
}
