import Foundation
import Testing

/// The same option means the same thing on every command: `--parallelism` is checked alike,
/// `state rm` takes a PATH like `state list`, and every `--json` output spells its keys in
/// snake_case (docs/json-output.md).
@Suite struct ConsistencyTests {
    static let parallelismCommands: [[String]] = [
        ["plan", "config"], ["apply", "config", "--auto-approve"], ["destroy", "config", "--auto-approve"], ["refresh", "config"],
    ]

    @Test(arguments: parallelismCommands, ["0", "-1", "-10"])
    func parallelismBelowOneIsRefusedWithAClearMessage(command: [String], value: String) throws {
        let temp = try TemporaryDirectory()
        _ = try temp.copyExample("cross-account")
        let result = try CLIRunner(directory: temp.url).run(command + ["--parallelism", value])
        #expect(result.status == 1, "\(result)")
        #expect(result.stderr.contains("--parallelism must be a whole number of at least 1, got \(value)"), "\(result)")
        #expect(result.stdout.isEmpty, "\(result)")
        #expect(!temp.exists("config/iamconf.state.json"), "\(result)")
    }

    @Test(arguments: parallelismCommands)
    func parallelismOfOneIsAccepted(command: [String]) throws {
        let temp = try TemporaryDirectory()
        _ = try temp.copyExample("cross-account")
        let result = try CLIRunner(directory: temp.url).run(command + ["--parallelism", "1"])
        #expect(result.status == 0, "\(result)")
    }

    @Test func planRefreshUsesTheGivenParallelism() throws {
        let temp = try TemporaryDirectory()
        _ = try temp.copyExample("cross-account")
        let cli = CLIRunner(directory: temp.url)
        #expect(try cli.run(["apply", "config", "--auto-approve"]).status == 0)
        let plan = try cli.run(["plan", "config", "--refresh", "--parallelism", "2", "--detailed-exitcode"])
        #expect(plan.status == 0, "\(plan)")
    }

    @Test func stateRmTakesAPathLikeStateList() throws {
        let temp = try TemporaryDirectory()
        _ = try temp.copyExample("cross-account")
        let cli = CLIRunner(directory: temp.url)
        #expect(try cli.run(["apply", "config", "--auto-approve"]).status == 0)
        let listed = try cli.run(["state", "list", "config"]).stdout
        #expect(listed.contains("target.alias\n"))

        let removed = try cli.run(["state", "rm", "target.alias", "source.alias", "config"])
        #expect(removed.status == 0, "\(removed)")
        #expect(removed.stdout.contains("Successfully removed 2 resource(s) from the state."), "\(removed)")
        let after = try cli.run(["state", "list", "config"]).stdout
        #expect(!after.contains("target.alias\n") && !after.contains("source.alias\n"), "\(after)")
        #expect(after.contains("target.role.S3Access\n"), "\(after)")

        // The PATH may come first too, and --path still works.
        #expect(try cli.run(["state", "rm", "config", "target.password_policy"]).status == 0)
        #expect(try cli.run(["state", "rm", "source.policy.AssumeS3Access", "--path", "config"]).status == 0)
        let last = try cli.run(["state", "list", "config"]).stdout
        #expect(!last.contains("target.password_policy\n") && !last.contains("source.policy.AssumeS3Access\n"), "\(last)")
    }

    @Test(arguments: [
        (["state", "rm", "config"], "name at least one address to remove"),
        (["state", "rm", "target.alias", "config", "--path", "config"], "the configuration is given twice"),
        (["state", "rm", "target.role.Nope", "config"], "no resource target.role.Nope in the state"),
        (["state", "rm", "target.alias", "config", "config/source.yaml"], "more than one argument names a file or directory"),
    ])
    func stateRmMistakesRemoveNothing(arguments: [String], message: String) throws {
        let temp = try TemporaryDirectory()
        _ = try temp.copyExample("cross-account")
        let cli = CLIRunner(directory: temp.url)
        #expect(try cli.run(["apply", "config", "--auto-approve"]).status == 0)
        let before = try temp.read("config/iamconf.state.json")
        let result = try cli.run(arguments)
        #expect(result.status == 1, "\(result)")
        #expect(result.stderr.contains(message), "\(result)")
        #expect(try temp.read("config/iamconf.state.json") == before)
    }

