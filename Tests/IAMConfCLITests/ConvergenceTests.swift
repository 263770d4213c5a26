import Foundation
import Testing

/// `apply` always converges: after a SIGKILL at any point, the next apply finishes in one run, and
/// the state and the backend then hold the same objects, with every secret known (issue "apply
/// always converges").
@Suite("Apply converges after a kill", .serialized)
struct ConvergenceTests {
    /// Users with console logins and keys, groups, roles in instance profiles: every kind whose
    /// create fails or doubles when repeated.
    static func configuration(users: Int) -> String {
        var text = "accounts:\n  lab:\n    id: \"111111111111\"\n    groups:\n"
        for g in 0..<5 { text += "      team\(g): {}\n" }
        text += "    roles:\n"
        for r in 0..<(users / 4) {
            text += "      App\(r):\n        trust: { services: [ec2.amazonaws.com] }\n        policies: [ReadOnlyAccess]\n"
        }
        text += "    instance_profiles:\n"
        for r in 0..<(users / 4) { text += "      app\(r): { role: App\(r) }\n" }
        text += "    users:\n"
        for u in 0..<users {
            text += "      user\(u):\n        groups: [team\(u % 5)]\n        login_profile: { password_reset_required: true }\n        access_keys: 1\n"
        }
        return text
    }

    /// What the state records, as `address -> resource` JSON objects.
    static func stateResources(_ temp: TemporaryDirectory, _ path: String) throws -> [String: [String: Any]] {
        let data = try Data(contentsOf: temp.url.appendingPathComponent(path))
        let document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let resources = document["resources"] as? [[String: Any]] ?? []
        return Dictionary(uniqueKeysWithValues: resources.map { ($0["address"] as? String ?? "", $0) })
    }

