import Foundation
import Testing

/// `iamconf lab snapshot/reset/list`: world, objects and state go back together.
@Suite("lab snapshots")
struct LabSnapshotTests {
    @Test func destroyThenResetBringsTheLabBack() throws {
        let temp = try TemporaryDirectory()
        _ = try temp.copyExample("cross-account")
        let cli = CLIRunner(directory: temp.url)
        try #require(try cli.run(["apply", "config", "--auto-approve"]).status == 0)
        let before = try cli.run(["state", "list", "config"]).stdout
        let snapshot = try cli.run(["lab", "snapshot", "base", "config"])
        #expect(snapshot.status == 0 && snapshot.stdout == "Snapshot base saved.\n", "\(snapshot)")
        let again = try cli.run(["lab", "snapshot", "base", "config"])
        #expect(again.status == 1 && again.stderr.contains("a snapshot named base exists"), "\(again)")
        #expect(try cli.run(["lab", "snapshot", "../x", "config"]).status == 1)

        #expect(try cli.run(["destroy", "config", "--auto-approve"]).status == 0)
        #expect(try cli.run(["state", "list", "config"]).stdout.isEmpty)
        #expect(try cli.run(["lab", "list", "config"]).stdout.hasPrefix("base  "))

        let reset = try cli.run(["lab", "reset", "base", "config"])
        #expect(reset.status == 0, "\(reset)")
        #expect(try cli.run(["state", "list", "config"]).stdout == before)
        let plan = try cli.run(["plan", "config", "--detailed-exitcode"])
        #expect(plan.status == 0, "\(plan)")
        let check = try cli.run(["check", "config", "--applied", "--principal", "source.user.alice", "sts:AssumeRole", "arn:aws:iam::111111111111:role/S3Access", "--mfa"])
        #expect(check.status == 0, "\(check)")
        let unknown = try cli.run(["lab", "reset", "nope", "config"])
        #expect(unknown.status == 1 && unknown.stderr.contains("no snapshot named nope"), "\(unknown)")
    }

    /// `lab reset` alone: what a learner made through serve is gone, the configuration's lab is back
    /// with new keys, and plan (even refreshed) has nothing to do; refused while serve runs.
    @Test func resetWithoutANameAppliesTheConfigurationToAFreshWorld() throws {
        let temp = try TemporaryDirectory()
        let config = try temp.copyExample("cross-account")
        let cli = CLIRunner(directory: temp.url)
        try #require(try cli.run(["apply", "config", "--auto-approve"]).status == 0)
        let keyAddress = "source.user.alice.access_key[1]"
        let oldKey = try cli.run(["output", keyAddress, "access_key_id", "config", "--raw"]).stdout

        let server = try cli.start(["serve", config.path, "--port", "0"])
        defer { if server.isRunning { server.terminate() } }
        let url = try ServeEndToEndTests.waitForURL(temp.url.appendingPathComponent("started.stdout"))
        let busy = try cli.run(["lab", "reset", "config"])
        #expect(busy.status == 1 && busy.stderr.contains("another iamconf process is changing the simulated world"), "\(busy)")
        // A learner with the management credential applies users of their own through the endpoint.
        let banner = try temp.read("started.stdout")
        func exported(_ name: String) -> String? {
            banner.split(separator: "\n").first { $0.contains("export \(name)=") }.map { String($0.split(separator: "=").last ?? "") }
        }
        _ = try temp.copyExample("admins-group", to: "admins")
        var admin = CLIRunner(directory: temp.url)
        admin.environment = ["AWS_ACCESS_KEY_ID": try #require(exported("AWS_ACCESS_KEY_ID")), "AWS_SECRET_ACCESS_KEY": try #require(exported("AWS_SECRET_ACCESS_KEY"))]
        let applied = try admin.run(["apply", "admins", "--auto-approve", "--backend", "endpoint", "--endpoint-url", url])
        try #require(applied.status == 0, "\(applied)")
        server.terminate()
        server.waitUntilExit()
        #expect(try temp.read("config/.iamconf/simulator.json").contains("333333333333"))

        let reset = try cli.run(["lab", "reset", "config"])
        #expect(reset.status == 0 && reset.stdout.contains("Reset to the configuration: a fresh world"), "\(reset)")
        #expect(try !temp.read("config/.iamconf/simulator.json").contains("333333333333"), "the learner's account is gone")
        let newKey = try cli.run(["output", keyAddress, "access_key_id", "config", "--raw"]).stdout
        #expect(newKey.hasPrefix("AKIA") && newKey != oldKey, "a fresh world makes new keys, recorded in the state")
        let plan = try cli.run(["plan", "config", "--refresh", "--detailed-exitcode"])
        #expect(plan.status == 0 && plan.stdout.contains("No changes."), "\(plan)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: temp.url.appendingPathComponent("config/.iamconf").path).allSatisfy { !$0.hasPrefix(".reset-") })
    }
}
