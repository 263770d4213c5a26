import Foundation
import IAMConfBackend
import IAMConfCore
import IAMConfState

/// Somewhere the state can be saved durably; the CLI adapts the state store to it.
public protocol StateSink: Sendable {
    /// Saves the state and returns it as written (the store assigns the next serial).
    func save(_ state: State) async throws -> State

    /// Keeps a resource carrying a secret durably until the next `save` (the state's secret journal):
    /// IAM shows a secret only in the answer that created it.
    func keepSecret(_ resource: ResourceState, of state: State) async throws
}

extension StateSink {
    public func keepSecret(_ resource: ResourceState, of state: State) async throws {}
}

/// One apply from start to finish: runs the plan, folds each completed operation into the state,
/// and saves it so that a process killed at any moment loses nothing.
///
/// Saving order matters: the backend is flushed first, then the state. If the process dies in
/// between, the backend holds objects the state does not; the next apply adopts those (the
/// `interrupted` set) rather than failing with EntityAlreadyExists. The reverse order could leave
/// the state claiming objects the backend never kept.
public actor ApplyRun {
    private var state: State
    private let backend: any Backend
    private let sink: any StateSink
    private var lastSave: ContinuousClock.Instant
    private var unsaved = 0
    private let minimumSaveInterval: Duration
    /// Grows with the cost of a save (three times its last duration), so a large state spends at
    /// most about a quarter of the apply saving (a third made a 100k apply grow faster than its
    /// work), while a small one is saved every 50 ms. A kill loses no more than this interval of
    /// bookkeeping: objects made in it are adopted by the next apply, secrets are journaled.
    private var saveInterval: Duration
    public private(set) var saveError: (any Error)?
    /// `account/user` -> the access key ids the state records; built on first use.
    private var keyIndex: [String: Set<String>]?

    public init(state: State, backend: any Backend, sink: any StateSink, saveInterval: Duration = .milliseconds(50)) {
        self.state = state
        self.backend = backend
        self.sink = sink
        self.minimumSaveInterval = saveInterval
        self.saveInterval = saveInterval
        self.lastSave = .now
    }

    public var currentState: State { state }

    /// Applies `plan`; returns the applier's report and the final state (already saved).
    /// `interrupted` and `interruptedSince` come from the intent journal of an apply that did not
    /// finish: what it was creating, and when it started.
    public func run(
        _ plan: Plan, parallelism: Int, interrupted: Set<Address>, interruptedSince: Date? = nil,
        progress: @escaping @Sendable (_ done: Int, _ total: Int) async -> Void = { _, _ in },
        observe: @escaping @Sendable (Applier.Event) async -> Void = { _ in }
    ) async -> (Applier.Report, State) {
        // The state grows by every create; sizing its table once avoids rehashing it as it doubles.
        state.resources.reserveCapacity(state.resources.count + plan.changes.count)
        let applier = Applier(backend: backend, parallelism: parallelism, interrupted: interrupted, interruptedSince: interruptedSince)
        let report = await applier.apply(
            plan, record: { outcome in await self.record(outcome) },
            knownAccessKeys: { account, user in await self.knownAccessKeys(account, user) }, progress: progress, observe: observe)
        await saveNow()
        return (report, state)
    }

    /// The access key ids the state records for a user: the keys whose secrets iamconf holds.
    /// Indexed on first use (only an apply that recovers keys asks), then kept up to date.
    func knownAccessKeys(_ account: String, _ user: String) -> Set<String> {
        if keyIndex == nil {
            var index: [String: Set<String>] = [:]
            for resource in state.resources.values where resource.type == .accessKey {
                index.add(resource)
            }
            keyIndex = index
        }
        return keyIndex?[account + "/" + user] ?? []
    }

    private func record(_ outcome: Applier.Outcome) async {
        outcome.apply(to: &state.resources)
        switch outcome {
        case let .saved(resource, _):
            if keyIndex != nil, resource.type == .accessKey { keyIndex?.add(resource) }
        case .renamed:
            // Access keys may now belong to a new user name: rebuild the index when next asked.
            keyIndex = nil
        case .removed, .patched: break
        }
        unsaved += 1
        // Secrets wait for the next batch like everything else (saving the whole state for each one
        // made applies with many access keys quadratic), but where the backend keeps the object at
        // once they are journaled first, so a kill inside the batch window cannot lose one. Should
        // the journal fail, the state is saved at once instead.
        if case let .saved(resource, _) = outcome, !resource.secrets.isEmpty, !backend.keepsChangesOnlyOnFlush {
            do {
                try await sink.keepSecret(resource, of: state)
            } catch {
                await saveNow()
                return
            }
        }
        if ContinuousClock.now - lastSave >= saveInterval { await saveNow() }
    }

    /// Flushes the backend, then writes the state.
    public func saveNow() async {
        guard unsaved > 0 || saveError != nil else { return }
        let started = ContinuousClock.now
        defer { saveInterval = max(minimumSaveInterval, (ContinuousClock.now - started) * 3) }
        do {
            try await backend.flush()
            state.serial = try await sink.save(state).serial
            unsaved = 0
            saveError = nil
        } catch {
            saveError = error
        }
        lastSave = .now
    }
}

extension [String: Set<String>] {
    fileprivate mutating func add(_ key: ResourceState) {
        guard let id = key.outputs["access_key_id"], let user = key.attributes["user"]?.stringValue else { return }
        self[key.accountID + "/" + user, default: []].insert(id)
    }
}
