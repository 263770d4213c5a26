import Foundation
import IAMConfBackend
import IAMConfCore
import IAMConfEngine
import IAMConfSimulator
import IAMConfState
import Testing

/// Applying again after anything went wrong finishes the job: objects the state lost are adopted,
/// answers lost on the way are survived, and no access key or console login is left without its
/// secret (issue "apply always converges").
@Suite("Convergence")
struct ConvergenceTests {
    /// Applies `desired` over `prior` and returns the report and the resulting state.
    func apply(
        _ backend: any Backend, prior: State?, interrupted: Set<Address> = [], since: Date? = nil,
        desired: [Resource] = RefreshFixture.desired
    ) async -> (Applier.Report, State) {
        let plan = Planner().plan(desired: desired, prior: prior, backend: .simulator)
        let recorder = StateRecorder()
        if let prior { for resource in prior.resources.values { await recorder.record(.saved(resource, wasAdopted: false)) } }
        let report = await Applier(backend: backend, parallelism: 4, interrupted: interrupted, interruptedSince: since, startedAt: fixedDate)
            .apply(plan, record: { await recorder.record($0) }, knownAccessKeys: { account, user in
                await recorder.accessKeys(account, user)
            })
        return (report, State(lineage: "test", serial: 2, backend: .simulator, resources: await recorder.resources))
    }

    /// The state and the world hold the same objects and every secret is known.
    func expectConverged(_ state: State, _ simulator: IAMSimulator, sourceLocation: Testing.SourceLocation = #_sourceLocation) async throws {
        let world = await simulator.snapshot
        let alice = try #require(world.accounts[account]?.user(named: "alice"), sourceLocation: sourceLocation)
        let key = try #require(state.resource("target.user.alice.access_key[1]"), sourceLocation: sourceLocation)
        #expect(alice.accessKeys.map(\.id) == [key.outputs["access_key_id"]], "one key, the one the state knows", sourceLocation: sourceLocation)
        #expect(key.secrets["secret_access_key"]?.isEmpty == false, sourceLocation: sourceLocation)
        let login = try #require(state.resource("target.user.alice.login_profile"), sourceLocation: sourceLocation)
        #expect(login.secrets["password"]?.isEmpty == false, "the console password is known", sourceLocation: sourceLocation)
        let refreshed = try await Refresher(backend: simulator).refresh(state)
        #expect(refreshed.drift.isEmpty, "\(refreshed.drift)", sourceLocation: sourceLocation)
        #expect(Planner().plan(desired: RefreshFixture.desired, prior: refreshed.state, backend: .simulator).changes.isEmpty,
                sourceLocation: sourceLocation)
    }

    @Test("after a kill that lost the whole state, the next apply adopts every kind and repairs the secrets in one run")
    func everyKindAdopted() async throws {
        let simulator = try makeSimulator()
        let first = try await RefreshFixture.apply(to: simulator)
        // The world has everything; the state nothing; the intent names everything it was creating.
        let everything = Set(first.resources.keys)
        let (report, state) = await apply(simulator, prior: nil, interrupted: everything, since: fixedDate)
        #expect(report.failures.isEmpty, "\(report.failures)")
        // Named objects answer EntityAlreadyExists and are adopted; relationships and settings are
        // put again (IAM's calls for them are idempotent); the orphan key is replaced.
        let named = [
            "target.user.alice", "target.user.alice.login_profile", "target.group.developers", "target.role.S3Access",
            "target.policy.ReadReports", "target.instance_profile.web", "target.instance_profile.web.role[S3Access]",
            "target.identity_provider.github", "target.identity_provider.corp-sso", "target.bucket.shared-reports",
            "target.service_linked_role.autoscaling.amazonaws.com",
        ]
        #expect(Set(report.adopted.map(\.description)) == Set(named))
        try await expectConverged(state, simulator)
    }

    @Test("objects that match the configuration are adopted without an intent; a console login iamconf cannot know is refused with the import to run")
    func unclaimed() async throws {
        let simulator = try makeSimulator()
        _ = try await RefreshFixture.apply(to: simulator)
        let (report, _) = await apply(simulator, prior: nil)
        #expect(report.adopted.contains(Address(parsing: "target.role.S3Access")!))
        #expect(report.adopted.contains(Address(parsing: "target.policy.ReadReports")!))
        let refused = report.failures.map(\.address.description)
        #expect(refused == ["target.user.alice.login_profile"], "\(report.failures)")
        #expect(report.failures.first?.error.message.contains("iamconf import target.user.alice.login_profile alice") == true)
    }

    @Test("an object made by someone else that differs is not taken over")
    func foreignObject() async throws {
        let simulator = try makeSimulator()
        try await simulator.run(.createRole(
            name: "S3Access", path: "/", trustPolicy: trustEC2.replacingOccurrences(of: "ec2", with: "lambda"), description: "S3 access",
            maxSessionDuration: 3600, tags: [Tag(key: "env", value: "prod")], permissionsBoundary: nil))
        let (report, state) = await apply(simulator, prior: nil)
        let failure = try #require(report.failures.first { $0.address.description == "target.role.S3Access" })
        #expect(failure.error.code == .entityAlreadyExists)
        #expect(failure.error.message.contains("differs from the configuration (assume_role_policy)"))
        #expect(failure.error.message.contains("iamconf import target.role.S3Access S3Access"))
        // What depends on the role is skipped; everything else is made.
        #expect(report.skipped.contains { $0.address.description == "target.role.S3Access.policy[AmazonS3FullAccess]" })
        #expect(state.resource("target.user.alice") != nil && state.resource("target.group.developers") != nil)
    }

    @Test("lost answers at a fifth of the calls: the apply still finishes, once, with every secret", arguments: [1, 2, 3] as [UInt64])
    func lostAnswers(seed: UInt64) async throws {
        let simulator = try makeSimulator()
        let lossy = LossyBackend(simulator, seed: seed, rate: 0.2)
        let (report, state) = await apply(lossy, prior: nil)
        #expect(report.failures.isEmpty, "\(report.failures)")
        #expect(await lossy.dropped > 0)
        try await expectConverged(state, simulator)
    }
}

/// Performs every call, then loses the answer of a seeded share of those that change something:
/// the caller sees a broken connection although the backend acted.
actor LossyBackend: Backend {
    nonisolated let descriptor = BackendDescriptor.simulator
    let inner: any Backend
    var random: UInt64
    let rate: Double
    private(set) var dropped = 0

    init(_ inner: any Backend, seed: UInt64, rate: Double) {
        self.inner = inner
        self.random = seed &* 0x9E37_79B9_7F4A_7C15 | 1
        self.rate = rate
    }

    func perform(_ request: IAMRequest, in account: String) async throws(BackendError) -> IAMResponse {
        let response = try await inner.perform(request, in: account)
        let isRead = request.actionName.hasPrefix("Get") || request.actionName.hasPrefix("List") || request.actionName.hasPrefix("Head")
        random ^= random << 13
        random ^= random >> 7
        random ^= random << 17
        if !isRead, Double(random % 10_000) / 10_000 < rate {
            dropped += 1
            throw BackendError(.transport, "connection closed before the answer (injected)")
        }
        return response
    }
}

extension StateRecorder {
    func accessKeys(_ account: String, _ user: String) -> Set<String> {
        Set(resources.values.filter { $0.type == .accessKey && $0.accountID == account && $0.attributes["user"]?.stringValue == user }
            .compactMap { $0.outputs["access_key_id"] })
    }
}
