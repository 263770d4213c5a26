import Foundation
import IAMConfConfig
import IAMConfCore
import IAMConfEngine
import IAMConfState
import Testing

@Suite("Export: state to configuration")
struct ExporterTests {
    func exported() throws -> Export {
        Exporter.export(try ExportFixture.appliedResources(), backend: .simulator, lineage: "test-lineage")
    }

    @Test("the YAML is what a person would write (golden)")
    func golden() throws {
        let export = try exported()
        #expect(export.files.map(\.name) == ["account_222222222222.yaml", "account_222222222222.corp.saml.xml", "acme-prod.yaml"])
        for file in export.files where file.name.hasSuffix(".yaml") { Golden.check(file.text, "export-\(file.name)") }
    }

    @Test("the exported configuration loads without problems and plans no change against the exported state")
    func planNoChanges() throws {
        let export = try exported()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for file in export.files { try Data(file.text.utf8).write(to: directory.appendingPathComponent(file.name)) }
        let (loaded, diagnostics) = ConfigurationLoader.load(path: directory.path)
        #expect(diagnostics.errors.isEmpty, "\(diagnostics.errors.map { "\($0.location.map(String.init(describing:)) ?? ""): \($0.summary)" })")
        let configuration = try #require(loaded)
        let plan = Planner().plan(desired: DesiredResources.from(configuration), prior: export.state, backend: .simulator)
        #expect(plan.changes.isEmpty, "\(plan.changes.map { "\($0.action) \($0.address) \($0.changedAttributes)" })")
    }

    @Test("AWS-owned objects are left out and named in a note, a service-linked role is declared by service; secrets are not carried and are noted")
    func leftOut() throws {
        let export = try exported()
        let addresses = Set(export.state.resources.keys.map(\.description))
        // A service-linked role listed as a role is declared by its service; AWS's policy on it is not exported.
        #expect(addresses.contains("acme-prod.service_linked_role.support.amazonaws.com"))
        #expect(!addresses.contains { $0.contains("AWSServiceRoleForSupport") })
        #expect(export.notes.contains { $0.contains("AWS-owned") && $0.contains("AWSSupportServiceRolePolicy") })
        #expect(export.notes.contains { $0.contains("AWS-owned") && $0.contains("prod.role.AWSReservedSSO_Admin_0123") })
        #expect(!addresses.contains { $0.contains("AWSReservedSSO") })
        #expect(export.notes.contains { $0.contains("secrets cannot be read back") })
        #expect(export.state.resources.values.allSatisfy { $0.secrets.isEmpty })
        // The access key alice still has is numbered 1, as `access_keys: 1` creates it.
        #expect(addresses.contains("acme-prod.user.alice.access_key[1]"))
        #expect(!addresses.contains("acme-prod.user.alice.access_key[2]"))
    }

    @Test("references replace ARNs and account ids inside the export; outside ones stay")
    func references() throws {
        let export = try exported()
        let prod = try #require(export.files.first { $0.name == "acme-prod.yaml" }?.text)
        #expect(prod.contains("Resource: ${accounts.account_222222222222.roles.Deploy.arn}"))
        #expect(prod.contains("arn:aws:iam::${accounts.acme-prod.id}:user/*/${aws:username}"))
        #expect(prod.contains("Resource: ${accounts.acme-prod.buckets.acme-reports.arn}/*"))
        #expect(prod.contains("accounts: [account_222222222222, \"999999999999\"]"))
        let ci = try #require(export.files.first { $0.name == "account_222222222222.yaml" }?.text)
        #expect(ci.contains("federated: github"))
        // The shorthand only where it expands to exactly the document: a root after a user cannot be said.
        #expect(prod.contains("      UserFirst:\n        trust_policy:"))
        #expect(prod.contains("      Mixed:\n        trust:\n          accounts: [account_222222222222]\n          services: [ecs-tasks.amazonaws.com]\n          require_mfa: true"))
        #expect(ci.contains("      Bot:\n        trust_policy:"))
        #expect(prod.contains("Principal: { AWS: \"${accounts.account_222222222222.roles.Deploy.arn}\" }"))
    }

