import Foundation
import Testing

/// The organization applied to the simulator by the built binary: apply, plan again without
/// changes, `check --applied` refused by the applied SCP (and not by an unapplied edit), a changed
/// SCP planned as an update, destroy leaving no organization.
@Suite("organization apply end to end", .serialized)
struct OrganizationApplyCommandTests {
    static let putObject = [
        "--principal", "source.user.alice", "--assume", "target.role.S3Access", "--mfa", "s3:PutObject", "arn:aws:s3:::shared-reports/report.csv",
    ]

    @Test func applyPlanCheckChangeDestroy() throws {
        let example = try OrganizationCommandTests.Example()
        let (temp, cli) = (example.temp, example.cli)
        // The example's own expectation that alice may write fails under DenyWrites: apply anyway.
        let apply = try cli.run(["apply", "config", "--auto-approve", "--skip-expectations"])
        try #require(apply.status == 0, "\(apply)")
        #expect(apply.stdout.contains("Apply complete! Resources: 20 added"), "\(apply)")
        #expect(!apply.stderr.contains("Note: the organization"), "\(apply)")

        let again = try cli.run(["plan", "config", "--skip-expectations", "--detailed-exitcode"])
        #expect(again.status == 0, "no changes after apply: \(again)")

        let denied = try cli.run(["check", "config", "--applied"] + Self.putObject)
        #expect(denied.status == 3, "\(denied)")
        #expect(denied.stdout.contains("denied by service control policy DenyWrites (attached to ou/Data)"), "\(denied)")

        // An edit not yet applied changes the configuration's answer, not the applied world's.
        try temp.write("config/org.yaml", OrganizationCommandTests.organization.replacingOccurrences(of: "Action: s3:PutObject", with: "Action: s3:DeleteObject"))
        let stillDenied = try cli.run(["check", "config", "--applied"] + Self.putObject)
        #expect(stillDenied.status == 3, "the applied SCP still denies: \(stillDenied)")
        let changed = try cli.run(["plan", "config", "--detailed-exitcode"])
        #expect(changed.status == 2, "\(changed)")
        #expect(changed.stdout.contains(#"~ resource "service_control_policy" "organization.scp.DenyWrites""#), "\(changed)")
        #expect(changed.stdout.contains("Plan: 0 to add, 1 to change, 0 to destroy."), "\(changed)")
        let reapply = try cli.run(["apply", "config", "--auto-approve"])
        try #require(reapply.status == 0, "\(reapply)")
        let allowed = try cli.run(["check", "config", "--applied"] + Self.putObject)
        #expect(allowed.status == 0, "the applied SCP now denies only deletes: \(allowed)")

        let destroy = try cli.run(["destroy", "config", "--auto-approve"])
        try #require(destroy.status == 0, "\(destroy)")
        let list = try cli.run(["state", "list", "config"])
        #expect(!list.stdout.contains("organization."), "\(list)")
        let world = try String(contentsOf: temp.url.appendingPathComponent("config/.iamconf/simulator.json"), encoding: .utf8)
        #expect(!world.contains("\"organization\""), "the simulator holds no organization after destroy")
    }
}
