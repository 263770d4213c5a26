import Foundation
import Testing

@Suite("Approval and saved plans", .serialized)
struct ApprovalAndPlanFileTests {
    @Test("apply without a terminal and without --auto-approve refuses and changes nothing")
    func refusesWithoutTerminal() throws {
        let temp = try TemporaryDirectory()
        _ = try temp.copyExample("cross-account")
        let result = try CLIRunner(directory: temp.url).run(["apply", "config"])
        #expect(result.status == 1, "\(result)")
        #expect(result.stderr.contains("--auto-approve"), "\(result)")
        #expect(!temp.exists("config/iamconf.state.json"))
    }

    @Test("a saved plan applies exactly once; a stale one is refused")
    func savedPlan() throws {
        let temp = try TemporaryDirectory()
        _ = try temp.copyExample("cross-account")
        let cli = CLIRunner(directory: temp.url)
        #expect(try cli.run(["plan", "config", "--out", "first.plan"]).status == 0)
        #expect(try cli.run(["plan", "config", "--out", "second.plan"]).status == 0)

        let apply = try cli.run(["apply", "first.plan"])
        #expect(apply.status == 0, "\(apply)")
        let state = try temp.read("config/iamconf.state.json")

        // Both plans were made against the empty state, which no longer is.
        for stale in ["first.plan", "second.plan"] {
            let again = try cli.run(["apply", stale])
            #expect(again.status == 1, "\(again)")
            #expect(again.stderr.contains("state changed since this plan was made"), "\(again)")
        }
        #expect(try temp.read("config/iamconf.state.json") == state)
    }

    @Test("plan --detailed-exitcode: 2 with changes, 0 without; --json is valid JSON")
    func detailedExitCodeAndJSON() throws {
        let temp = try TemporaryDirectory()
        _ = try temp.copyExample("admins-group")
        let cli = CLIRunner(directory: temp.url)
        let json = try cli.run(["plan", "config", "--json"])
        #expect(json.status == 0, "\(json)")
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(object?["resource_changes"] is [Any], "\(json.stdout)")
    }
}
