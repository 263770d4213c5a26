import Foundation
import Testing

/// Drift and import end to end: apply, change the world behind iamconf's back, and watch
/// `plan --refresh`, `refresh` and `import` deal with it.
///
/// The world is changed through iamconf itself, with a second configuration and a second state file
/// beside the first (so both share `.iamconf/simulator.json`): it imports an object and then
/// applies or destroys it. To the first state, that is a change made outside iamconf.
@Suite("Refresh and import end to end", .serialized)
struct RefreshAndImportTests {
    static let configuration = """
        accounts:
          target:
            id: "111111111111"
            users:
              alice:
                path: /engineering/
                tags: { team: data }
                groups: [developers]
            groups:
              developers: {}
            roles:
              S3Access:
                description: Cross-account S3 access
                trust: { services: [ec2.amazonaws.com] }
                policies: [AmazonS3FullAccess]

        """

    /// The role with another description: applying it rewrites the description.
    static let editedRole = """
        accounts:
          target:
            id: "111111111111"
            roles:
              S3Access:
                description: edited by hand
                trust: { services: [ec2.amazonaws.com] }

        """

    /// A workspace with the configuration applied.
    func applied() throws -> (TemporaryDirectory, CLIRunner) {
        let temp = try TemporaryDirectory()
        try temp.write("config/main.yaml", Self.configuration)
        let cli = CLIRunner(directory: temp.url)
        let apply = try cli.run(["apply", "config", "--auto-approve"])
        #expect(apply.status == 0, "\(apply)")
        return (temp, cli)
    }

    /// Edits the role's description and removes alice from developers, both outside the first state.
    func tamper(_ temp: TemporaryDirectory, _ cli: CLIRunner) throws {
        try temp.write("edit/main.yaml", Self.editedRole)
        let edit = ["--state", "config/edit.state.json"]
        let imported = try cli.run(["import", "target.role.S3Access", "S3Access", "edit"] + edit)
        #expect(imported.status == 0, "\(imported)")
        let applied = try cli.run(["apply", "edit", "--auto-approve"] + edit)
        #expect(applied.status == 0 && applied.stdout.contains("1 changed"), "\(applied)")

        try temp.write("remove/main.yaml", Self.configuration)
        let remove = ["--state", "config/remove.state.json"]
        let adopted = try cli.run(["import", "target.user.alice.group[developers]", "alice/developers", "remove"] + remove)
        #expect(adopted.status == 0, "\(adopted)")
        let destroyed = try cli.run(["destroy", "remove", "--auto-approve"] + remove)
        #expect(destroyed.status == 0 && destroyed.stdout.contains("1 destroyed"), "\(destroyed)")
    }

