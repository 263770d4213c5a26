import Foundation
import Testing

/// `iamconf show PLANFILE [--json]`: a saved plan is shown as `plan` showed it, and `show` still
/// prints the state for a configuration.
@Suite struct ShowPlanFileTests {
    struct Example {
        let temp: TemporaryDirectory
        var cli: CLIRunner { CLIRunner(directory: temp.url) }

        init() throws {
            temp = try TemporaryDirectory()
            _ = try temp.copyExample("cross-account")
        }
    }

    @Test func showPrintsASavedPlanAsPlanPrintedIt() throws {
        let example = try Example()
        let plan = try example.cli.run(["plan", "config", "--out", "saved.plan"])
        #expect(plan.status == 0, "\(plan)")
        let show = try example.cli.run(["show", "saved.plan"])
        #expect(show.status == 0, "\(show)")
        // `plan` adds only the "Saved the plan" note after the plan itself.
        let planned = try #require(plan.stdout.components(separatedBy: "\nSaved the plan to").first)
        #expect(show.stdout == planned, "\(show)")
        #expect(show.stdout.contains("Plan: 11 to add, 0 to change, 0 to destroy."), "\(show)")
        try Golden.check(show.stdout, "show-plan-cross-account.txt")
    }

    @Test func showJSONIsThePlansJSON() throws {
        let example = try Example()
        #expect(try example.cli.run(["plan", "config", "--out", "saved.plan"]).status == 0)
        let planJSON = try example.cli.run(["plan", "config", "--json"])
        let show = try example.cli.run(["show", "--json", "saved.plan"])
        #expect(show.status == 0, "\(show)")
        #expect(show.stdout == planJSON.stdout)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any])
        #expect(object["format_version"] as? String == "1.2")
        let changes = try #require(object["resource_changes"] as? [[String: Any]])
        #expect(changes.count == 11)
        // The state was not touched: showing a plan applies nothing.
        #expect(!example.temp.exists("config/iamconf.state.json"))
    }

    @Test func aDestroyPlanIsShownAsOne() throws {
        let example = try Example()
        #expect(try example.cli.run(["apply", "config", "--auto-approve"]).status == 0)
        #expect(try example.cli.run(["plan", "config", "--destroy", "--out", "destroy.plan"]).status == 0)
        let show = try example.cli.run(["show", "destroy.plan"])
        #expect(show.status == 0, "\(show)")
        #expect(show.stdout.contains("Plan: 0 to add, 0 to change, 11 to destroy."), "\(show)")
    }

    @Test func showStillPrintsTheStateForAConfiguration() throws {
        let example = try Example()
        #expect(try example.cli.run(["apply", "config", "--auto-approve"]).status == 0)
        let show = try example.cli.run(["show", "config"])
        #expect(show.status == 0, "\(show)")
        #expect(show.stdout.contains("# source.user.alice:"), "\(show)")
        let file = try example.cli.run(["show", "config/source.yaml"])
        #expect(file.status == 0 && file.stdout.contains("# source.user.alice:"), "\(file)")
    }

    @Test(arguments: [
        // Marker present, JSON cut short.
        ("{\"iamconf_saved_plan\": 2, \"configuration\": ", "the plan file is not valid JSON"),
        // An older format.
        ("{\"iamconf_saved_plan\": 1, \"configuration\": \"/x\", \"state\": \"/x/s\", \"plan\": {}}", "saved by an older iamconf"),
        // No marker at all: neither a plan nor a configuration.
        ("{\"resources\": []}", "is neither a plan saved by `iamconf plan --out` nor a configuration"),
        ("", "is neither a plan saved by `iamconf plan --out` nor a configuration"),
    ])
    func aBrokenPlanFileIsAClearError(text: String, message: String) throws {
        let example = try Example()
        try example.temp.write("broken.plan", text)
        let show = try example.cli.run(["show", "broken.plan"])
        #expect(show.status == 1, "\(show)")
        #expect(show.stderr.contains("broken.plan"), "\(show)")
        #expect(show.stderr.contains(message), "\(show)")
        #expect(show.stdout.isEmpty, "\(show)")
        let json = try example.cli.run(["show", "--json", "broken.plan"])
        #expect(json.status == 1 && json.stdout.isEmpty, "\(json)")
    }
}
