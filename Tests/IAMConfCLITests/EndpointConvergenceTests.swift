import Foundation
import IAMConfTestSupport
import Testing

extension EndpointTests {
    /// `apply` against an endpoint converges after a SIGKILL and after lost answers: nothing is left
    /// in moto that the state does not know, nothing the state records is missing, and no access
    /// key or console login lacks its secret (issue "apply always converges").
    @Suite("Apply converges on moto", .serialized)
    struct Convergence {
        static let account = "111111111111"
        static let users = 30

        /// Every IAM user's key ids in moto, by user name.
        static func keysInMoto(_ moto: MotoWorkspace) throws -> [String: [String]] {
            let output = try Boto.run(["exec", moto.server.url.absoluteString, account, """
                keys = {u["UserName"]: sorted(k["AccessKeyId"] for k in iam.list_access_keys(UserName=u["UserName"])["AccessKeyMetadata"])
                        for u in iam.list_users()["Users"]}
                print(json.dumps(keys))
                """])
            return try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: [String]])
        }

        /// moto and the state agree: same users, roles and instance profiles; each user's one key
        /// is the state's, with its secret; each login has its password.
        static func expectConverged(_ moto: MotoWorkspace, sourceLocation: SourceLocation = #_sourceLocation) throws {
            let state = try ConvergenceTests.stateResources(moto.temp, "config/iamconf.state.json")
            let keys = try keysInMoto(moto)
            #expect(keys.count == users, "users in moto: \(keys.keys.sorted())", sourceLocation: sourceLocation)
            for (user, ids) in keys {
                let recorded = state["lab.user.\(user).access_key[1]"]
                let recordedID = (recorded?["outputs"] as? [String: Any])?["access_key_id"] as? String
                #expect(ids == [recordedID].compactMap { $0 }, "\(user): moto has \(ids), the state \(recordedID ?? "none")",
                        sourceLocation: sourceLocation)
                #expect(((recorded?["secrets"] as? [String: Any])?["secret_access_key"] as? String)?.isEmpty == false,
                        "\(user)'s key secret", sourceLocation: sourceLocation)
                #expect(((state["lab.user.\(user).login_profile"]?["secrets"] as? [String: Any])?["password"] as? String)?.isEmpty == false,
                        "\(user)'s password", sourceLocation: sourceLocation)
            }
            let inventory = try moto.inventory([account])
            let contents = inventory[account] as? [String: Any] ?? [:]
            let roles = (contents["roles"] as? [String: Any] ?? [:]).keys.sorted()
            let profiles = (contents["instance_profiles"] as? [String: Any] ?? [:]).keys.sorted()
            #expect(roles == state.keys.filter { $0.hasPrefix("lab.role.") && !$0.contains("[") && !$0.dropFirst(9).contains(".") }
                .map { String($0.dropFirst("lab.role.".count)) }.sorted(), sourceLocation: sourceLocation)
            #expect(profiles.count == users / 4, sourceLocation: sourceLocation)
        }

        @Test("SIGKILL at several points of an endpoint apply: the next apply finishes in one run, nothing orphaned in moto")
        func kills() async throws {
            var measured: TimeInterval = 0
            for step in 0...5 {
                let moto = try await MotoWorkspace.fresh()
                try moto.temp.write("config/main.yaml", ConvergenceTests.configuration(users: Self.users))
                if step == 0 {
                    // A whole apply first, to spread the kills over its length.
                    let started = Date()
                    let full = try moto.iamconf(["apply", "config", "--auto-approve"])
                    try #require(full.status == 0, "\(full)")
                    measured = Date().timeIntervalSince(started)
                    try Self.expectConverged(moto)
                    continue
                }
                let apply = try moto.cli.start(["apply", "config", "--auto-approve"] + moto.endpoint)
                try await Task.sleep(for: .seconds(measured * Double(step) / 6))
                kill(apply.processIdentifier, SIGKILL)
                apply.waitUntilExit()

                let again = try moto.iamconf(["apply", "config", "--auto-approve"])
                #expect(again.status == 0, "kill \(step) at \(measured * Double(step) / 6)s: \(again)")
                let clean = try moto.iamconf(["plan", "config", "--refresh", "--detailed-exitcode"])
                #expect(clean.status == 0, "kill \(step): \(clean)")
                try Self.expectConverged(moto)
            }
        }

        @Test("answers lost at 15% of calls (the endpoint acted, the connection dropped): apply converges within 3 runs", arguments: [7, 8] as [UInt64])
        func lostAnswers(seed: UInt64) async throws {
            let moto = try await MotoWorkspace.fresh()
            try moto.temp.write("config/main.yaml", ConvergenceTests.configuration(users: Self.users))
            let proxy = try FaultProxy.start(upstream: moto.server.url, fault: .dropAnswer, rate: 0.15, seed: seed)
            defer { proxy.stop() }
            let through = ["--backend", "endpoint", "--endpoint-url", proxy.url.absoluteString]
            var runs = 0
            var last: CLIRunner.Result?
            while runs < 3 {
                runs += 1
                let apply = try moto.cli.run(["apply", "config", "--auto-approve"] + through)
                last = apply
                if apply.status == 0 { break }
            }
            #expect(last?.status == 0, "after \(runs) runs, \(proxy.droppedCount) answers dropped: \(String(describing: last))")
            #expect(proxy.droppedCount > 0)
            proxy.setFaultRate(0)
            let clean = try moto.cli.run(["plan", "config", "--refresh", "--detailed-exitcode"] + through)
            #expect(clean.status == 0, "\(clean)")
            try Self.expectConverged(moto)
        }
    }
}

extension EndpointTests.Convergence {
    @Test("a generated 1,000-resource configuration (20 accounts) applied to moto refreshes clean")
    func generatedThousand() async throws {
        // A moto of its own: resetting one that loaded the managed policies into 20 accounts takes
        // longer than the next test would wait.
        let server = try await MotoServer.start()
        defer { server.stop() }
        let temp = try TemporaryDirectory()
        let moto = MotoWorkspace(
            server: server, temp: temp,
            cli: CLIRunner(directory: temp.url, environment: ["AWS_ACCESS_KEY_ID": "AKIAIOSFODNN7EXAMPLE", "AWS_SECRET_ACCESS_KEY": "testing"]))
        let generated = moto.temp.url.appendingPathComponent("generated")
        let script = CLIRunner.repositoryRoot.appendingPathComponent("scripts/generate.py")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, "1000", "--out", generated.path]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)
        let apply = try moto.cli.run(["apply", "generated/iamconf", "--auto-approve"] + moto.endpoint)
        #expect(apply.status == 0 && apply.stdout.contains("Apply complete! Resources: 1000 added"), "\(apply.stdout.suffix(500)) \(apply.stderr)")
        let clean = try moto.cli.run(["plan", "generated/iamconf", "--refresh", "--detailed-exitcode"] + moto.endpoint)
        #expect(clean.status == 0 && clean.stdout.contains("No changes."), "\(clean.stdout.suffix(2000)) \(clean.stderr)")
    }
}
