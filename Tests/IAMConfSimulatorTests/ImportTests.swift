import Foundation
import IAMConfCore
import IAMConfEngine
import IAMConfSimulator
import IAMConfState
import Testing

/// Import against the simulator: adopt objects that exist into a state that does not know them.
@Suite struct ImportTests {
    /// The import id a user would type for a resource, from what an apply recorded.
    static func importID(_ resource: ResourceState) -> String {
        let a = resource.attributes
        func s(_ key: String) -> String { a[key]?.stringValue ?? "" }
        switch resource.type {
        case .user, .group, .role, .instanceProfile, .bucket: return s("name")
        case .loginProfile: return s("user")
        case .policy, .oidcProvider, .samlProvider: return resource.outputs["arn"] ?? ""
        case .userGroupMembership: return s("user") + "/" + s("group")
        case .userPolicyAttachment: return s("user") + "/" + s("policy_arn")
        case .groupPolicyAttachment: return s("group") + "/" + s("policy_arn")
        case .rolePolicyAttachment: return s("role") + "/" + s("policy_arn")
        case .userInlinePolicy, .groupInlinePolicy, .roleInlinePolicy: return s("entity") + "/" + s("name")
        case .accessKey: return s("user") + "/" + (resource.outputs["access_key_id"] ?? "")
        case .instanceProfileRole: return s("profile") + "/" + s("role")
        case .serviceLinkedRole: return resource.outputs["name"] ?? ""
        case .bucketPolicy: return s("bucket")
        case .accountAlias: return s("alias")
        default: return resource.accountID  // the password policy: its account
        }
    }

    static let addresses = RefreshFixture.desired.map(\.address.description).sorted()

    /// Every kind: an object applied earlier is imported into an empty state with the id a user
    /// would give, and a plan then finds nothing to do for it.
    @Test(arguments: addresses)
    func importsEveryKind(address: String) async throws {
        let simulator = try makeSimulator()
        let applied = try await RefreshFixture.apply(to: simulator)
        let original = try #require(applied.resource(address))
        let resource = try #require(RefreshFixture.desired.first { $0.address.description == address })

        let imported = try await Importer(backend: simulator).importResource(resource, id: Self.importID(original))
        #expect(imported.attributes == original.attributes)
        #expect(imported.dependencies == original.dependencies)
        #expect(imported.secrets.isEmpty)
        // Relationships have no ARN of their own (an apply records what the write answered); objects do.
        let keys = ["unique_id", "access_key_id", "default_version_id"] + (resource.address.sub == nil ? ["arn"] : [])
        for key in keys where original.outputs[key] != nil {
            #expect(imported.outputs[key] == original.outputs[key], "\(key)")
        }
        let state = State(lineage: "import", resources: [imported.address: imported])
        let plan = Planner().plan(desired: [resource], prior: state, backend: .simulator)
        #expect(plan.changes.isEmpty)
    }

    @Test func anImportedObjectThatDiffersShowsInThePlan() async throws {
        let simulator = try makeSimulator()
        try await simulator.run(.createRole(
            name: "S3Access", path: "/", trustPolicy: trustEC2, description: "made by hand", maxSessionDuration: 7200, tags: [],
            permissionsBoundary: nil))
        let resource = try #require(RefreshFixture.desired.first { $0.address.description == "target.role.S3Access" })
        let imported = try await Importer(backend: simulator).importResource(resource, id: "S3Access")
        #expect(imported.attributes["description"] == .string("made by hand"))
        #expect(imported.outputs["arn"] == "arn:aws:iam::\(account):role/S3Access")
        let plan = Planner().plan(desired: [resource], prior: State(lineage: "i", resources: [resource.address: imported]), backend: .simulator)
        #expect(plan.changes.map(\.action) == [.update])
        #expect(plan.changes.first?.changedAttributes == ["description", "max_session_duration", "tags"])
    }

    @Test(arguments: [
        ("target.user.alice", "bob"),
        ("target.policy.ReadReports", "arn:aws:iam::111111111111:policy/Nope"),
        ("target.user.alice.group[developers]", "alice/developers"),
        ("target.identity_provider.github", RefreshFixture.oidcARN),
        ("target.password_policy", "111111111111"),
        ("target.bucket.shared-reports", "shared-reports"),
    ])
    func anObjectThatDoesNotExistIsRefused(address: String, id: String) async throws {
        let simulator = try makeSimulator()
        let resource = try #require(RefreshFixture.desired.first { $0.address.description == address })
        await #expect(throws: ImportError(.notFound, "\(id) does not exist in account \(account), so it cannot be imported into \(address)")) {
            _ = try await Importer(backend: simulator).importResource(resource, id: id)
        }
    }

    @Test(arguments: [
        ("target.user.alice.group[developers]", "alice"),
        ("target.user.alice.group[developers]", "alice/"),
        ("target.user.alice.policy[ReadReports]", "/arn:aws:iam::111111111111:policy/ReadReports"),
        ("target.policy.ReadReports", "ReadReports"),
        ("target.identity_provider.github", "github"),
        ("target.user.alice", "  "),
    ])
    func anIDOfTheWrongFormIsRefused(address: String, id: String) async throws {
        let simulator = try makeSimulator()
        let resource = try #require(RefreshFixture.desired.first { $0.address.description == address })
        let error = await #expect(throws: ImportError.self) {
            _ = try await Importer(backend: simulator).importResource(resource, id: id)
        }
        #expect(error?.code == .badID)
        #expect(error?.message.contains(Importer.idForm(resource.type)) == true)
    }
}
