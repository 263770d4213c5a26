@testable import IAMConfConfig
import IAMConfCore
import Testing

/// The organization's resources are addressed under `organization.`; an account of that name
/// would share them, so it is refused where the organization is declared.
@Suite struct OrganizationAccountNameTests {
    @Test func anAccountNamedOrganizationIsRefusedBesideAnOrganization() {
        let text = """
            accounts:
              management: {id: "111111111111"}
              organization: {id: "222222222222"}
            organization:
              management_account: management
              accounts: [organization]

            """
        let (_, diagnostics) = ConfigurationLoader.load(sources: [SourceFile(path: "org.yaml", text: text)])
        let refused = diagnostics.errors.first { $0.code == "reserved-name" }
        #expect(refused?.location?.line == 5, "\(diagnostics.errors)")
        #expect(refused?.summary.contains("an account named 'organization'") == true, "\(diagnostics.errors)")
    }

    @Test func withoutAnOrganizationTheNameIsFree() {
        let text = """
            accounts:
              organization: {id: "222222222222"}

            """
        let (_, diagnostics) = ConfigurationLoader.load(sources: [SourceFile(path: "org.yaml", text: text)])
        #expect(diagnostics.errors.isEmpty, "\(diagnostics.errors)")
    }
}
