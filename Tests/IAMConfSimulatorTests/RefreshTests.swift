import Foundation
import IAMConfBackend
import IAMConfCore
import IAMConfEngine
import IAMConfSimulator
import IAMConfState
import Testing

/// Refresh against the simulator: change the world behind iamconf's back and check the exact drift.
@Suite struct RefreshTests {
    /// A simulator with the fixture applied, and the state that apply recorded.
    func applied() async throws -> (IAMSimulator, State) {
        let simulator = try makeSimulator()
        let state = try await RefreshFixture.apply(to: simulator)
        return (simulator, state)
    }

    @Test func untouchedWorldHasNoDriftAndKeepsEveryAttribute() async throws {
        let (simulator, state) = try await applied()
        #expect(state.resources.count == 22)
        let result = try await Refresher(backend: simulator).refresh(state)
        #expect(result.drift.isEmpty)
        #expect(result.unreadable.isEmpty)
        #expect(result.state.lineage == state.lineage && result.state.serial == state.serial)
        for (address, before) in state.resources {
            #expect(result.state.resources[address]?.attributes == before.attributes, "\(address)")
        }
        let plan = Planner().plan(desired: RefreshFixture.desired, prior: result.state, backend: .simulator)
        #expect(plan.changes.isEmpty)
    }