    /// Every member name of every object in `value`, except where the keys are data, not
    /// iamconf's names: inside a request `context` (AWS condition keys), `tags` (the user's keys),
    /// and policy documents (AWS's grammar: `Statement`, `Effect`, …).
    static func keys(_ value: Any, skipping: Set<String> = ["context", "tags"]) -> [String] {
        if let array = value as? [Any] { return array.flatMap { keys($0, skipping: skipping) } }
        guard let object = value as? [String: Any], object["Statement"] == nil else { return [] }
        return object.flatMap { key, member in [key] + (skipping.contains(key) ? [] : keys(member, skipping: skipping)) }
    }

    static func isSnakeCase(_ key: String) -> Bool {
        key.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    @Test func everyJSONOutputUsesSnakeCaseKeys() throws {
        let temp = try TemporaryDirectory()
        _ = try temp.copyExample("cross-account")
        let cli = CLIRunner(directory: temp.url)
        #expect(try cli.run(["apply", "config", "--auto-approve"]).status == 0)
        #expect(try cli.run(["plan", "config", "--out", "saved.plan"]).status == 0)
        let chain = ["--principal", "source.user.alice", "--assume", "target.role.S3Access"]
        let outputs: [[String]] = [
            ["validate", "config", "--json"],
            ["plan", "config", "--json"],
            ["plan", "config", "--refresh", "--json"],
            ["show", "config", "--json"],
            ["show", "saved.plan", "--json"],
            ["refresh", "config", "--json"],
            ["check", "config", "--json"] + chain + ["--mfa", "s3:PutObject", "arn:aws:s3:::shared-reports/q3.csv"],
            ["check", "config", "--json"] + chain + ["s3:PutObject", "arn:aws:s3:::shared-reports/q3.csv"],
            ["test", "config", "--json"],
        ]
        for arguments in outputs {
            let result = try cli.run(arguments)
            #expect([0, 3].contains(result.status), "\(arguments): \(result)")
            let document = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
            let offending = Set(Self.keys(document).filter { !Self.isSnakeCase($0) })
            #expect(offending.isEmpty, "\(arguments.prefix(2).joined(separator: " ")) --json has keys \(offending.sorted())")
        }
        // `output --json` is keyed by addresses and output names: data, which keep their spelling.
        let output = try cli.run(["output", "config", "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: [String: String]])
        #expect(object.values.flatMap(\.keys).allSatisfy(Self.isSnakeCase), "\(output)")
    }

    @Test func checkJSONKeepsConditionKeysAsAWSSpellsThem() throws {
        let temp = try TemporaryDirectory()
        _ = try temp.copyExample("cross-account")
        let result = try CLIRunner(directory: temp.url).run([
            "check", "config", "--json", "--principal", "source.user.alice", "--assume", "target.role.S3Access", "--mfa",
            "s3:PutObject", "arn:aws:s3:::shared-reports/q3.csv",
        ])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let steps = try #require(object["steps"] as? [[String: Any]])
        #expect(steps[0]["caller_arn"] as? String == "arn:aws:iam::222222222222:user/engineering/alice", "\(result)")
        #expect(steps[1]["missing_context_keys"] is [Any], "\(result)")
        #expect(steps[1]["identity_side"] != nil || steps[1]["resource_policy_side"] != nil, "\(result)")
        let context = try #require(steps[1]["context"] as? [String: [String]])
        #expect(context["aws:MultiFactorAuthPresent"] == ["true"], "\(result)")
        #expect(context["aws:PrincipalArn"] != nil, "\(result)")
    }
}
