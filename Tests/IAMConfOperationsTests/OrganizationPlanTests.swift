import IAMConfCore
import IAMConfOperations
import Testing

/// Where the organization is planned: as resources on the simulator; left out, with a note,
/// against an endpoint (whose backend does not speak the Organizations API).
@Suite struct OrganizationPlanTests {
    static func configuration(backend: String) -> String {
        """
        \(backend)
        accounts:
          management:
            id: "111111111111"
          target:
            id: "222222222222"
            users:
              alice: {}
        organization:
          management_account: management
          policies:
            DenyWrites:
              document: {Version: "2012-10-17", Statement: [{Effect: Deny, Action: "s3:PutObject", Resource: "*"}]}
          units:
            Data:
              policies: [DenyWrites]
              accounts: [target]
        """
    }

    func plan(_ yaml: String) async throws -> (addresses: [String], warnings: [String]) {
        let temp = try TemporaryDirectory()
        let workspace = Workspace(configurationPath: try temp.write("config/iam.yaml", yaml))
        let observer = RecordingObserver()
        let prepared = try await PlanOperation(workspace: workspace, skipsExpectations: true).run(observer: observer)
        return (prepared.plan.changes.map(\.address.description), observer.warnings)
    }

    @Test func theSimulatorPlansTheOrganizationWithoutANote() async throws {
        let (addresses, warnings) = try await plan(Self.configuration(backend: ""))
        #expect(addresses.contains("organization.root"))
        #expect(addresses.contains("organization.scp.DenyWrites.attachment[ou/Data]"))
        #expect(addresses.contains("organization.account.target"))
        #expect(!warnings.contains { $0.contains("Note: the organization") }, "\(warnings)")
    }

    @Test func anEndpointPlanLeavesTheOrganizationOutAndSaysSo() async throws {
        let (addresses, warnings) = try await plan(Self.configuration(backend: "backend: {kind: endpoint, url: \"http://127.0.0.1:9\"}"))
        #expect(addresses.contains("target.user.alice"))
        #expect(!addresses.contains { $0.hasPrefix("organization.") }, "\(addresses)")
        #expect(warnings.contains { $0.contains("Note: the organization (1 unit, 1 SCP) is not applied to the endpoint") }, "\(warnings)")
    }
}
