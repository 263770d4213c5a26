import Foundation
import IAMConfBackend
import IAMConfCore
import IAMConfEngine
import IAMConfOperations
import IAMConfState
import Testing

/// The account inventory and the objects not in the configuration, in process on the simulator:
/// a hand-made user and an out-of-band attachment to a managed group, in both ownership modes.
@Suite struct UnmanagedObjectsTests {
    static func configuration(ownership: String?) -> String {
        """
        accounts:
          target:
            id: "111111111111"
        \(ownership.map { "    ownership: \($0)\n" } ?? "")\
            groups:
              developers:
                policies: [ReadOnlyAccess]
            users:
              alice:
                groups: [developers]
                inline_policies:
                  Own:
                    Version: "2012-10-17"
                    Statement: [{ Effect: Allow, Action: "iam:GetUser", Resource: "*" }]
        """
    }

    static func workspace(_ temp: TemporaryDirectory, ownership: String? = nil) throws -> Workspace {
        Workspace(configurationPath: try temp.write("config/iam.yaml", configuration(ownership: ownership)))
    }

    static func apply(_ workspace: Workspace, refresh: Bool = false) async throws -> (PreparedPlan, ApplyOperation.Outcome) {
        let observer = RecordingObserver()
        let prepared = try await PlanOperation(workspace: workspace, refresh: refresh).run(observer: observer)
        let outcome = try await ApplyOperation(
            workspace: workspace, plan: prepared.plan, plannedState: prepared.state, backend: prepared.backend
        ).run(observer: observer)
        return (prepared, outcome)
    }

    static func backend(_ workspace: Workspace) throws -> any Backend {
        try workspace.backendFactory.makeBackend(BackendConnection(descriptor: .simulator), parallelism: 4)
    }

    /// What someone does by hand: a user with a key and a console password in a group, an AWS
    /// managed policy on the managed group, and a service-linked role AWS made.
    static func changeByHand(_ backend: any Backend) async throws {
        let account = "111111111111"
        _ = try await backend.perform(.createUser(name: "mallory", path: "/", tags: [], permissionsBoundary: nil), in: account)
        _ = try await backend.perform(.createAccessKey(userName: "mallory"), in: account)
        _ = try await backend.perform(.createLoginProfile(userName: "mallory", passwordResetRequired: false), in: account)
        _ = try await backend.perform(.addUserToGroup(groupName: "developers", userName: "mallory"), in: account)
        _ = try await backend.perform(
            .attachGroupPolicy(groupName: "developers", policyARN: "arn:aws:iam::aws:policy/AdministratorAccess"), in: account)
        _ = try await backend.perform(.createServiceLinkedRole(serviceName: "autoscaling.amazonaws.com", customSuffix: nil, description: nil), in: account)
        try await backend.flush()
    }

    @Test func additiveReportsWithoutChanging() async throws {
        let temp = try TemporaryDirectory()
        let workspace = try Self.workspace(temp)
        _ = try await Self.apply(workspace)
        try await Self.changeByHand(try Self.backend(workspace))
        let prepared = try await PlanOperation(workspace: workspace, refresh: true).run(observer: RecordingObserver())
        let unmanaged = try #require(prepared.unmanaged)
        #expect(unmanaged.objects.map(\.address.description) == ["target.group.developers.policy[AdministratorAccess]", "target.user.mallory"])
        #expect(unmanaged.objects.allSatisfy { $0.ownership == .additive })
        #expect(unmanaged.removals.isEmpty)
        #expect(!prepared.plan.hasChanges)
        let text = UnmanagedRenderer.text(unmanaged, color: false)
        #expect(text.contains("Objects not in the configuration:"))
        #expect(text.contains("policy arn:aws:iam::aws:policy/AdministratorAccess attached to group developers"))
        #expect(text.contains("ownership: exclusive"))
        #expect(!text.contains("AWSServiceRole"))
        // A plain plan reads nothing beyond the state.
        let plain = try await PlanOperation(workspace: workspace).run(observer: RecordingObserver())
        #expect(plain.unmanaged == nil)
    }

