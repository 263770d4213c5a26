import Foundation
import IAMConfBackend
import IAMConfCore
import IAMConfEngine
import IAMConfSimulator
import IAMConfState
import Testing

/// Renames applied to the simulator: the user keeps its unique id, access key (and secret) and
/// console password; the group keeps its members; nothing is deleted or created.
@Suite struct RenameApplyTests {
    /// Every action a backend was asked to perform, in order.
    actor ActionLog: Backend {
        nonisolated let descriptor = BackendDescriptor.simulator
        let inner: any Backend
        private(set) var actions: [String] = []

        init(_ inner: any Backend) { self.inner = inner }

        func perform(_ request: IAMRequest, in account: String) async throws(BackendError) -> IAMResponse {
            actions.append(request.actionName)
            return try await inner.perform(request, in: account)
        }
    }

    static func configuration(user: String, userFrom: String? = nil, group: String, groupFrom: String? = nil) -> Configuration {
        var target = Account(name: "target", id: account)
        var devs = Group(name: group)
        devs.renamedFrom = groupFrom.map { FormerName(name: $0) }
        devs.inlinePolicies = [InlinePolicy(name: "GroupRead", document: RefreshFixture.document(allowRead))]
        target.groups = [devs]
        var bob = User(name: user)
        bob.renamedFrom = userFrom.map { FormerName(name: $0) }
        bob.path = "/eng/"
        bob.groups = [group]
        bob.inlinePolicies = [InlinePolicy(name: "Read", document: RefreshFixture.document(allowRead))]
        bob.loginProfile = LoginProfile(passwordResetRequired: true)
        bob.accessKeys = 1
        var carol = User(name: "carol")
        carol.groups = [group]
        target.users = [bob, carol]
        return Configuration(accounts: [target])
    }

    /// Plans `configuration` against `prior` and applies it, as `iamconf apply` does.
    static func apply(_ configuration: Configuration, prior: State?, to backend: any Backend) async throws -> (Plan, State) {
        let plan = Planner().plan(desired: DesiredResources.from(configuration), prior: prior, backend: .simulator)
        let recorder = StateRecorder()
        await recorder.start(from: prior?.resources ?? [:])
        let report = await Applier(backend: backend).apply(plan) { outcome in await recorder.record(outcome) }
        if let failure = report.failures.first { throw failure.error }
        return (plan, State(lineage: "test", serial: 1, backend: .simulator, resources: await recorder.resources))
    }

    @Test func aRenamedUserKeepsItsIdKeysAndPassword() async throws {
        let simulator = try makeSimulator()
        let (_, first) = try await Self.apply(Self.configuration(user: "bob", group: "devs"), prior: nil, to: simulator)
        let bob = try #require(first.resource("target.user.bob"))
        let key = try #require(first.resource("target.user.bob.access_key[1]"))
        let login = try #require(first.resource("target.user.bob.login_profile"))

        let log = ActionLog(simulator)
        let (plan, second) = try await Self.apply(Self.configuration(user: "alice", userFrom: "bob", group: "devs"), prior: first, to: log)
        #expect(plan.summary == (0, 1, 0))
        #expect(await log.actions == ["UpdateUser"])

        let alice = try #require(second.resource("target.user.alice"))
        #expect(alice.outputs["unique_id"] == bob.outputs["unique_id"])
        #expect(alice.outputs["arn"] == "arn:aws:iam::\(account):user/eng/alice")
        let movedKey = try #require(second.resource("target.user.alice.access_key[1]"))
        #expect(movedKey.outputs["access_key_id"] == key.outputs["access_key_id"])
        #expect(movedKey.secrets["secret_access_key"] == key.secrets["secret_access_key"])
        #expect(movedKey.secrets["secret_access_key"] != nil)
        #expect(second.resource("target.user.alice.login_profile")?.secrets["password"] == login.secrets["password"])
        #expect(!second.resources.keys.contains { $0.name == "bob" })

        // The simulator agrees: same id, key and console login under the new name, none under the old.
        let live = try await simulator.perform(.getUser(name: "alice"), in: account)
        #expect(live.uniqueID == bob.outputs["unique_id"])
        #expect(live.attributes?["access_keys"] == .array([.string(key.outputs["access_key_id"] ?? "")]))
        #expect(live.attributes?["login_profile"] == .bool(true))
        #expect(live.attributes?["groups"] == .array([.string("devs")]))
        #expect(await simulator.error(.getUser(name: "bob"))?.code == .noSuchEntity)

        // And the configuration now matches.
        let again = Planner().plan(desired: DesiredResources.from(Self.configuration(user: "alice", userFrom: "bob", group: "devs")), prior: second, backend: .simulator)
        #expect(!again.hasChanges, "\(again.changes.map(\.address))")
    }