    /// The state and the simulator's world hold the same users, keys and logins; every key's and
    /// password's secret is in the state.
    static func expectStateMatchesWorld(_ temp: TemporaryDirectory, users: Int, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let state = try stateResources(temp, "config/iamconf.state.json")
        let worldData = try Data(contentsOf: temp.url.appendingPathComponent("config/.iamconf/simulator.json"))
        let world = try #require(try JSONSerialization.jsonObject(with: worldData) as? [String: Any])
        let accounts = (world["world"] as? [String: Any])?["accounts"] as? [String: Any]
        let account = accounts?["111111111111"] as? [String: Any] ?? [:]
        let worldUsers = account["users"] as? [String: [String: Any]] ?? [:]
        #expect(worldUsers.count == users, "users in the world", sourceLocation: sourceLocation)
        for u in 0..<users {
            let name = "user\(u)"
            let keys = (worldUsers[name]?["accessKeys"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            let recorded = state["lab.user.\(name).access_key[1]"]
            let recordedID = (recorded?["outputs"] as? [String: Any])?["access_key_id"] as? String
            #expect(keys == [recordedID].compactMap { $0 }, "\(name)'s keys in the world \(keys), in the state \(recordedID ?? "none")",
                    sourceLocation: sourceLocation)
            #expect(((recorded?["secrets"] as? [String: Any])?["secret_access_key"] as? String)?.isEmpty == false,
                    "\(name)'s key secret", sourceLocation: sourceLocation)
            let login = state["lab.user.\(name).login_profile"]
            #expect(worldUsers[name]?["loginProfile"] != nil && login != nil, "\(name)'s console login", sourceLocation: sourceLocation)
            #expect(((login?["secrets"] as? [String: Any])?["password"] as? String)?.isEmpty == false, "\(name)'s password",
                    sourceLocation: sourceLocation)
        }
        let profiles = account["instanceProfiles"] as? [String: Any] ?? [:]
        #expect(profiles.count == users / 4, sourceLocation: sourceLocation)
    }

    @Test("SIGKILL at many points of a simulator apply: the next apply finishes in one run with state == world")
    func killsOnTheSimulator() throws {
        let users = 120
        // How long a whole apply takes here, so the kills spread over it.
        let measure = try TemporaryDirectory()
        try measure.write("config/main.yaml", Self.configuration(users: users))
        // The plan (with its access changes) comes before the first backend call: the kills spread
        // over what follows it, where the world and the state are written.
        let planning = Date()
        _ = try CLIRunner(directory: measure.url).run(["plan", "config"])
        let planDuration = Date().timeIntervalSince(planning)
        let started = Date()
        let full = try CLIRunner(directory: measure.url).run(["apply", "config", "--auto-approve"])
        try #require(full.status == 0, "\(full)")
        let total = Date().timeIntervalSince(started)
        let duration = max(total - planDuration, total / 3)

        var killedMidway = 0
        for step in 1...8 {
            let temp = try TemporaryDirectory()
            try temp.write("config/main.yaml", Self.configuration(users: users))
            let cli = CLIRunner(directory: temp.url)
            let apply = try cli.start(["apply", "config", "--auto-approve", "--parallelism", "4"])
            Thread.sleep(forTimeInterval: (total - duration) + duration * Double(step) / 9)
            kill(apply.processIdentifier, SIGKILL)
            apply.waitUntilExit()
            if temp.exists("config/.iamconf/simulator.json") { killedMidway += 1 }

            let again = try cli.run(["apply", "config", "--auto-approve"])
            #expect(again.status == 0, "kill \(step) of 8 at \((total - duration) + duration * Double(step) / 9)s: \(again)")
            let clean = try cli.run(["plan", "config", "--refresh", "--detailed-exitcode"])
            #expect(clean.status == 0, "kill \(step): \(clean)")
            try Self.expectStateMatchesWorld(temp, users: users)
            #expect(!temp.contents("config").contains { $0.contains(".tmp-") }, "no temporaries survive: \(temp.contents("config"))")
        }
        #expect(killedMidway > 0, "at least one kill landed after the world was first written")
    }

    @Test("the deterministic reproducer: a key and a login the state forgot, named in the intent file, are repaired")
    func forgottenSecretsAreRepaired() throws {
        let temp = try TemporaryDirectory()
        try temp.write("config/main.yaml", """
            accounts:
              lab:
                id: "111111111111"
                users:
                  alice: { access_keys: 1 }
                  bob: { login_profile: true }
            """)
        let cli = CLIRunner(directory: temp.url)
        #expect(try cli.run(["apply", "config", "--auto-approve"]).status == 0)
        let removed = try cli.run(["state", "rm", "lab.user.alice.access_key[1]", "lab.user.bob.login_profile", "--state", "config/iamconf.state.json"])
        #expect(removed.status == 0, "\(removed)")
        try temp.write("config/iamconf.state.json.intent", #"["lab.user.alice.access_key[1]","lab.user.bob.login_profile"]"#)

        let again = try cli.run(["apply", "config", "--auto-approve"])
        #expect(again.status == 0, "\(again)")
        #expect(again.stdout.contains("lab.user.bob.login_profile: Adopted (it already existed)"), "\(again)")
        let state = try Self.stateResources(temp, "config/iamconf.state.json")
        let key = state["lab.user.alice.access_key[1]"]
        #expect(((key?["secrets"] as? [String: Any])?["secret_access_key"] as? String)?.isEmpty == false)
        #expect(((state["lab.user.bob.login_profile"]?["secrets"] as? [String: Any])?["password"] as? String)?.isEmpty == false)
        let world = try temp.read("config/.iamconf/simulator.json")
        let keyID = (key?["outputs"] as? [String: Any])?["access_key_id"] as? String ?? "?"
        #expect(world.components(separatedBy: "\"AKIA").count - 1 == 1, "alice has exactly one key")
        #expect(world.contains(keyID))
        #expect(!temp.exists("config/iamconf.state.json.intent"))
        #expect(try cli.run(["plan", "config", "--refresh", "--detailed-exitcode"]).status == 0)
    }

    @Test("one failing resource: every independent resource is still created, and the failure is listed with its address")
    func continuesPastAFailure() throws {
        let temp = try TemporaryDirectory()
        let cli = CLIRunner(directory: temp.url)
        // The failure must come from the backend: `validate` refuses what IAM would refuse for the
        // configuration alone (issue 14), so the conflict is a user iamconf made and then forgot.
        try temp.write("config/main.yaml", """
            accounts:
              lab:
                id: "111111111111"
                users:
                  dave: { path: /old/ }
            """)
        #expect(try cli.run(["apply", "config", "--auto-approve"]).status == 0)
        #expect(try cli.run(["state", "rm", "config", "lab.user.dave"]).status == 0)
        try temp.write("config/main.yaml", """
            accounts:
              lab:
                id: "111111111111"
                groups:
                  readers: {}
                users:
                  alice: { groups: [readers], policies: [ReadOnlyAccess] }
                  bob: { groups: [readers] }
                  carol: {}
                  dave: { path: /new/ }
            """)
        let apply = try cli.run(["apply", "config", "--auto-approve"])
        #expect(apply.status == 1, "\(apply)")
        #expect(apply.stderr.contains("lab.user.dave") && apply.stderr.contains("EntityAlreadyExists"), "\(apply)")
        let state = try Self.stateResources(temp, "config/iamconf.state.json")
        for address in ["lab.group.readers", "lab.user.alice", "lab.user.bob", "lab.user.carol", "lab.user.alice.group[readers]",
                        "lab.user.bob.group[readers]", "lab.user.alice.policy[ReadOnlyAccess]"] {
            #expect(state[address] != nil, "\(address) was created: \(apply)")
        }
        #expect(state["lab.user.dave"] == nil)
    }
}

extension TemporaryDirectory {
    /// The names of the files in a subdirectory (empty when it does not exist).
    func contents(_ directory: String) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: url.appendingPathComponent(directory).path)) ?? []
    }
}
