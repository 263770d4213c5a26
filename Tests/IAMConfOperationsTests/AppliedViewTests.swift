import Foundation
import IAMConfCore
import IAMConfOperations
import IAMConfPolicy
import Testing

/// The applied world as a configuration (`--applied`) keeps what `paths` needs: console access,
/// access keys and instance profiles decide which escalation calls an attacker must make.
@Suite struct AppliedViewTests {
    static let configuration = """
        accounts:
          app:
            id: "444444444444"
            users:
              ops:
                login_profile: { password_reset_required: true }
                access_keys: 2
              dev: {}
            roles:
              Web:
                trust: { services: [ec2.amazonaws.com] }
            instance_profiles:
              web: { role: Web }
        """

    @Test func loginProfilesKeysAndInstanceProfilesSurviveTheView() async throws {
        let temp = try TemporaryDirectory()
        let workspace = Workspace(configurationPath: try temp.write("config/iam.yaml", Self.configuration))
        let prepared = try await PlanOperation(workspace: workspace, skipsExpectations: true).run(observer: SilentObserver())
        let outcome = try await ApplyOperation(workspace: workspace, plan: prepared.plan, plannedState: prepared.state, backend: prepared.backend)
            .run(observer: SilentObserver())
        #expect(outcome.isComplete)
        let view = try await workspace.appliedAnalyzer(configuration: nil).configuration
        let account = try #require(view.accounts.first)
        let ops = try #require(account.users.first { $0.name == "ops" })
        #expect(ops.loginProfile?.passwordResetRequired == true)
        #expect(ops.accessKeys == 2)
        #expect(account.users.first { $0.name == "dev" }?.loginProfile == nil)
        #expect(account.instanceProfiles.map(\.name) == ["web"])
        #expect(account.instanceProfiles.first?.role == "Web")
    }
}
