import Foundation
import IAMConfCore
import IAMConfState
import Testing

/// `iamconf export` end to end, the way a user runs it: apply an example, export what the state
/// records, and check that the export plans no change, validates, and rebuilds the same objects.
@Suite("Export end to end", .serialized)
struct ExportCommandTests {
    static let examples: [String] = {
        let directory = CLIRunner.repositoryRoot.appendingPathComponent("examples").path
        return ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }()

    @Test("every example: apply, export, plan shows no changes, validate passes, and applying the export to an empty world recreates the same objects",
          arguments: examples)
    func roundTrip(example: String) throws {
        let temp = try TemporaryDirectory()
        _ = try temp.copyExample(example)
        let cli = CLIRunner(directory: temp.url)
        let apply = try cli.run(["apply", "config", "--auto-approve"])
        try #require(apply.status == 0, "\(apply)")

        let export = try cli.run(["export", "--from-state", "config/iamconf.state.json", "--out", "export"])
        try #require(export.status == 0, "\(export)")
        #expect(export.stdout.contains("export/iamconf.state.json"), "\(export)")

        let plan = try cli.run(["plan", "export", "--detailed-exitcode"])
        #expect(plan.status == 0, "\(plan)")
        #expect(plan.stdout.contains("No changes."), "\(plan)")
        // The world came along: reading every object back finds what the state says.
        let refreshed = try cli.run(["plan", "export", "--refresh", "--detailed-exitcode"])
        #expect(refreshed.status == 0, "\(refreshed)")
        let validate = try cli.run(["validate", "export"])
        #expect(validate.status == 0, "\(validate)")

        // The export applied to a new, empty simulator world (a state of its own beside it).
        try FileManager.default.createDirectory(at: temp.url.appendingPathComponent("fresh"), withIntermediateDirectories: true)
        let rebuild = try cli.run(["apply", "export", "--state", "fresh/iamconf.state.json", "--auto-approve"])
        #expect(rebuild.status == 0, "\(rebuild)")
        let exported = try cli.run(["state", "list", "export"])
        let rebuilt = try cli.run(["state", "list", "export", "--state", "fresh/iamconf.state.json"])
        #expect(exported.status == 0 && !exported.stdout.isEmpty, "\(exported)")
        #expect(rebuilt.stdout == exported.stdout)

        // The same objects as the original apply made: every resource's kind, account and inputs.
        let original = try Self.objects(temp.url.appendingPathComponent("config/iamconf.state.json"))
        let again = try Self.objects(temp.url.appendingPathComponent("fresh/iamconf.state.json"))
        #expect(original == again, "objects only in the original: \(original.subtracting(again).sorted()), only in the rebuild: \(again.subtracting(original).sorted())")
    }

    /// Each resource as `account-id type attributes` (secrets, outputs and account names aside).
    static func objects(_ state: URL) throws -> Set<String> {
        let loaded = try #require(try StateStore(path: state.path).load())
        return Set(loaded.resources.values.map { resource in
            let attributes = resource.attributes.keys.sorted().map { "\($0)=\(resource.attributes[$0]!.compactText)" }
            return "\(resource.accountID) \(resource.type) \(attributes.joined(separator: " "))"
        })
    }

    @Test("access keys and passwords are exported as existing, with a note that their secrets cannot be read back")
    func secrets() throws {
        let temp = try TemporaryDirectory()
        _ = try temp.copyExample("cross-account")
        let cli = CLIRunner(directory: temp.url)
        try #require(try cli.run(["apply", "config", "--auto-approve"]).status == 0)
        let export = try cli.run(["export", "--from-state", "config/iamconf.state.json", "--out", "export"])
        try #require(export.status == 0, "\(export)")
        #expect(export.stderr.contains("secrets cannot be read back"), "\(export)")
        let source = try temp.read("export/acme-source.yaml")
        #expect(source.contains("access_keys: 1   # exists; its secret cannot be read back"), "\(source)")
        #expect(source.contains("login_profile: true   # exists; its password cannot be read back"), "\(source)")
        #expect(!(try temp.read("export/iamconf.state.json")).contains("secret_access_key"))
    }