    @Test("plan --refresh shows the drift, then the plan that undoes it, and saves nothing")
    func planRefresh() throws {
        let (temp, cli) = try applied()
        try tamper(temp, cli)
        let stateBefore = try temp.read("config/iamconf.state.json")

        let stale = try cli.run(["plan", "config", "--detailed-exitcode"])
        #expect(stale.status == 0 && stale.stdout.contains("No changes."), "\(stale)")

        let plan = try cli.run(["plan", "config", "--refresh", "--detailed-exitcode"])
        #expect(plan.status == 2, "\(plan)")
        try Golden.check(plan.stdout, "plan-refresh-drift.txt")
        #expect(plan.stdout.contains("Note: Objects have changed outside of iamconf"))
        #expect(plan.stdout.contains("  # target.role.S3Access has changed"))
        #expect(plan.stdout.contains(#"~ description = "Cross-account S3 access" -> "edited by hand""#))
        #expect(plan.stdout.contains("  # target.user.alice.group[developers] has been deleted"))
        #expect(plan.stdout.contains(#"~ description = "edited by hand" -> "Cross-account S3 access""#))
        #expect(plan.stdout.contains("Plan: 1 to add, 1 to change, 0 to destroy."))
        #expect(try temp.read("config/iamconf.state.json") == stateBefore)

        let targeted = try cli.run(["plan", "config", "--refresh", "--target", "target.role.S3Access"])
        #expect(targeted.status == 0, "\(targeted)")
        #expect(targeted.stdout.contains("  # target.role.S3Access has changed"), "\(targeted)")
        #expect(!targeted.stdout.contains("group[developers] has been deleted"), "\(targeted)")
        #expect(targeted.stdout.contains("Plan: 0 to add, 1 to change, 0 to destroy."), "\(targeted)")

        let json = try cli.run(["plan", "config", "--refresh", "--json"])
        #expect(json.status == 0, "\(json)")
        let drift = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])["resource_drift"] as? [[String: Any]]
        #expect(drift?.map { "\($0["address"] ?? "") \($0["action"] ?? "")" } == [
            "target.role.S3Access changed", "target.user.alice.group[developers] deleted",
        ])
    }

    @Test("refresh saves the backend's view; apply then undoes the drift")
    func refreshThenApply() throws {
        let (temp, cli) = try applied()
        try tamper(temp, cli)

        let refresh = try cli.run(["refresh", "config"])
        #expect(refresh.status == 0, "\(refresh)")
        #expect(refresh.stdout.contains("  # target.role.S3Access has changed"), "\(refresh)")
        #expect(refresh.stdout.contains("The state now records these changes."), "\(refresh)")
        #expect(refresh.stdout.contains("Saved the refreshed state"), "\(refresh)")
        #expect(try temp.read("config/iamconf.state.json").contains("edited by hand"))

        let plan = try cli.run(["plan", "config", "--detailed-exitcode"])
        #expect(plan.status == 2 && plan.stdout.contains("Plan: 1 to add, 1 to change, 0 to destroy."), "\(plan)")
        #expect(try cli.run(["apply", "config", "--auto-approve"]).status == 0)

        let clean = try cli.run(["plan", "config", "--refresh", "--detailed-exitcode"])
        #expect(clean.status == 0, "\(clean)")
        #expect(!clean.stdout.contains("Objects have changed"), "\(clean)")
        let again = try cli.run(["refresh", "config"])
        #expect(again.status == 0 && again.stdout.contains("No objects have changed outside of iamconf."), "\(again)")
        #expect(!again.stdout.contains("Saved the refreshed state"), "\(again)")

        let json = try cli.run(["refresh", "config", "--json"])
        #expect(json.status == 0 && json.stdout.contains(#""resource_drift": []"#), "\(json)")
    }

    @Test("apply --refresh shows the drift and undoes it in one step, recording the refreshed state")
    func applyRefresh() throws {
        let (temp, cli) = try applied()
        try tamper(temp, cli)
        // The membership deleted outside is also gone from the configuration now: nothing to do for it,
        // and the state must not keep it.
        try temp.write("config/main.yaml", Self.configuration.replacingOccurrences(of: "        groups: [developers]\n", with: ""))
        let apply = try cli.run(["apply", "config", "--refresh", "--auto-approve"])
        #expect(apply.status == 0, "\(apply)")
        #expect(apply.stdout.contains("Note: Objects have changed outside of iamconf"), "\(apply)")
        #expect(apply.stdout.contains("Apply complete! Resources: 0 added, 1 changed, 0 destroyed."), "\(apply)")
        let list = try cli.run(["state", "list", "config"])
        #expect(!list.stdout.contains("group[developers]"), "\(list)")
        #expect(try cli.run(["plan", "config", "--refresh", "--detailed-exitcode"]).status == 0)
    }

    @Test("import adopts an existing object; a plan then leaves it alone")
    func importAdopts() throws {
        let temp = try TemporaryDirectory()
        try temp.write("config/main.yaml", Self.configuration)
        let cli = CLIRunner(directory: temp.url)
        // Someone made the role by hand, with another description.
        try temp.write("made/main.yaml", Self.editedRole)
        #expect(try cli.run(["apply", "made", "--auto-approve", "--state", "config/made.state.json"]).status == 0)

        let imported = try cli.run(["import", "target.role.S3Access", "S3Access", "config"])
        #expect(imported.status == 0, "\(imported)")
        #expect(imported.stdout.contains("Import successful!"), "\(imported)")
        #expect(imported.stdout.contains("[arn:aws:iam::111111111111:role/S3Access]"), "\(imported)")
        #expect(imported.stderr.contains(
            "Note: the imported object differs from the configuration in description; the next apply updates it in place."), "\(imported)")

        let plan = try cli.run(["plan", "config", "--detailed-exitcode"])
        #expect(plan.status == 2, "\(plan)")
        #expect(plan.stdout.contains("# target.role.S3Access will be updated in place"), "\(plan)")
        #expect(!plan.stdout.contains("# target.role.S3Access will be created"), "\(plan)")
        #expect(plan.stdout.contains("Plan: 4 to add, 1 to change, 0 to destroy."), "\(plan)")
        #expect(try cli.run(["apply", "config", "--auto-approve"]).status == 0)
        #expect(try cli.run(["plan", "config", "--refresh", "--detailed-exitcode"]).status == 0)
    }

    @Test("importing an object under another name warns that apply would replace it")
    func importUnderAnotherName() throws {
        let temp = try TemporaryDirectory()
        try temp.write("config/main.yaml", Self.configuration)
        let cli = CLIRunner(directory: temp.url)
        try temp.write("made/main.yaml", Self.editedRole.replacingOccurrences(of: "S3Access:", with: "Legacy:"))
        #expect(try cli.run(["apply", "made", "--auto-approve", "--state", "config/made.state.json"]).status == 0)
        let imported = try cli.run(["import", "target.role.S3Access", "Legacy", "config"])
        #expect(imported.status == 0, "\(imported)")
        #expect(imported.stderr.contains(
            "Warning: the imported object differs from the configuration in name, which cannot be changed in place: "
                + "the next apply would delete it and create target.role.S3Access anew."), "\(imported)")
    }

    @Test("import refuses, with a clear message", arguments: [
        (["target.role.S3Access", "S3Access"], "target.role.S3Access is already in the state"),
        (["target.role.Nope", "Nope"], "the configuration does not declare target.role.Nope"),
        (["target.user.bob", "bob"], "the configuration does not declare target.user.bob"),
        (["target.user.alice.group[developers]", "alice"], "takes USER/GROUP (alice/developers)"),
        (["target.user.alice.group[developers]", "alice/admins"], "alice/admins does not exist in account 111111111111"),
        (["not an address", "x"], "'not an address' is not a resource address"),
    ])
    func importRefuses(arguments: [String], message: String) throws {
        let (temp, cli) = try applied()
        _ = temp
        if arguments[0] != "target.role.S3Access" {
            #expect(try cli.run(["state", "rm", "target.user.alice.group[developers]", "--path", "config"]).status == 0)
        }
        let stateBefore = try temp.read("config/iamconf.state.json")
        let result = try cli.run(["import"] + arguments + ["config"])
        #expect(result.status == 1, "\(result)")
        #expect(result.stderr.contains(message), "\(result)")
        #expect(try temp.read("config/iamconf.state.json") == stateBefore)
    }

    @Test("a world wiped behind iamconf's back: everything has been deleted, and the plan recreates it")
    func wipedWorld() throws {
        let (temp, cli) = try applied()
        try FileManager.default.removeItem(at: temp.url.appendingPathComponent("config/.iamconf"))
        let plan = try cli.run(["plan", "config", "--refresh", "--detailed-exitcode"])
        #expect(plan.status == 2, "\(plan)")
        #expect(plan.stdout.components(separatedBy: " has been deleted\n").count - 1 == 5, "\(plan)")
        #expect(plan.stdout.contains("Plan: 5 to add, 0 to change, 0 to destroy."), "\(plan)")
        let refresh = try cli.run(["refresh", "config"])
        #expect(refresh.status == 0, "\(refresh)")
        let list = try cli.run(["state", "list", "config"])
        #expect(list.status == 0 && list.stdout.isEmpty, "\(list)")
    }

    @Test("refresh without a state says there is nothing to refresh")
    func refreshWithoutState() throws {
        let temp = try TemporaryDirectory()
        try temp.write("config/main.yaml", Self.configuration)
        let result = try CLIRunner(directory: temp.url).run(["refresh", "config"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stderr.contains("there is no state"), "\(result)")
        #expect(!temp.exists("config/iamconf.state.json"))
    }
}