    @Test func aRenamedGroupKeepsItsMembers() async throws {
        let simulator = try makeSimulator()
        let (_, first) = try await Self.apply(Self.configuration(user: "bob", group: "devs"), prior: nil, to: simulator)
        let devs = try #require(first.resource("target.group.devs"))

        let log = ActionLog(simulator)
        let (plan, second) = try await Self.apply(
            Self.configuration(user: "bob", group: "developers", groupFrom: "devs"), prior: first, to: log)
        #expect(plan.summary == (0, 1, 0))
        #expect(await log.actions == ["UpdateGroup"])
        #expect(second.resource("target.group.developers")?.outputs["unique_id"] == devs.outputs["unique_id"])
        #expect(second.resource("target.user.carol.group[developers]")?.attributes["group"] == .string("developers"))
        #expect(second.resource("target.group.developers.inline[GroupRead]")?.attributes["entity"] == .string("developers"))
        let live = try await simulator.perform(.getGroup(name: "developers"), in: account)
        #expect(live.uniqueID == devs.outputs["unique_id"])
        #expect(live.attributes?["members"] == .array([.string("bob"), .string("carol")]))
        let again = Planner().plan(
            desired: DesiredResources.from(Self.configuration(user: "bob", group: "developers", groupFrom: "devs")), prior: second,
            backend: .simulator)
        #expect(!again.hasChanges, "\(again.changes.map(\.address))")
    }

    /// The apply renamed the user in IAM and was killed before it saved the state: the next apply
    /// plans the same rename, finds the old name gone and the new one with the recorded unique id,
    /// and takes the rename as done.
    @Test func aRenameLostBeforeTheSaveConvergesOnTheNextApply() async throws {
        let simulator = try makeSimulator()
        let (_, first) = try await Self.apply(Self.configuration(user: "bob", group: "devs"), prior: nil, to: simulator)
        _ = try await simulator.perform(.updateUser(name: "bob", newPath: nil, newName: "alice"), in: account)
        let (_, second) = try await Self.apply(Self.configuration(user: "alice", userFrom: "bob", group: "devs"), prior: first, to: simulator)
        #expect(second.resource("target.user.alice")?.outputs["unique_id"] == first.resource("target.user.bob")?.outputs["unique_id"])
        #expect(second.resource("target.user.alice.access_key[1]")?.secrets["secret_access_key"] != nil)
    }

    /// Another user took the old name meanwhile: not our object, so the rename fails rather than
    /// adopting it.
    @Test func aRenameDoesNotAdoptAStranger() async throws {
        let simulator = try makeSimulator()
        let (_, first) = try await Self.apply(Self.configuration(user: "bob", group: "devs"), prior: nil, to: simulator)
        _ = try await simulator.perform(.updateUser(name: "bob", newPath: nil, newName: "robert"), in: account)
        _ = try await simulator.perform(.createUser(name: "alice", path: "/", tags: [], permissionsBoundary: nil), in: account)
        await #expect(throws: BackendError.self) {
            _ = try await Self.apply(Self.configuration(user: "alice", userFrom: "bob", group: "devs"), prior: first, to: simulator)
        }
    }

    @Test func theSimulatorRefusesATakenNameInAnyCase() async throws {
        let simulator = try makeSimulator()
        _ = try await simulator.perform(.createUser(name: "bob", path: "/", tags: [], permissionsBoundary: nil), in: account)
        _ = try await simulator.perform(.createUser(name: "alice", path: "/", tags: [], permissionsBoundary: nil), in: account)
        #expect(await simulator.error(.updateUser(name: "bob", newPath: nil, newName: "ALICE"))?.code == .entityAlreadyExists)
        // A change of case only renames the same user.
        #expect(await simulator.error(.updateUser(name: "bob", newPath: nil, newName: "Bob")) == nil)
        #expect(try await simulator.perform(.getUser(name: "bob"), in: account).attributes?["name"] == .string("Bob"))
    }
}

extension StateRecorder {
    func start(from resources: [Address: ResourceState]) { self.resources = resources }
}
