import Foundation
import Testing

struct ApplyFailed: Error, CustomStringConvertible {
    var result: CLIRunner.Result
    var description: String { "the setup apply failed: \(result)" }
}

/// `iamconf output [ADDRESS [NAME]] [PATH] [--json] [--raw] [--show-secrets]` on the applied
/// cross-account example (alice has an access key and a login profile: two secrets).
@Suite struct OutputCommandTests {
    struct Applied {
        let temp: TemporaryDirectory
        var cli: CLIRunner { CLIRunner(directory: temp.url) }

        init() throws {
            temp = try TemporaryDirectory()
            _ = try temp.copyExample("cross-account")
            let apply = try CLIRunner(directory: temp.url).run(["apply", "config", "--auto-approve"])
            guard apply.status == 0 else { throw ApplyFailed(result: apply) }
        }

        /// The state's value of one output, read the way a script would not: from the file itself.
        func stateOutput(_ address: String, _ name: String) throws -> String? {
            let state = try JSONSerialization.jsonObject(with: Data(try temp.read("config/iamconf.state.json").utf8)) as? [String: Any]
            let resources = state?["resources"] as? [[String: Any]] ?? []
            let resource = resources.first { $0["address"] as? String == address }
            return (resource?["outputs"] as? [String: Any])?[name] as? String
        }
    }