    @Test func exclusiveRemovesThemDependentsFirst() async throws {
        let temp = try TemporaryDirectory()
        let workspace = try Self.workspace(temp, ownership: "exclusive")
        _ = try await Self.apply(workspace)
        try await Self.changeByHand(try Self.backend(workspace))
        let (prepared, outcome) = try await Self.apply(workspace, refresh: true)
        // A new backend reads the world the apply wrote.
        let backend = try Self.backend(workspace)
        let deletes = prepared.plan.changes.filter { $0.action == .delete }
        #expect(Set(deletes.map(\.address.description)) == [
            "target.group.developers.policy[AdministratorAccess]", "target.user.mallory", "target.user.mallory.access_key[1]",
            "target.user.mallory.group[developers]", "target.user.mallory.login_profile",
        ])
        #expect(deletes.allSatisfy { $0.deleteReason == "not in the configuration" })
        #expect(PlanRenderer.text(prepared.plan, color: false).contains("# (because not in the configuration)"))
        #expect(prepared.plan.changes.count == deletes.count)
        #expect(outcome.state.resources.keys.allSatisfy { !$0.description.contains("mallory") })
        await #expect(throws: BackendError.self) { _ = try await backend.perform(.getUser(name: "mallory"), in: "111111111111") }
        let attached = try await backend.perform(.listAttachedGroupPolicies(groupName: "developers"), in: "111111111111")
        #expect(attached.attributes?["policies"] == .array([.string("arn:aws:iam::aws:policy/ReadOnlyAccess")]))
        // AWS's own role is untouched, and nothing is left to do.
        _ = try await backend.perform(.getRole(name: "AWSServiceRoleForAutoScaling"), in: "111111111111")
        let after = try await PlanOperation(workspace: workspace, refresh: true).run(observer: RecordingObserver())
        #expect(!after.plan.hasChanges)
        #expect(after.unmanaged?.isEmpty == true)
    }

    /// The key promise to `iamconf export`: what the inventory reads is what an applied state holds.
    @Test(arguments: ["cross-account", "github-oidc", "ec2-instance-profile", "engineering-teams", "mfa-protected-admin", "admins-group"])
    func inventoryOfAnAppliedExampleEqualsItsState(_ name: String) async throws {
        let temp = try TemporaryDirectory()
        let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("examples/\(name)")
        for name in try FileManager.default.contentsOfDirectory(atPath: example.path) where name.hasSuffix(".yaml") {
            try temp.write("config/\(name)", String(contentsOf: example.appendingPathComponent(name), encoding: .utf8))
        }
        let workspace = Workspace(configurationPath: temp.file("config"))
        let (prepared, outcome) = try await Self.apply(workspace)
        let backend = try Self.backend(workspace)
        var inventory: [ResourceState] = []
        for account in prepared.configuration.accounts {
            inventory += try await AccountInventory(backend: backend).read(account: account.name, accountID: account.id)
        }
        // An identity provider has no name in IAM: the inventory names it by its URL's host and path.
        var applied: [Address: ResourceState] = [:]
        for (address, resource) in outcome.state.resources {
            var renamed = address
            if let arn = resource.outputs["arn"], let range = arn.range(of: ":oidc-provider/") {
                renamed = Address(account: address.account, kind: address.kind, name: String(arn[range.upperBound...]))
            }
            applied[renamed] = resource
        }
        #expect(inventory.map(\.address).sorted() == applied.keys.sorted())
        for read in inventory {
            guard let stored = applied[read.address] else { continue }
            #expect(read.type == stored.type, "\(read.address)")
            #expect(read.accountID == stored.accountID, "\(read.address)")
            // A password policy setting left unset takes IAM's default, which a read reports.
            var expected = stored.attributes
            if stored.type == .passwordPolicy { for (name, value) in expected where value == .null { expected[name] = read.attributes[name] } }
            #expect(read.attributes == expected, "\(read.address)")
            #expect(read.secrets.isEmpty)
            for (name, value) in read.outputs where name != "create_date" {
                #expect(stored.outputs[name] == value, "\(read.address) \(name)")
            }
        }
    }
}