    @Test("--out must be empty: a non-empty directory is refused, --force writes beside it, a state there is never replaced")
    func outDirectory() throws {
        let temp = try TemporaryDirectory()
        _ = try temp.copyExample("admins-group")
        let cli = CLIRunner(directory: temp.url)
        try #require(try cli.run(["apply", "config", "--auto-approve"]).status == 0)
        try temp.write("export/notes.txt", "mine\n")

        let refused = try cli.run(["export", "--from-state", "config/iamconf.state.json", "--out", "export"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("export is not empty (notes.txt)") && refused.stderr.contains("--force"), "\(refused)")
        #expect(!temp.exists("export/acme-main.yaml"))

        let forced = try cli.run(["export", "--from-state", "config/iamconf.state.json", "--out", "export", "--force"])
        #expect(forced.status == 0, "\(forced)")
        #expect(try temp.read("export/notes.txt") == "mine\n")

        let again = try cli.run(["export", "--from-state", "config/iamconf.state.json", "--out", "export", "--force"])
        #expect(again.status == 1)
        #expect(again.stderr.contains("already holds a state") && again.stderr.contains("never replaces one"), "\(again)")

        let intoConfig = try cli.run(["export", "--from-state", "config/iamconf.state.json", "--out", "config"])
        #expect(intoConfig.status == 1, "\(intoConfig)")
    }

    /// What the world holds, not what a state says: objects made by another configuration (here a
    /// second state on the same world) are exported too, with service-linked roles declared by
    /// service, a SAML provider's metadata beside the YAML and a bucket policy with references.
    @Test("export --backend simulator reads every object of the world, whichever configuration made it")
    func fromTheSimulatorWorld() throws {
        let temp = try TemporaryDirectory()
        let cli = CLIRunner(directory: temp.url)
        try temp.write("config/main.yaml", """
            accounts:
              main:
                id: "111111111111"
                service_linked_roles:
                  - { service: autoscaling.amazonaws.com }
                  - { service: elasticbeanstalk.amazonaws.com, suffix: web }
                users:
                  alice: {}
                buckets:
                  reports:
                    policy:
                      Version: "2012-10-17"
                      Statement:
                        - { Effect: Allow, Principal: { AWS: "arn:aws:iam::111111111111:root" }, Action: s3:GetObject, Resource: "arn:aws:s3:::reports/*" }
                identity_providers:
                  corp: { type: saml, metadata_file: corp.xml }

            """)
        try temp.write("config/corp.xml", #"<?xml version="1.0"?><EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.example.com">"#
            + String(repeating: "<!-- padding to IAM's 1,000-character minimum -->", count: 25) + "</EntityDescriptor>")
        try #require(try cli.run(["apply", "config", "--auto-approve"]).status == 0)
        // Another configuration's user in the same world: not in config's state, but in the world.
        try temp.write("other.yaml", "accounts:\n  main:\n    id: \"111111111111\"\n    users:\n      bob: { path: /ops/ }\n")
        try #require(try cli.run(["apply", "other.yaml", "--state", "config/other.state.json", "--auto-approve"]).status == 0)

        let export = try cli.run(["export", "config", "--out", "out"])
        try #require(export.status == 0, "\(export)")
        let yaml = try temp.read("out/account_111111111111.yaml")
        for expected in ["alice: {}", "bob: { path: /ops/ }", "service: autoscaling.amazonaws.com", "suffix: web",
                         "metadata_file: account_111111111111.corp.saml.xml", "${accounts.account_111111111111.buckets.reports.arn}/*"] {
            #expect(yaml.contains(expected), "\(expected) missing from:\n\(yaml)")
        }
        #expect(try cli.run(["plan", "out", "--detailed-exitcode"]).status == 0)
        let refreshed = try cli.run(["plan", "out", "--refresh", "--detailed-exitcode"])
        #expect(refreshed.status == 0 && !refreshed.stdout.contains("not in the configuration"), "\(refreshed)")
    }

    @Test("an unreadable, missing or empty state, bad --accounts and a missing source are clear errors")
    func badInput() throws {
        let temp = try TemporaryDirectory()
        let cli = CLIRunner(directory: temp.url)
        try temp.write("broken.json", "{ this is not a state")
        let broken = try cli.run(["export", "--from-state", "broken.json", "--out", "out"])
        #expect(broken.status == 1)
        #expect(broken.stderr.contains("broken.json"), "\(broken)")
        #expect(!temp.exists("out"))

        let missing = try cli.run(["export", "--from-state", "nowhere.json", "--out", "out"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no state at nowhere.json"), "\(missing)")

        let noSource = try cli.run(["export", "--out", "out"])
        #expect(noSource.status == 1)
        #expect(noSource.stderr.contains("no simulator world in ./.iamconf") && noSource.stderr.contains("--from-state"), "\(noSource)")
        let noAccounts = try cli.run(["export", "--backend", "endpoint", "--endpoint-url", "http://127.0.0.1:9", "--out", "out"])
        #expect(noAccounts.status == 1 && noAccounts.stderr.contains("name them with --accounts"), "\(noAccounts)")
        let noURL = try cli.run(["export", "--backend", "endpoint", "--out", "out"])
        #expect(noURL.status == 1 && noURL.stderr.contains("--endpoint-url"), "\(noURL)")
        let unreachable = try cli.run(["export", "--endpoint-url", "http://127.0.0.1:9", "--accounts", "111111111111", "--out", "out"])
        #expect(unreachable.status == 1 && unreachable.stderr.contains("cannot read account 111111111111"), "\(unreachable)")
        #expect(!temp.exists("out"))

        _ = try temp.copyExample("cross-account")
        try #require(try cli.run(["apply", "config", "--auto-approve"]).status == 0)
        let badIDs = try cli.run(["export", "--from-state", "config/iamconf.state.json", "--out", "out", "--accounts", "12345,abc"])
        #expect(badIDs.status == 1)
        #expect(badIDs.stderr.contains("12-digit account ids"), "\(badIDs)")
        let unknown = try cli.run(["export", "--from-state", "config/iamconf.state.json", "--out", "out", "--accounts", "999999999999"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("nothing in account 999999999999"), "\(unknown)")

        let one = try cli.run(["export", "--from-state", "config/iamconf.state.json", "--out", "out", "--accounts", "111111111111"])
        #expect(one.status == 0, "\(one)")
        #expect(temp.exists("out/acme-target.yaml") && !temp.exists("out/acme-source.yaml"))
        #expect(try cli.run(["plan", "out", "--detailed-exitcode"]).status == 0)
    }
}

private extension JSONValue {
    /// Compact JSON, key order kept: equal inputs give equal text.
    var compactText: String {
        switch self {
        case .null: return "null"
        case let .bool(flag): return flag ? "true" : "false"
        case let .number(text): return text
        case let .string(text): return "\"\(text)\""
        case let .array(items): return "[" + items.map(\.compactText).joined(separator: ",") + "]"
        case let .object(members): return "{" + members.map { "\"\($0.key)\":\($0.value.compactText)" }.joined(separator: ",") + "}"
        }
    }
}
