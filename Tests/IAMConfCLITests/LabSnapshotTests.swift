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
}