    @Test func attributesChangedOutsideAreReportedBeforeAndAfter() async throws {
        let (simulator, state) = try await applied()
        try await simulator.run(.updateRole(name: "S3Access", description: "edited by hand", maxSessionDuration: 7200))
        try await simulator.run(.tagUser(name: "alice", tags: [Tag(key: "owner", value: "bob")]))
        try await simulator.run(.updateUser(name: "alice", newPath: "/ops/"))
        try await simulator.run(.updateLoginProfile(userName: "alice", passwordResetRequired: false, newPassword: false))
        try await simulator.run(.updateAccountPasswordPolicy(.init()))
        let result = try await Refresher(backend: simulator).refresh(state)

        let summary = result.drift.map { "\($0.address) \($0.kind.rawValue) \($0.changes.map(\.name).joined(separator: ","))" }
        #expect(summary == [
            "target.password_policy changed minimum_password_length,require_lowercase_characters,require_numbers,require_symbols,require_uppercase_characters",
            "target.role.S3Access changed description,max_session_duration",
            "target.user.alice changed path,tags",
            "target.user.alice.login_profile changed password_reset_required",
        ])
        let role = try #require(result.drift.first { $0.address.description == "target.role.S3Access" })
        #expect(role.changes == [
            AttributeDrift(name: "description", before: .string("S3 access"), after: .string("edited by hand")),
            AttributeDrift(name: "max_session_duration", before: .number("3600"), after: .number("7200")),
        ])
        let user = try #require(result.drift.first { $0.address.description == "target.user.alice" })
        #expect(user.changes.last == AttributeDrift(
            name: "tags", before: .object([("team", .string("platform"))]),
            after: .object([("owner", .string("bob")), ("team", .string("platform"))])))
        #expect(result.state.resource("target.user.alice")?.outputs["arn"] == "arn:aws:iam::\(account):user/ops/alice")
        #expect(result.state.resource("target.password_policy")?.attributes["minimum_password_length"] == .number("6"))
    }

    @Test func objectsDeletedOutsideLeaveTheState() async throws {
        let (simulator, state) = try await applied()
        let keyID = try #require(state.resource("target.user.alice.access_key[1]")?.outputs["access_key_id"])
        try await simulator.run(.removeUserFromGroup(groupName: "developers", userName: "alice"))
        try await simulator.run(.detachRolePolicy(roleName: "S3Access", policyARN: "arn:aws:iam::aws:policy/AmazonS3FullAccess"))
        try await simulator.run(.deleteGroupPolicy(groupName: "developers", policyName: "GroupInline"))
        try await simulator.run(.deleteAccessKey(userName: "alice", accessKeyID: keyID))
        try await simulator.run(.deleteBucketPolicy(bucket: "shared-reports"))
        try await simulator.run(.removeRoleFromInstanceProfile(profileName: "web", roleName: "S3Access"))
        try await simulator.run(.deleteSAMLProvider(arn: RefreshFixture.samlARN))
        try await simulator.run(.deleteAccountAlias(alias: "acme-target"))
        let result = try await Refresher(backend: simulator).refresh(state)

        let deleted = [
            "target.alias", "target.bucket.shared-reports.policy", "target.group.developers.inline[GroupInline]",
            "target.identity_provider.corp-sso", "target.instance_profile.web.role[S3Access]",
            "target.role.S3Access.policy[AmazonS3FullAccess]", "target.user.alice.access_key[1]", "target.user.alice.group[developers]",
        ]
        #expect(result.drift.map(\.address.description) == deleted)
        #expect(result.drift.allSatisfy { $0.kind == .deleted && $0.changes.isEmpty })
        #expect(result.state.resources.count == state.resources.count - deleted.count)
        for address in deleted { #expect(result.state.resource(address) == nil) }

        let plan = Planner().plan(desired: RefreshFixture.desired, prior: result.state, backend: .simulator)
        #expect(plan.changes.map(\.address.description) == deleted)
        #expect(plan.changes.allSatisfy { $0.action == .create })
    }

    @Test func documentsAreComparedForMeaning() async throws {
        let (simulator, state) = try await applied()
        // Same meaning, other spelling: a one-element list and reordered keys.
        let reformatted = #"{"Statement":[{"Resource":"*","Action":["s3:GetObject"],"Effect":"Allow"}],"Version":"2012-10-17"}"#
        try await simulator.run(.putUserPolicy(userName: "alice", policyName: "AllowAssume", document: reformatted))
        // Another meaning.
        let widened = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}"#
        try await simulator.run(.putRolePolicy(roleName: "S3Access", policyName: "RoleInline", document: widened))
        try await simulator.run(.createPolicyVersion(policyARN: RefreshFixture.policyARN, document: widened, setAsDefault: true))
        let result = try await Refresher(backend: simulator).refresh(state)

        #expect(result.drift.map(\.address.description) == ["target.policy.ReadReports", "target.role.S3Access.inline[RoleInline]"])
        let inline = try #require(result.drift.last)
        #expect(inline.changes.map(\.name) == ["document"])
        #expect(inline.changes.first?.after == (try JSONParser.parse(widened)))
        #expect(result.state.resource("target.policy.ReadReports")?.outputs["default_version_id"] == "v2")
        // The reformatted document keeps the state's spelling, so nothing shows in a plan.
        #expect(result.state.resource("target.user.alice.inline[AllowAssume]") == state.resource("target.user.alice.inline[AllowAssume]"))
        let plan = Planner().plan(desired: RefreshFixture.desired, prior: result.state, backend: .simulator)
        #expect(plan.changes.map { "\($0.address) \($0.action.rawValue)" } == [
            "target.policy.ReadReports update", "target.role.S3Access.inline[RoleInline] update",
        ])
    }

    @Test func deletedIdentityTakesItsRelationshipsAlong() async throws {
        let (simulator, state) = try await applied()
        try await simulator.run(.removeRoleFromInstanceProfile(profileName: "web", roleName: "S3Access"))
        try await simulator.run(.detachRolePolicy(roleName: "S3Access", policyARN: "arn:aws:iam::aws:policy/AmazonS3FullAccess"))
        try await simulator.run(.deleteRolePolicy(roleName: "S3Access", policyName: "RoleInline"))
        try await simulator.run(.deleteRole(name: "S3Access"))
        let result = try await Refresher(backend: simulator).refresh(state)
        #expect(result.drift.map(\.address.description) == [
            "target.instance_profile.web.role[S3Access]", "target.role.S3Access", "target.role.S3Access.inline[RoleInline]",
            "target.role.S3Access.policy[AmazonS3FullAccess]",
        ])
    }

    @Test func withTargetsOnlyWhatTheTargetedPlanLooksAtIsRead() async throws {
        let (simulator, state) = try await applied()
        try await simulator.run(.updateRole(name: "S3Access", description: "edited by hand", maxSessionDuration: 3600))
        try await simulator.run(.detachRolePolicy(roleName: "S3Access", policyARN: "arn:aws:iam::aws:policy/AmazonS3FullAccess"))
        try await simulator.run(.tagUser(name: "alice", tags: [Tag(key: "owner", value: "bob")]))
        let role = Address(account: "target", kind: .role, name: "S3Access")
        let result = try await Refresher(backend: simulator).refresh(state, targets: [role], desired: RefreshFixture.desired)
        #expect(result.drift.map { "\($0.address) \($0.kind.rawValue)" } == [
            "target.role.S3Access changed", "target.role.S3Access.policy[AmazonS3FullAccess] deleted",
        ])
        #expect(result.state.resource("target.user.alice") == state.resource("target.user.alice"))
        let everything = try await Refresher(backend: simulator).refresh(state, targets: [], desired: RefreshFixture.desired)
        #expect(everything.drift.count == 3)
    }

    @Test func readsRunAtMostParallelismAtOnce() async throws {
        let (simulator, state) = try await applied()
        let probe = ProbeBackend(simulator)
        let result = try await Refresher(backend: probe, parallelism: 3).refresh(state)
        #expect(result.drift.isEmpty)
        #expect(await probe.maximum == 3)
        #expect(await probe.calls >= state.resources.count)
    }

    @Test func aFailingReadStopsTheRefreshNamingTheResource() async throws {
        let (simulator, state) = try await applied()
        let probe = ProbeBackend(simulator, failing: ["GetRole": BackendError(.throttling, "Rate exceeded")])
        await #expect(throws: RefreshError(address: .init(account: "target", kind: .role, name: "S3Access"), error: BackendError(.throttling, "Rate exceeded"))) {
            _ = try await Refresher(backend: probe, parallelism: 1).refresh(state)
        }
    }

    @Test func anUnsupportedReadLeavesTheResourceAsItWas() async throws {
        let (simulator, state) = try await applied()
        let probe = ProbeBackend(simulator, failing: ["GetBucketPolicy": BackendError(.unsupported, "GetBucketPolicy is not supported")])
        let result = try await Refresher(backend: probe).refresh(state)
        #expect(result.drift.isEmpty)
        #expect(result.unreadable == [UnreadableResource(
            address: Address(account: "target", kind: .bucket, name: "shared-reports", sub: "policy"), reason: "GetBucketPolicy is not supported")])
        #expect(result.state.resource("target.bucket.shared-reports.policy") == state.resource("target.bucket.shared-reports.policy"))
    }

    /// A backend without the list reads (an endpoint that only knows Get*) still refreshes
    /// relationships through the owner's Get*, whose attributes carry the same lists.
    @Test func listReadsFallBackToTheOwnersGet() async throws {
        let (simulator, state) = try await applied()
        try await simulator.run(.removeUserFromGroup(groupName: "developers", userName: "alice"))
        try await simulator.run(.detachRolePolicy(roleName: "S3Access", policyARN: "arn:aws:iam::aws:policy/AmazonS3FullAccess"))
        try await simulator.run(.deleteLoginProfile(userName: "alice"))
        try await simulator.run(.removeRoleFromInstanceProfile(profileName: "web", roleName: "S3Access"))
        let unsupported = [
            "ListGroupsForUser", "ListAttachedUserPolicies", "ListAttachedGroupPolicies", "ListAttachedRolePolicies", "ListAccessKeys",
            "GetLoginProfile", "GetInstanceProfile",
        ]
        let failing = Dictionary(uniqueKeysWithValues: unsupported.map { ($0, BackendError(.unsupported, "no \($0)")) })
        let result = try await Refresher(backend: ProbeBackend(simulator, failing: failing)).refresh(state)
        #expect(result.drift.map { "\($0.address) \($0.kind.rawValue)" } == [
            "target.instance_profile.web.role[S3Access] deleted", "target.role.S3Access.policy[AmazonS3FullAccess] deleted",
            "target.user.alice.group[developers] deleted", "target.user.alice.login_profile deleted",
        ])
        #expect(result.unreadable.map(\.address.description) == ["target.instance_profile.web"])
    }

    @Test func aSecondSimulatorOnTheSameDirectorySeesTheTampering() async throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = try makeSimulator(directory: directory)
        let state = try await RefreshFixture.apply(to: first)
        try await first.flush()
        let intruder = try makeSimulator(seed: 7, directory: directory)
        try await intruder.run(.deleteLoginProfile(userName: "alice"))
        try await intruder.flush()
        let reader = try makeSimulator(directory: directory)
        let result = try await Refresher(backend: reader).refresh(state)
        #expect(result.drift.map { "\($0.address) \($0.kind.rawValue)" } == ["target.user.alice.login_profile deleted"])
    }
}