    /// Ids, keys and dates differ on every apply; the golden files keep the shape.
    static func normalised(_ text: String) -> String {
        var out = text
        for (pattern, replacement) in [
            (#"\b(AIDA|AROA|ANPA|AKIA|AGPA|AIPA)[A-Z0-9]{12,}"#, "$1…"),
            (#"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z"#, "DATE"),
        ] {
            out = out.replacingOccurrences(of: pattern, with: replacement, options: .regularExpression)
        }
        return out
    }

    @Test func everyResourcesOutputsInAddressOrderWithSecretsHidden() throws {
        let applied = try Applied()
        let result = try applied.cli.run(["output", "config"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("source.user.alice = {\n"), "\(result)")
        #expect(result.stdout.contains("  secret_access_key = (sensitive)\n"), "\(result)")
        #expect(result.stdout.contains("  password    = (sensitive)\n"), "\(result)")
        let secret = try #require(try Self.secretFromShowSecrets(applied))
        #expect(!result.stdout.contains(secret), "\(result)")
        let addresses = result.stdout.split(separator: "\n").filter { $0.hasSuffix(" = {") }.map { String($0.dropLast(4)) }
        #expect(addresses == addresses.sorted(), "\(addresses)")
        #expect(addresses.contains("target.role.S3Access"), "\(addresses)")
        // Resources the backend assigned nothing to are left out.
        #expect(!addresses.contains("source.user.alice.policy[AssumeS3Access]"), "\(addresses)")
        try Golden.check(Self.normalised(result.stdout), "output-cross-account.txt")
    }

    /// The secret as `--show-secrets` prints it (the state file may keep secrets in a side file).
    static func secretFromShowSecrets(_ applied: Applied) throws -> String? {
        let shown = try applied.cli.run(["output", "source.user.alice.access_key[1]", "secret_access_key", "config", "--raw", "--show-secrets"])
        return shown.status == 0 ? shown.stdout : nil
    }

    @Test func oneResourceAndOneRawValueForScripts() throws {
        let applied = try Applied()
        let resource = try applied.cli.run(["output", "source.user.alice", "config"])
        #expect(resource.status == 0, "\(resource)")
        let arn = "arn:aws:iam::222222222222:user/engineering/alice"
        #expect(resource.stdout.hasPrefix("arn         = \"\(arn)\"\n"), "\(resource)")
        #expect(Self.normalised(resource.stdout) == "arn         = \"\(arn)\"\ncreate_date = \"DATE\"\nunique_id   = \"AIDA…\"\n", "\(resource)")

        let quoted = try applied.cli.run(["output", "source.user.alice", "arn", "config"])
        #expect(quoted.status == 0 && quoted.stdout == "\"\(arn)\"\n", "\(quoted)")
        // --raw: the value alone, no quotes, no newline (Terraform's `output -raw`); PATH may come first.
        let raw = try applied.cli.run(["output", "config", "source.user.alice", "unique_id", "--raw"])
        #expect(raw.status == 0, "\(raw)")
        #expect(raw.stdout == (try applied.stateOutput("source.user.alice", "unique_id")), "\(raw)")
        #expect(raw.stdout.hasPrefix("AIDA") && !raw.stdout.hasSuffix("\n"), "\(raw)")
    }

    @Test func jsonIsKeyedByAddressThenByName() throws {
        let applied = try Applied()
        let all = try applied.cli.run(["output", "config", "--json"])
        #expect(all.status == 0, "\(all)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(all.stdout.utf8)) as? [String: [String: String]])
        #expect(object["target.role.S3Access"]?["arn"] == "arn:aws:iam::111111111111:role/S3Access")
        #expect(object["source.user.alice.access_key[1]"]?["secret_access_key"] == "(sensitive)")
        #expect(object["source.user.alice.access_key[1]"]?["access_key_id"] == (try applied.stateOutput("source.user.alice.access_key[1]", "access_key_id")))

        let one = try applied.cli.run(["output", "target.role.S3Access", "config", "--json"])
        let resource = try #require(try JSONSerialization.jsonObject(with: Data(one.stdout.utf8)) as? [String: String])
        #expect(resource["arn"] == "arn:aws:iam::111111111111:role/S3Access", "\(one)")
        #expect(Set(resource.keys) == ["arn", "create_date", "unique_id"], "\(one)")

        let value = try applied.cli.run(["output", "target.role.S3Access", "arn", "config", "--json"])
        #expect(value.stdout == "\"arn:aws:iam::111111111111:role/S3Access\"\n", "\(value)")
    }

    @Test func secretsOnlyWhenAskedFor() throws {
        let applied = try Applied()
        let key = "source.user.alice.access_key[1]"
        let refused = try applied.cli.run(["output", key, "secret_access_key", "config", "--raw"])
        #expect(refused.status == 1, "\(refused)")
        #expect(refused.stdout.isEmpty, "\(refused)")
        #expect(refused.stderr.contains("is a secret") && refused.stderr.contains("--show-secrets"), "\(refused)")

        let shown = try applied.cli.run(["output", key, "secret_access_key", "config", "--raw", "--show-secrets"])
        #expect(shown.status == 0, "\(shown)")
        #expect(shown.stdout.count == 40 && shown.stdout != "(sensitive)", "\(shown)")
        let everything = try applied.cli.run(["output", "config", "--json", "--show-secrets"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(everything.stdout.utf8)) as? [String: [String: String]])
        #expect(object[key]?["secret_access_key"] == shown.stdout)
        #expect(object["source.user.alice.login_profile"]?["password"].map { $0 != "(sensitive)" && !$0.isEmpty } == true)
    }

    @Test(arguments: [
        (["output", "target.role.Nope", "config"], "no resource target.role.Nope in the state", "iamconf state list"),
        (["output", "not-an-address", "config"], "'not-an-address' is not a resource address", "iamconf state list"),
        (["output", "source.user.alice", "nope", "config"], "source.user.alice has no output 'nope'", "it has: arn, create_date, unique_id"),
        (["output", "source.user.alice", "config", "--raw"], "--raw prints one value", "iamconf output source.user.alice arn --raw"),
        (["output", "a.b.c", "arn", "extra", "config"], "at most ADDRESS and NAME", "for example"),
    ])
    func badRequestsAreErrorsThatSayWhatToDo(arguments: [String], message: String, hint: String) throws {
        let applied = try Applied()
        let result = try applied.cli.run(arguments)
        #expect(result.status == 1, "\(result)")
        #expect(result.stdout.isEmpty, "\(result)")
        #expect(result.stderr.contains(message), "\(result)")
        #expect(result.stderr.contains(hint), "\(result)")
    }

    @Test func withoutAStateThereAreNoOutputs() throws {
        let temp = try TemporaryDirectory()
        _ = try temp.copyExample("cross-account")
        let cli = CLIRunner(directory: temp.url)
        let text = try cli.run(["output", "config"])
        #expect(text.status == 0 && text.stdout.isEmpty, "\(text)")
        #expect(text.stderr.contains("no outputs") && text.stderr.contains("iamconf apply"), "\(text)")
        let json = try cli.run(["output", "config", "--json"])
        #expect(json.status == 0 && json.stdout == "{}\n", "\(json)")
        let named = try cli.run(["output", "target.role.S3Access", "config"])
        #expect(named.status == 1 && named.stderr.contains("there is no state"), "\(named)")
    }
}
