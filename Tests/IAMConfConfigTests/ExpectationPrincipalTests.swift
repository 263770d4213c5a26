import IAMConfConfig
import IAMConfCore
import IAMConfPolicy
import Testing

/// `expectations:` name their callers as `check --principal` does: users, roles, account roots,
/// identity providers and service-linked roles by address (only roles may be assumed).
@Suite struct ExpectationPrincipalTests {
    static func configuration(_ expectations: String) -> String {
        """
        accounts:
          main:
            id: "111111111111"
            identity_providers:
              github: { type: oidc, url: "https://token.actions.githubusercontent.com", client_ids: [sts.amazonaws.com] }
            service_linked_roles:
              - service: autoscaling.amazonaws.com
            users:
              alice: {}
        expectations:
        \(expectations)
        """
    }

    static func load(_ text: String) -> (Configuration?, Diagnostics) {
        ConfigurationLoader.load(sources: [SourceFile(path: "main.yaml", text: text)])
    }

    @Test func rootsProvidersAndServiceLinkedRolesAreCallers() throws {
        let (loaded, diagnostics) = Self.load(Self.configuration("""
              - { principal: main.root, action: iam:CreateUser, resource: "*", expect: allow }
              - { principal: main.service_linked_role.autoscaling.amazonaws.com, action: ec2:RunInstances, resource: "*", expect: allow }
              - { principal: main.identity_provider.github, action: s3:GetObject, resource: "*", expect: deny }
              - { principal: main.user.alice, action: s3:GetObject, resource: "*", expect: deny }
            """))
        #expect(!diagnostics.hasErrors, "\(diagnostics.map { "\($0.location?.description ?? "-") \($0.code): \($0.summary)" })")
        let configuration = try #require(loaded)
        let results = ExpectationRunner.run(configuration, now: UTCTime(secondsSince1970: 1_800_000_000))
        #expect(results.count == 4)
        let failed = results.filter { !$0.isPassed }.map { "\($0.expectation.principal): \($0.error?.description ?? "answered")" }
        #expect(failed.isEmpty, "\(failed)")
    }

    @Test func onlyRolesCanBeAssumedAndUnknownNamesAreRefused() {
        let (_, diagnostics) = Self.load(Self.configuration("""
              - { principal: main.user.alice, assume: [main.root], action: s3:GetObject, resource: "*", expect: deny }
              - { principal: main.identity_provider.gitlab, action: s3:GetObject, resource: "*", expect: deny }
              - { principal: main.group.devs, action: s3:GetObject, resource: "*", expect: deny }
            """))
        let codes = diagnostics.filter { $0.severity == .error }.map { "\($0.location?.line ?? 0) \($0.code)" }
        #expect(codes == ["11 invalid-reference", "12 unknown-reference", "13 invalid-reference"], "\(codes)")
    }
}
