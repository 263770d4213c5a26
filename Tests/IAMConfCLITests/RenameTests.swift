import Foundation
import Testing

/// Renaming a user or group is one in-place change (UpdateUser/UpdateGroup take a new name): the
/// user keeps its unique id, keys and console password (issue "Found by trying it as a new user").
@Suite("Renames in place")
struct RenameTests {
    static func configuration(user: String, renamedFrom: String? = nil, group: String = "devs", groupFrom: String? = nil) -> String {
        let userFrom = renamedFrom.map { "renamed_from: \($0), " } ?? ""
        let groupLine = groupFrom.map { "\(group): { renamed_from: \($0) }" } ?? "\(group): {}"
        return """
            accounts:
              lab:
                id: "111111111111"
                groups:
                  \(groupLine)
                users:
                  \(user): { \(userFrom)groups: [\(group)], login_profile: true, access_keys: 1 }
            """
    }

    @Test("a renamed user keeps its unique id, key, secret and password; a renamed group keeps its members")
    func renameUserThenGroup() throws {
        let temp = try TemporaryDirectory()
        let cli = CLIRunner(directory: temp.url)
        try temp.write("config/main.yaml", Self.configuration(user: "bob"))
        let first = try cli.run(["apply", "config", "--auto-approve"])
        #expect(first.stdout.contains("Apply complete! Resources: 5 added, 0 changed, 0 destroyed."), "\(first)")
        let before = try ConvergenceTests.stateResources(temp, "config/iamconf.state.json")

        try temp.write("config/main.yaml", Self.configuration(user: "alice", renamedFrom: "bob"))
        let plan = try cli.run(["plan", "config", "--no-color"])
        #expect(plan.stdout.contains("""
              # lab.user.bob has moved to lab.user.alice
              # lab.user.bob.access_key[1] has moved to lab.user.alice.access_key[1]
              # lab.user.bob.group[devs] has moved to lab.user.alice.group[devs]
              # lab.user.bob.login_profile has moved to lab.user.alice.login_profile
              # lab.user.alice will be updated in place
            """), "\(plan)")
        #expect(plan.stdout.contains(#"~ name = "bob" -> "alice""#), "\(plan)")
        #expect(plan.stdout.contains("Plan: 0 to add, 1 to change, 0 to destroy."), "\(plan)")
        let apply = try cli.run(["apply", "config", "--auto-approve"])
        #expect(apply.stdout.contains("Apply complete! Resources: 0 added, 1 changed, 0 destroyed."), "\(apply)")
        #expect(try cli.run(["plan", "config", "--refresh", "--detailed-exitcode"]).status == 0)

        let after = try ConvergenceTests.stateResources(temp, "config/iamconf.state.json")
        #expect(!after.keys.contains { $0.hasPrefix("lab.user.bob") }, "\(after.keys.sorted())")
        func output(_ state: [String: [String: Any]], _ address: String, _ key: String, in member: String = "outputs") -> String? {
            (state[address]?[member] as? [String: Any])?[key] as? String
        }
        #expect(output(after, "lab.user.alice", "unique_id") == output(before, "lab.user.bob", "unique_id"))
        #expect(output(after, "lab.user.alice.access_key[1]", "access_key_id") == output(before, "lab.user.bob.access_key[1]", "access_key_id"))
        #expect(output(after, "lab.user.alice.access_key[1]", "secret_access_key", in: "secrets")
            == output(before, "lab.user.bob.access_key[1]", "secret_access_key", in: "secrets"))
        #expect(output(after, "lab.user.alice.login_profile", "password", in: "secrets")
            == output(before, "lab.user.bob.login_profile", "password", in: "secrets"))

        try temp.write("config/main.yaml", Self.configuration(user: "alice", group: "developers", groupFrom: "devs"))
        let groupPlan = try cli.run(["plan", "config", "--no-color"])
        #expect(groupPlan.stdout.contains("# lab.group.devs has moved to lab.group.developers"), "\(groupPlan)")
        #expect(groupPlan.stdout.contains("# lab.user.alice.group[devs] has moved to lab.user.alice.group[developers]"), "\(groupPlan)")
        #expect(groupPlan.stdout.contains("Plan: 0 to add, 1 to change, 0 to destroy."), "\(groupPlan)")
        #expect(try cli.run(["apply", "config", "--auto-approve"]).status == 0)
        #expect(try cli.run(["plan", "config", "--refresh", "--detailed-exitcode"]).status == 0)
        let world = try temp.read("config/.iamconf/simulator.json")
        #expect(world.contains(#""members":["alice"]"#), "the renamed group keeps its renamed member")
    }

    @Test("a role cannot be renamed in place, and validate says why")
    func roleRenameRefused() throws {
        let temp = try TemporaryDirectory()
        try temp.write("config/main.yaml", """
            accounts:
              lab:
                id: "111111111111"
                roles:
                  New: { renamed_from: Old, trust: { services: [ec2.amazonaws.com] } }
            """)
        let result = try CLIRunner(directory: temp.url).run(["validate", "config"])
        #expect(result.status == 1, "\(result)")
        let text = result.stdout + result.stderr
        #expect(text.contains("a role cannot be renamed in place") && text.contains("[rename-not-supported]"), "\(result)")
    }
}
