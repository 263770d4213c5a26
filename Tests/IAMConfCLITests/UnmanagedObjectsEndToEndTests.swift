import Foundation
import Testing

/// Objects not in the configuration, end to end on the simulator with the built binary. The
/// "hand-made" objects come from a second configuration with its own state in the same simulated
/// world: to the first configuration they are objects someone else made.
@Suite("Objects not in the configuration on the simulator", .serialized)
struct UnmanagedObjectsEndToEndTests {
    static func configuration(ownership: String) -> String {
        """
        accounts:
          target:
            id: "111111111111"
            ownership: \(ownership)
            groups:
              developers:
                policies: [ReadOnlyAccess]
            users:
              alice:
                groups: [developers]

        """
    }

    /// Someone else's: a user with a key, AdministratorAccess on the managed group, a service-linked role.
    static let other = """
        accounts:
          target:
            id: "111111111111"
            users:
              mallory:
                access_keys: 1
            groups:
              developers:
                policies: [AdministratorAccess]
            service_linked_roles:
              - service: autoscaling.amazonaws.com

        """

    static let otherState = ["--state", "config/other.state.json"]

    func applied(ownership: String) throws -> (TemporaryDirectory, CLIRunner) {
        let temp = try TemporaryDirectory()
        try temp.write("config/main.yaml", Self.configuration(ownership: ownership))
        try temp.write("other/main.yaml", Self.other)
        let cli = CLIRunner(directory: temp.url)
        let apply = try cli.run(["apply", "config", "--auto-approve"])
        try #require(apply.status == 0, "\(apply)")
        let byHand = try cli.run(["apply", "other", "--auto-approve"] + Self.otherState)
        try #require(byHand.status == 0, "\(byHand)")
        return (temp, cli)
    }

    @Test("additive: reported by plan --refresh and refresh, nothing planned, exit 0")
    func additive() throws {
        let (temp, cli) = try applied(ownership: "additive")
        let plan = try cli.run(["plan", "config", "--refresh", "--detailed-exitcode"])
        #expect(plan.status == 0, "\(plan)")
        #expect(plan.stdout.contains("Objects not in the configuration:"), "\(plan)")
        #expect(plan.stdout.contains("account target (111111111111), ownership: additive"), "\(plan)")
        #expect(plan.stdout.contains("? user mallory [target.user.mallory]"), "\(plan)")
        #expect(plan.stdout.contains("? policy arn:aws:iam::aws:policy/AdministratorAccess attached to group developers"), "\(plan)")
        #expect(plan.stdout.contains("set `ownership: exclusive`"), "\(plan)")
        #expect(!plan.stdout.contains("AWSServiceRole") && !plan.stdout.contains("autoscaling"), "\(plan)")
        #expect(plan.stdout.contains("No changes."), "\(plan)")
        let refresh = try cli.run(["refresh", "config", "--json"])
        #expect(refresh.status == 0, "\(refresh)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(refresh.stdout.utf8)) as? [String: Any])
        let objects = try #require(document["unmanaged_objects"] as? [[String: Any]], "\(refresh)")
        #expect(objects.compactMap { $0["address"] as? String } == ["target.group.developers.policy[AdministratorAccess]", "target.user.mallory"])
        // A plain plan reads nothing from the backend, so it reports nothing.
        let plain = try cli.run(["plan", "config"])
        #expect(!plain.stdout.contains("Objects not in the configuration"), "\(plain)")
        withExtendedLifetime(temp) {}
    }

    @Test("exclusive: planned for removal, removed by apply, then plan --refresh --detailed-exitcode is 0")
    func exclusive() throws {
        let (temp, cli) = try applied(ownership: "exclusive")
        let plan = try cli.run(["plan", "config", "--refresh", "--detailed-exitcode"])
        #expect(plan.status == 2, "\(plan)")
        #expect(plan.stdout.contains("# target.user.mallory will be destroyed\n  # (because not in the configuration)"), "\(plan)")
        #expect(plan.stdout.contains("# target.user.mallory.access_key[1] will be destroyed"), "\(plan)")
        #expect(plan.stdout.contains("# target.group.developers.policy[AdministratorAccess] will be destroyed"), "\(plan)")
        #expect(plan.stdout.contains("0 to add, 0 to change, 3 to destroy"), "\(plan)")
        let apply = try cli.run(["apply", "config", "--refresh", "--auto-approve"])
        #expect(apply.status == 0 && apply.stdout.contains("3 destroyed"), "\(apply)")
        let after = try cli.run(["plan", "config", "--refresh", "--detailed-exitcode"])
        #expect(after.status == 0, "\(after)")
        // The other state sees its user and attachment gone, and AWS's role untouched.
        let seen = try cli.run(["refresh", "other"] + Self.otherState)
        #expect(seen.stdout.contains("target.user.mallory has been deleted"), "\(seen)")
        #expect(!seen.stdout.contains("service_linked_role"), "\(seen)")
        withExtendedLifetime(temp) {}
    }

    @Test("exclusive: a saved plan --refresh --out carries the removals and their reason to apply")
    func exclusiveSavedPlan() throws {
        let (temp, cli) = try applied(ownership: "exclusive")
        let plan = try cli.run(["plan", "config", "--refresh", "--out", "removal.plan"])
        #expect(plan.status == 0, "\(plan)")
        let shown = try cli.run(["show", "removal.plan"])
        #expect(shown.stdout.contains("# target.user.mallory will be destroyed\n  # (because not in the configuration)"), "\(shown)")
        let apply = try cli.run(["apply", "removal.plan"])
        #expect(apply.status == 0 && apply.stdout.contains("3 destroyed"), "\(apply)")
        let after = try cli.run(["plan", "config", "--refresh", "--detailed-exitcode"])
        #expect(after.status == 0, "\(after)")
        withExtendedLifetime(temp) {}
    }
}