    @Test("an alias that is no account name (it starts with a digit) gives the account_ID key")
    func aliasStartingWithADigit() throws {
        let alias = ResourceState(
            address: Address(account: "main", kind: .alias), type: .accountAlias, accountID: "333333333333", attributes: ["alias": .string("9lives")])
        let export = Exporter.export([alias], backend: .simulator, lineage: "l")
        #expect(export.files.map(\.name) == ["account_333333333333.yaml"])
        #expect(export.files.first?.text.contains("    alias: \"9lives\"\n") == true, "\(export.files.first?.text ?? "")")
    }

    @Test("a trust naming a deleted principal by its unique id is written in full, as the shorthand cannot say it")
    func deletedPrincipal() throws {
        let trust = JSONValue.object([
            ("Version", .string("2012-10-17")),
            ("Statement", .array([.object([
                ("Effect", .string("Allow")), ("Principal", .object([("AWS", .string("AIDAEXAMPLEDELETED00"))])), ("Action", .string("sts:AssumeRole")),
            ])])),
        ])
        let role = ResourceState(
            address: Address(account: "main", kind: .role, name: "Old"), type: .role, accountID: "333333333333",
            attributes: ["name": .string("Old"), "path": .string("/"), "assume_role_policy": trust])
        let text = Exporter.export([role], backend: .simulator, lineage: "l").files[0].text
        #expect(text.contains("      Old:\n        trust_policy:\n"), "\(text)")
    }

    @Test("--accounts keeps only those accounts; references to the others become literal")
    func someAccounts() throws {
        let export = Exporter.export(try ExportFixture.appliedResources(), accounts: ["111111111111"], backend: .simulator, lineage: "l")
        #expect(export.files.map(\.name) == ["acme-prod.yaml"])
        let prod = export.files[0].text
        #expect(prod.contains("Resource: arn:aws:iam::222222222222:role/ci/Deploy"))
        #expect(prod.contains("accounts: [\"222222222222\", \"999999999999\"]"))
        #expect(export.state.resources.keys.allSatisfy { $0.account == "acme-prod" })
    }
}

@Suite("Export: YAML scalars read back as the same text")
struct ExportScalarTests {
    static let awkward = [
        "yes", "No", "null", "~", "012", "1e3", "0x1F", "2012-10-17", "- dash", "a: b", "a #b", "#x", "*", "&a", "!tag", "%x", "@x",
        "`x", "{x}", "[x]", "x, y", "tab\tx", "new\nline", "quote\"s", "back\\slash", " lead", "trail ", ":", "?x", "|x", ">x", "'x",
        "ü", "<<", "=", ".5", "+1", "true", "ON", "${aws:username}", "a,b", "x]", "", "\u{1}", "arn:aws:s3:::b/*",
    ]

    @Test("awkward strings in a document plan no change after export")
    func awkwardStrings() throws {
        let document = JSONValue.object([
            ("Version", .string("2012-10-17")),
            ("Statement", .array([.object([
                ("Effect", .string("Allow")), ("Action", .string("s3:GetObject")), ("Resource", .string("*")),
                ("Condition", .object([("StringEquals", .object([("aws:PrincipalTag/team", .array(Self.awkward.map(JSONValue.string)))]))])),
            ])])),
        ])
        let policy = ResourceState(
            address: Address(account: "main", kind: .policy, name: "Awkward"), type: .policy, accountID: "333333333333",
            attributes: ["name": .string("Awkward"), "path": .string("/"), "description": .string("yes: it is, #1"), "tags": .object([]), "document": document])
        let export = Exporter.export([policy], backend: .simulator, lineage: "l")
        let text = try #require(export.files.first?.text)
        let (loaded, diagnostics) = ConfigurationLoader.load(sources: [SourceFile(path: "main.yaml", text: text)])
        #expect(diagnostics.errors.isEmpty, "\(diagnostics.errors.map(\.summary))\n\(text)")
        let desired = DesiredResources.from(try #require(loaded))
        #expect(desired.count == 1)
        #expect(desired.first?.attributes == export.state.resources.values.first?.attributes, "\(text)")
    }
}
