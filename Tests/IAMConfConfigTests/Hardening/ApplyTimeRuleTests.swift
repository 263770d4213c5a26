import IAMConfConfig
import IAMConfCore
import Testing

/// Configurations `validate` used to pass but IAM rejects at apply, each with the spot marked.
@Suite struct ApplyTimeRuleTests {
    static func diagnostics(_ text: String, file: String = "main.yaml") -> Diagnostics {
        ConfigurationLoader.load(sources: [SourceFile(path: file, text: text)]).diagnostics
    }

    static func expectMarks(_ failing: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let marked = MarkedText(failing)
        let diagnostics = diagnostics(marked.text)
        let codes = Set(marked.marks.map(\.code))
        let relevant = Diagnostics(diagnostics.filter { $0.severity == .error || codes.contains($0.code) })
        #expect(relevant.marks() == Set(marked.marks), "\(diagnostics.map { "\($0.location?.description ?? "-") \($0.code): \($0.summary)" })", sourceLocation: sourceLocation)
    }

    @Test(arguments: [
        "    roles:\n      R: { trust: ⟦empty-trust⟧{ services: [] } }\n",
        "    roles:\n      R: { trust: ⟦empty-trust⟧{ accounts: [], principals: [], services: [] } }\n",
        "    roles:\n      R: { trust: ⟦empty-trust⟧{ services: [], require_mfa: true } }\n",
    ])
    func emptyShorthandListsTrustNobody(_ body: String) {
        Self.expectMarks(account(body))
    }

    @Test func tagKeysDifferingOnlyInCaseAreDuplicates() {
        Self.expectMarks(account("    users:\n      u: { tags: { k: \"5\", ⟦duplicate-tag⟧K: \"6\" } }\n"))
        #expect(!Self.diagnostics(account("    users:\n      u: { tags: { k: \"5\", k2: \"6\" } }\n")).hasErrors)
    }

    @Test func twoOIDCProvidersWithOneURLAreRejected() {
        Self.expectMarks(account("""
                identity_providers:
                  a: { type: oidc, url: "https://token.actions.githubusercontent.com" }
                  ⟦duplicate-provider-url⟧b: { type: oidc, url: "https://token.actions.githubusercontent.com/" }

            """))
    }

    @Test func providerURLsDifferingInPathCaseAreDistinct() {
        let text = account("    identity_providers:\n      a: { type: oidc, url: \"https://X.example.com/Tenant\" }\n      b: { type: oidc, url: \"https://x.example.com/tenant\" }\n      c: { type: oidc, url: \"https://x.EXAMPLE.com/Tenant/\" }\n")
        #expect(Self.diagnostics(text).errors.map { "\($0.location?.line ?? 0) \($0.code)" } == ["7 duplicate-provider-url"])
    }

    @Test func serviceLinkedRolesCountAgainstTheRoleQuota() {
        var text = "accounts:\n  a:\n    id: \"111111111111\"\n    service_linked_roles:\n      - { service: autoscaling.amazonaws.com }\n    roles:\n"
        for index in 0..<1_000 { text += "      r\(index): { trust: { services: [ec2.amazonaws.com] } }\n" }
        #expect(Self.diagnostics(text).filter { $0.code == "account-quota-exceeded" }.map(\.summary) == ["account 'a' has 1001 roles; IAM allows 1000 per account by default"])
    }

    @Test func anAliasOnTwoAccountsIsRejected() {
        Self.expectMarks("""
            accounts:
              a: { id: "111111111111", alias: acme }
              b: { id: "222222222222", alias: ⟦duplicate-alias⟧acme }

            """)
    }

    @Test(arguments: [
        ("users", "user", 5_000, "{}"),
        ("groups", "group", 300, "{}"),
        ("roles", "role", 1_000, "{ trust: { services: [ec2.amazonaws.com] } }"),
        ("policies", "policy", 1_500, "{ document: { Version: \"2012-10-17\", Statement: [{ Effect: Allow, Action: \"s3:GetObject\", Resource: \"*\" }] } }"),
        ("instance_profiles", "profile", 1_000, "{}"),
        ("identity_providers", "idp", 100, "{ type: saml, metadata_file: metadata.xml }"),
    ])
    func accountQuotasAreReportedAtTheAccount(_ key: String, _ prefix: String, _ limit: Int, _ body: String) {
        var text = "accounts:\n  a:\n    id: \"111111111111\"\n    \(key):\n"
        for index in 0...limit { text += "      \(prefix)\(index): \(body)\n" }
        let file = ValidationRuleTests.rulesFixtures + "/main.yaml"
        let quota = Self.diagnostics(text, file: file).filter { $0.code == "account-quota-exceeded" }
        #expect(quota.count == 1)
        #expect(quota.first?.location == SourceLocation(file: file, line: 2, column: 3))
        #expect(quota.first?.summary.contains("\(limit + 1)") == true)
        #expect(quota.first?.summary.contains("allows \(limit.formatted())") == true || quota.first?.summary.contains("allows \(limit)") == true)
    }

    @Test func oidcProviderQuota() {
        var text = "accounts:\n  a:\n    id: \"111111111111\"\n    identity_providers:\n"
        for index in 0...100 { text += "      p\(index): { type: oidc, url: \"https://p\(index).example.com\" }\n" }
        let quota = Self.diagnostics(text).filter { $0.code == "account-quota-exceeded" }
        #expect(quota.map(\.summary) == ["account 'a' has 101 OIDC identity providers; IAM allows 100 per account by default"])
    }
}
