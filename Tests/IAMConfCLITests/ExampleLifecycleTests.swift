import Foundation
import Testing

/// Every example goes through the user's loop: plan, apply, re-plan clean, destroy.
@Suite("Examples end to end", .serialized)
struct ExampleLifecycleTests {
    static let examples = ["cross-account", "admins-group", "ec2-instance-profile", "github-oidc", "mfa-protected-admin"]

    @Test("plan, apply, plan again with no changes, destroy", arguments: examples)
    func lifecycle(example: String) throws {
        let temp = try TemporaryDirectory()
        _ = try temp.copyExample(example)
        let cli = CLIRunner(directory: temp.url)

        let plan = try cli.run(["plan", "config", "--detailed-exitcode"])
        #expect(plan.status == 2, "\(plan)")
        try Golden.check(plan.stdout, "plan-\(example).txt")

        let apply = try cli.run(["apply", "config", "--auto-approve"])
        #expect(apply.status == 0, "\(apply)")
        #expect(apply.stdout.contains("Apply complete! Resources:"), "\(apply)")

        let replan = try cli.run(["plan", "config", "--detailed-exitcode"])
        #expect(replan.status == 0, "\(replan)")
        #expect(replan.stdout.contains("No changes."), "\(replan)")

        let list = try cli.run(["state", "list", "config"])
        #expect(list.status == 0 && !list.stdout.isEmpty, "\(list)")

        let destroy = try cli.run(["destroy", "config", "--auto-approve"])
        #expect(destroy.status == 0, "\(destroy)")
        let after = try cli.run(["state", "list", "config"])
        #expect(after.status == 0 && after.stdout.isEmpty, "\(after)")
        try expectEmptyWorld(temp.url.appendingPathComponent("config/.iamconf"))
    }

    @Test("a changed configuration plans exactly the expected update")
    func changedConfiguration() throws {
        let temp = try TemporaryDirectory()
        let config = try temp.copyExample("cross-account")
        let cli = CLIRunner(directory: temp.url)
        #expect(try cli.run(["apply", "config", "--auto-approve"]).status == 0)

        // Move alice to another path: IAM updates a user's path in place (UpdateUser NewPath).
        let source = config.appendingPathComponent("source.yaml")
        let text = try String(contentsOf: source, encoding: .utf8)
        let declaration = "      alice:\n        path: /engineering/\n"
        #expect(text.contains(declaration), "the cross-account example should declare alice under /engineering/")
        try Data(text.replacingOccurrences(of: declaration, with: "      alice:\n        path: /auditors/\n").utf8).write(to: source)
        let plan = try cli.run(["plan", "config", "--detailed-exitcode"])
        #expect(plan.status == 2, "\(plan)")
        try Golden.check(plan.stdout, "plan-cross-account-alice-path.txt")
        #expect(plan.stdout.contains("Plan: 0 to add, 1 to change, 0 to destroy."), "\(plan)")
        #expect(try cli.run(["apply", "config", "--auto-approve"]).status == 0)
        #expect(try cli.run(["plan", "config", "--detailed-exitcode"]).status == 0)
    }
}

/// The simulator's world file lists no IAM entity once everything is destroyed.
func expectEmptyWorld(_ directory: URL, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    for file in files where file.hasSuffix(".json") {
        let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
        for marker in ["\"AIDA", "\"AGPA", "\"AROA", "\"ANPA", "\"AIPA"] {
            #expect(!text.contains(marker), "\(file) still holds an entity with id prefix \(marker)", sourceLocation: sourceLocation)
        }
    }
}
