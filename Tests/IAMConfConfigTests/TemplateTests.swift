@testable import IAMConfConfig
import IAMConfCore
import Testing

/// `user_templates:` / `role_templates:` with `template: NAME` on users and roles.
@Suite struct TemplateTests {
    static func load(_ text: String, file: String = "main.yaml") -> (configuration: Configuration?, diagnostics: Diagnostics) {
        ConfigurationLoader.load(sources: [SourceFile(path: file, text: text)])
    }

    static let text = account("""
            groups: { engineers: {}, payments: {} }
            user_templates:
              engineer:
                path: /engineering/
                groups: [engineers]
                tags: { department: engineering, cost-center: "42" }
                login_profile: { password_reset_required: true }
            role_templates:
              lambda:
                trust: { services: [lambda.amazonaws.com] }
                policies: [AWSLambdaBasicExecutionRole]
                tags: { owner: platform }
            users:
              alice: { template: engineer }
              bob:
                template: engineer
                groups: [engineers, payments]
                tags: { team: payments, Department: finance }
            roles:
              ingest: { template: lambda, description: ingests }

        """)

    @Test func usersTakeTheTemplateAndKeepTheirAddresses() throws {
        let (configuration, diagnostics) = Self.load(Self.text)
        #expect(!diagnostics.hasErrors, "\(diagnostics.map(\.summary))")
        let users = try #require(configuration?.accounts.first?.users)
        #expect(users.map(\.name) == ["alice", "bob"])
        let alice = users[0]
        #expect(alice.path == "/engineering/")
        #expect(alice.groups == ["engineers"])
        #expect(alice.loginProfile != nil)
        #expect(alice.tags.map(\.key) == ["department", "cost-center"])
    }

    @Test func explicitSettingsOverrideAndTagsMerge() throws {
        let bob = try #require(Self.load(Self.text).configuration?.accounts.first?.users.last)
        #expect(bob.groups == ["engineers", "payments"])
        #expect(bob.path == "/engineering/")
        // IAM tag keys ignore case, so bob's Department replaces the template's department.
        #expect(bob.tags == [Tag(key: "team", value: "payments"), Tag(key: "Department", value: "finance"), Tag(key: "cost-center", value: "42")])
    }

    @Test func rolesTakeRoleTemplates() throws {
        let role = try #require(Self.load(Self.text).configuration?.accounts.first?.roles.first)
        #expect(role.name == "ingest")
        #expect(role.description == "ingests")
        #expect(role.policies.map(\.name) == ["AWSLambdaBasicExecutionRole"])
        #expect(ConfigurationChecks.statements(role.trustPolicy.document).count == 1)
    }

    @Test func aTemplateIsVisibleInTheFileThatDeclaresIt() {
        let sources = [
            SourceFile(path: "a.yaml", text: account("    user_templates:\n      engineer: { path: /e/ }\n")),
            SourceFile(path: "b.yaml", text: "accounts:\n  a:\n    users:\n      alice: { template: engineer }\n"),
        ]
        let errors = ConfigurationLoader.load(sources: sources).diagnostics.errors
        #expect(errors.map { "\($0.location?.file ?? ""):\($0.location?.line ?? 0):\($0.location?.column ?? 0) \($0.code)" } == ["b.yaml:4:26 unknown-template"])
    }

    @Test func aProblemInATemplateIsReportedOnceAtItsLine() {
        let text = account("    user_templates:\n      engineer: { groups: [nosuch] }\n    users:\n" + (1...5).map { "      u\($0): { template: engineer }\n" }.joined())
        let errors = Self.load(text).diagnostics.errors
        #expect(errors.map { "\($0.location?.line ?? 0):\($0.location?.column ?? 0) \($0.code)" } == ["5:28 unknown-group"])
    }

    @Test func aRoleTemplateIsNotAUserTemplate() {
        let text = account("    role_templates:\n      lambda: { trust: { services: [lambda.amazonaws.com] } }\n    users:\n      alice: { template: lambda }\n")
        #expect(Self.load(text).diagnostics.errors.map(\.code) == ["unknown-template"])
    }

    @Test func aConflictWithTheTemplateIsReportedAtTheEntitysLine() {
        let text = account("    role_templates:\n      lambda: { trust: { services: [lambda.amazonaws.com] } }\n    roles:\n      R:\n        template: lambda\n        trust_policy: { Version: \"2012-10-17\", Statement: [{ Effect: Allow, Principal: { Service: ec2.amazonaws.com }, Action: sts:AssumeRole }] }\n")
        let errors = Self.load(text).diagnostics.errors
        #expect(errors.map { "\($0.location?.line ?? 0) \($0.code)" } == ["9 conflicting-keys"])
    }
}
