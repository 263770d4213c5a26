@testable import IAMConfConfig
import IAMConfCore
import Testing

/// `renamed_from:` on users and groups (renamed in place), refused on roles and managed policies.
@Suite struct RenameConfigurationTests {
    static func load(_ text: String) -> (configuration: Configuration?, diagnostics: Diagnostics) {
        ConfigurationLoader.load(sources: [SourceFile(path: "main.yaml", text: text)])
    }

    static func codes(_ diagnostics: Diagnostics) -> [String] { diagnostics.filter { $0.severity == .error }.map(\.code) }

    @Test func usersAndGroupsCarryTheirFormerNameAndItsPlace() throws {
        let (configuration, diagnostics) = Self.load(account("""
                groups:
                  developers: { renamed_from: devs, members: [alice] }
                users:
                  alice:
                    renamed_from: bob
                    access_keys: 1

            """))
        #expect(!diagnostics.hasErrors, "\(diagnostics.map(\.summary))")
        let account = try #require(configuration?.accounts.first)
        let alice = try #require(account.users.first)
        #expect(alice.renamedFrom?.name == "bob")
        #expect(alice.renamedFrom?.location?.line == 8)
        #expect(alice.renamedFrom?.location?.column == 23)
        #expect(account.groups.first?.renamedFrom?.name == "devs")
        #expect(alice.groups == ["developers"])
    }

    @Test func aCaseOnlyRenameIsARename() throws {
        let (configuration, diagnostics) = Self.load(account("    users:\n      alice: { renamed_from: Alice }\n"))
        #expect(!diagnostics.hasErrors, "\(diagnostics.map(\.summary))")
        #expect(configuration?.accounts.first?.users.first?.renamedFrom?.name == "Alice")
    }

    @Test func aManagedPolicyCannotBeRenamedAndTheReasonIsGiven() throws {
        let (_, diagnostics) = Self.load(account("""
                policies:
                  ReadAll:
                    renamed_from: ReadEverything
                    document: { Version: "2012-10-17", Statement: [{ Effect: Allow, Action: "s3:Get*", Resource: "*" }] }

            """))
        let refusal = try #require(diagnostics.first { $0.code == "rename-not-supported" })
        #expect(refusal.summary.contains("customer managed policy cannot be renamed"))
        #expect(refusal.location?.line == 6)
        #expect(refusal.address == "a.policy.ReadAll")
        #expect(refusal.hint?.contains("replaces 'ReadEverything' with 'ReadAll'") == true)
    }

    @Test func aRoleRefusalNamesTheMissingCall() throws {
        let (_, diagnostics) = Self.load(account("    roles:\n      Deploy: { renamed_from: Old, trust: { services: [ec2.amazonaws.com] } }\n"))
        let refusal = try #require(diagnostics.first { $0.code == "rename-not-supported" })
        #expect(refusal.summary.contains("UpdateRole takes no new role name"))
    }

    @Test func aTemplateCannotCarryAFormerName() {
        let (_, diagnostics) = Self.load(account("""
                user_templates:
                  engineer: { renamed_from: bob }
                users:
                  alice: { template: engineer }

            """))
        #expect(Self.codes(diagnostics).contains("unknown-key"))
    }

    @Test(arguments: ["bad name", String(repeating: "a", count: 65)])
    func anInvalidFormerNameIsReportedAtIt(_ name: String) throws {
        let (_, diagnostics) = Self.load(account("    users:\n      alice: { renamed_from: \"\(name)\" }\n"))
        let problem = try #require(diagnostics.first { $0.code == "invalid-name" })
        #expect(problem.location?.line == 5)
        #expect(problem.summary.contains("renamed_from"))
    }
}
