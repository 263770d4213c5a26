import Foundation
import IAMConfBackend
import IAMConfCore
import IAMConfEngine
import IAMConfState

/// `apply` and `destroy` once the plan is approved: runs the plan against the backend under the
/// state lock, saving the state as it goes.
///
/// Cancelling the task that runs it is a graceful stop: no new operations start, those in flight
/// finish, the state is saved, and the outcome says it was interrupted.
public struct ApplyOperation: Sendable {
    public var workspace: Workspace
    public var plan: Plan
    /// The state the plan was made from when it was just computed (a `--refresh` plan's refreshed
    /// state); nil for a saved plan. Used only while it is still the state on disk.
    public var plannedState: State?
    /// How to build the backend; must describe the plan's backend.
    public var backend: BackendConnection
    /// How many independent operations run at once.
    public var parallelism: Int

    public init(workspace: Workspace, plan: Plan, plannedState: State? = nil, backend: BackendConnection, parallelism: Int = 10) {
        self.workspace = workspace
        self.plan = plan
        self.plannedState = plannedState
        self.backend = backend
        self.parallelism = parallelism
    }

    /// How the apply ended. When `saveError` is set the state on disk may lag the backend (the next
    /// apply adopts what the intent journal names), and the intent journal was left as it was.
    public struct Outcome: Sendable {
        /// The plan as applied (its `before`s given back the state's secrets).
        public var plan: Plan
        public var report: Applier.Report
        /// The state after the apply, as saved.
        public var state: State
        public var saveError: String?

        /// Whether everything planned was done.
        public var isComplete: Bool { saveError == nil && report.failures.isEmpty && !report.wasInterrupted }
    }

    public func run(observer: some OperationObserver) async throws -> Outcome {
        try await workspace.withStateLock(operation: plan.isDestroy ? "destroy" : "apply", observer: observer) { store in
            // Re-read under the lock: another process may have applied since the plan was made.
            let current = try workspace.loadState(from: store)
            try Self.checkApplicable(plan, to: current, backend: backend)
            try workspace.checkBackend(current, plan.backend)
            // A saved plan carries no secrets; the applier builds updated state from `before`.
            let plan = PlanFile.restoringSecrets(plan, from: current)
            let backend = try workspace.backendFactory.makeBackend(backend, parallelism: parallelism)
            let earlier = store.readIntent()
            let creates = plan.changes.lazy.filter { $0.action == .create || $0.action == .replace }.map(\.address)
            let started = Date()
            try Self.write(earlier.adding(creates, startedAt: started), to: store)
            // A state refreshed by `apply --refresh` (same lineage and serial) is what the plan was made from.
            let base = plannedState.flatMap { StateFingerprint($0) == StateFingerprint(current) ? $0 : nil } ?? current
            let (report, finalState, saveError) = await execute(
                plan, state: base ?? workspace.newState(plan.backend), backend: backend, sink: StoreSink(store: store),
                earlier: earlier, observer: observer)
            if let saveError { return Outcome(plan: plan, report: report, state: finalState, saveError: saveError) }
            // The run ended normally, so every outcome is in the state: only what an earlier,
            // killed run planned and nobody has recorded yet may still be adopted later, and this
            // run's creates whose answer was lost (their objects may exist, made by iamconf).
            let uncertain = report.failures.filter(\.mayHaveBeenPerformed).map(\.address)
            try Self.write(earlier.settled(by: finalState, keeping: uncertain, startedAt: started), to: store)
            return Outcome(plan: plan, report: report, state: finalState, saveError: nil)
        }
    }

    /// The one call into the engine's apply: everything the applier reports reaches the observer
    /// from here (and new report fields are adapted here only).
    private func execute(
        _ plan: Plan, state: State, backend: any Backend, sink: StoreSink, earlier: IntentJournal, observer: some OperationObserver
    ) async -> (Applier.Report, State, saveError: String?) {
        let run = ApplyRun(state: state, backend: backend, sink: sink)
        let start = ContinuousClock.now
        let (report, finalState) = await run.run(
            plan, parallelism: parallelism, interrupted: earlier.addresses, interruptedSince: earlier.startedAt,
            progress: { done, total in observer.applyProgress(done: done, total: total, elapsed: ContinuousClock.now - start) },
            observe: { event in observer.applyEvent(event) })
        return (report, finalState, await run.saveError.map { "\($0)" })
    }

    private static func write(_ journal: IntentJournal, to store: any StateStorage) throws(OperationError) {
        do {
            try store.writeIntent(journal)
        } catch {
            throw OperationError("cannot write the intent journal beside \(store.location): \(error.message)", hint: error.hint ?? "check that the state's directory is writable")
        }
    }

    /// Refuses a plan made against another state than the one on disk now, or for another backend
    /// than `backend` describes. The staleness rule is `StateFingerprint.isStale`, the only one.
    static func checkApplicable(_ plan: Plan, to current: State?, backend: BackendConnection) throws(OperationError) {
        let now = StateFingerprint(current)
        if plan.prior.isStale(against: now) {
            throw OperationError(
                "the state changed since this plan was made (plan: \(plan.prior), state now: \(now))",
                hint: "run `iamconf plan` again and apply the new plan")
        }
        guard backend.descriptor == plan.backend else {
            throw OperationError(
                "the plan was made for backend \(plan.backend), but the backend connection names \(backend.descriptor)",
                hint: "run `iamconf plan` again and apply the new plan")
        }
    }
}
