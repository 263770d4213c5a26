import Foundation
import IAMConfCore
import IAMConfBackend

/// An in-process model of IAM (and a little S3) that behaves like the real service: names, ids,
/// limits, conflicts and error codes as the IAM API reference documents them.
///
/// An actor because the applier performs calls concurrently. The world is kept in memory and
/// written to `simulator.json` only on `flush()`, and only when something changed, so large
/// applies stay fast.
public actor IAMSimulator: Backend {
    public nonisolated let descriptor = BackendDescriptor.simulator

    private var world: World
    private var ids: IDGenerator
    private let clock: @Sendable () -> Date
    private let awsManagedPolicy: @Sendable (String) -> AWSManagedPolicyInfo?
    private let limits: SimulatorLimits
    private let store: WorldStore?
    private var isDirty = false

    /// - Parameters:
    ///   - directory: where `simulator.json` lives (`.iamconf/` beside the configuration); nil keeps
    ///     the world in memory only. An existing file is loaded; a corrupt or newer one is refused.
    ///   - clock: the time stamped on created things; inject a fixed one for golden files.
    ///   - idGenerator: `.seeded(n)` for reproducible ids, `.random` by default.
    ///   - awsManagedPolicyARNs: the AWS managed policies that exist in every account (the catalog);
    ///     attaching any other `arn:aws:iam::aws:policy/…` is `NoSuchEntity`.
    ///   - limits: IAM's quotas; `.unboundedAccounts` lifts the per-account entity counts.
    public init(
        directory: URL? = nil,
        clock: @escaping @Sendable () -> Date = { Date() },
        idGenerator: IDGenerator = .random,
        awsManagedPolicyARNs: Set<String> = WellKnownManagedPolicies.arns,
        limits: SimulatorLimits = .aws
    ) throws(BackendError) {
        try self.init(
            directory: directory, clock: clock, idGenerator: idGenerator,
            awsManagedPolicy: { awsManagedPolicyARNs.contains($0) ? AWSManagedPolicyInfo() : nil }, limits: limits)
    }

    /// Like the other initializers, with the catalog as a predicate (e.g. `{ catalog.policy(arn: $0) != nil }`).
    public init(
        directory: URL? = nil,
        clock: @escaping @Sendable () -> Date = { Date() },
        idGenerator: IDGenerator = .random,
        isAWSManagedPolicy: @escaping @Sendable (String) -> Bool,
        limits: SimulatorLimits = .aws
    ) throws(BackendError) {
        try self.init(
            directory: directory, clock: clock, idGenerator: idGenerator,
            awsManagedPolicy: { isAWSManagedPolicy($0) ? AWSManagedPolicyInfo() : nil }, limits: limits)
    }

    /// The full form: the catalog as a lookup, so `getPolicy` on an AWS managed policy also returns
    /// its default version and document, e.g.
    /// `{ catalog.policy(arn: $0).map { AWSManagedPolicyInfo(defaultVersionID: $0.defaultVersionID, document: $0.document.compactText()) } }`.
    public init(
        directory: URL? = nil,
        clock: @escaping @Sendable () -> Date = { Date() },
        idGenerator: IDGenerator = .random,
        awsManagedPolicy: @escaping @Sendable (String) -> AWSManagedPolicyInfo?,
        limits: SimulatorLimits = .aws
    ) throws(BackendError) {
        self.store = directory.map(WorldStore.init(directory:))
        self.world = try store?.load() ?? World()
        self.ids = idGenerator
        self.clock = clock
        self.awsManagedPolicy = awsManagedPolicy
        self.limits = limits
    }

    /// Everything the simulator holds now, as a value.
    public var snapshot: World { world }

    /// Whether anything changed since the last flush.
    public var hasUnsavedChanges: Bool { isDirty }

    public func perform(_ request: IAMRequest, in accountID: String) async throws(BackendError) -> IAMResponse {
        guard AccountID.isValid(accountID) else {
            throw BackendError(.invalidInput, "\(accountID) is not a 12-digit AWS account id.", httpStatus: 400)
        }
        if let answer = try performOrganizations(request, accountID) {
            if !request.isOrganizationsRead { isDirty = true }
            return answer
        }
        var env = OperationEnvironment(now: clock(), ids: ids, awsManagedPolicy: awsManagedPolicy, limits: limits)
        defer { ids = env.ids }
        if request.isRead {
            guard let account = world.accounts[accountID] else { return try readFromEmpty(request, accountID, &env) }
            var copy = account
            return try copy.perform(request, &env)
        }
        let response: IAMResponse
        if let global = try performGlobal(request, accountID, env) {
            response = global
        } else {
            let existed = world.accounts[accountID] != nil
            var account = world.accounts.removeValue(forKey: accountID) ?? World.Account(id: accountID)
            env.otherAccounts = world.accounts
            defer { if existed || account != World.Account(id: accountID) { world.accounts[accountID] = account } }
            // Runs first: let go of the other accounts so putting this one back does not copy the table.
            defer { env.otherAccounts = [:] }
            response = try account.perform(request, &env)
        }
        isDirty = true
        return response
    }

    /// Reads in an account never written to: answer as an empty account would, without creating it.
    private func readFromEmpty(_ request: IAMRequest, _ accountID: String, _ env: inout OperationEnvironment) throws(BackendError) -> IAMResponse {
        var empty = World.Account(id: accountID)
        return try empty.perform(request, &env)
    }

    /// The organization and the id source, for `IAMSimulator+Organizations.swift`.
    var organization: StoredOrganization? {
        get { world.organization }
        set { world.organization = newValue }
    }
    func takeIDs() -> IDGenerator { ids }
    func putIDs(_ generator: IDGenerator) { ids = generator }

    /// The accounts, for the global checks in `IAMSimulator+Global.swift`.
    var snapshotAccounts: [String: World.Account] { world.accounts }

    /// Applies a change that cannot fail to one account, creating it if needed.
    func updateAccount(_ accountID: String, _ change: (inout World.Account) -> IAMResponse) -> IAMResponse {
        var account = world.accounts.removeValue(forKey: accountID) ?? World.Account(id: accountID)
        defer { world.accounts[accountID] = account }
        return change(&account)
    }

    /// The world is written by `flush`, together with the state, so nothing it holds can outlive
    /// an unsaved state (and there is nothing to journal).
    public nonisolated var keepsChangesOnlyOnFlush: Bool { true }

    /// Writes the world if anything changed since the last flush.
    public func flush() async throws(BackendError) {
        guard isDirty, let store else { return }
        try store.save(world)
        isDirty = false
    }
}
