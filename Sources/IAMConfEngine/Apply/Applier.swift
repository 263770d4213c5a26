import Foundation
import IAMConfBackend
import IAMConfCore
import IAMConfState

/// Executes a plan through a backend in dependency order, independent changes concurrently.
///
/// Creates wait for what they depend on; deletes wait for everything that depended on them;
/// a replacement is a delete followed by a create (IAM names are unique, so the old object must
/// go first). After each completed operation the `record` callback receives the result, so the
/// caller can save state. A failed operation skips only what depends on it, as Terraform does:
/// everything independent still runs, and every failure is reported at the end.
public struct Applier: Sendable {
    public var backend: any Backend
    public var parallelism: Int
    /// Addresses an earlier, interrupted apply had started creating: an object found there may be
    /// iamconf's own, so it is adopted (and repaired) even where it differs.
    public var interrupted: Set<Address>
    /// When that interrupted apply started (nil: not known, and any unknown key of a user it was
    /// giving a key is taken for its orphan).
    public var interruptedSince: Date?
    public var documentsEqual: @Sendable (JSONValue, JSONValue) -> Bool
    /// When this apply started, by the backend's clock as far as it can be known: a key made since,
    /// by a create of this apply whose answer was lost, is this apply's orphan.
    public var startedAt: Date

    public init(
        backend: any Backend, parallelism: Int = 10, interrupted: Set<Address> = [], interruptedSince: Date? = nil,
        startedAt: Date = Date(),
        documentsEqual: @escaping @Sendable (JSONValue, JSONValue) -> Bool = PolicyComparison.semanticallyEqual
    ) {
        self.startedAt = startedAt
        self.backend = backend
        self.parallelism = max(1, parallelism)
        self.interrupted = interrupted
        self.interruptedSince = interruptedSince
        self.documentsEqual = documentsEqual
    }

    /// What one completed operation did to the state.
    public enum Outcome: Sendable {
        /// Created, updated or adopted (found already there and taken over).
        case saved(ResourceState, wasAdopted: Bool)
        case removed(Address)
        /// Attributes of a resource recorded earlier in this apply that now hold new values (a
        /// role's own trust policy after its placeholder).
        case patched(Address, [String: JSONValue])
        /// A declared rename done in place: the object is now at its new address, and the
        /// resources at `movedAlong` (old addresses) move with it in the same step, so the state
        /// never holds the object under one name and its keys under the other.
        case renamed(ResourceState, from: Address, movedAlong: [Address])
    }

    public struct Failure: Error, Sendable {
        public var address: Address
        public var action: ChangeAction
        public var error: BackendError

        /// The answer never came: the call may have been performed. A create that failed so may
        /// have made its object, so the next apply must treat that object as iamconf's own (the
        /// intent journal keeps its address).
        public var mayHaveBeenPerformed: Bool { error.code == .transport }
    }

    /// What happened to one resource, in order, for progress lines like Terraform's.
    public enum Event: Sendable {
        case started(Address, ChangeAction, step: OperationStep)
        case finished(Address, ChangeAction, step: OperationStep, seconds: Double, id: String?, wasAdopted: Bool)
        case failed(Failure)
        /// Not run because something it depends on failed.
        case skipped(Address, ChangeAction, because: Address)
    }

    /// A replacement is two operations; the others are one.
    public enum OperationStep: String, Sendable {
        case create, update, delete
        /// A role created with a placeholder trust gets its own (see `Resource.deferredDependencies`).
        case completeTrust = "complete trust"
    }

    public struct Report: Sendable {
        public var added = 0
        public var changed = 0
        public var destroyed = 0
        public var failures: [Failure] = []
        /// Operations not run because something they depend on failed, with that failure's address.
        public var skipped: [(address: Address, because: Address)] = []
        /// Objects a create found already there and took over, in completion order.
        public var adopted: [Address] = []
        public var operations = 0
        /// The apply's task was cancelled (Ctrl-C): no new work started after that.
        public var wasInterrupted = false
    }

    /// Runs the plan. `record` is called serially, once per completed operation, in completion order.
    public func apply(
        _ plan: Plan,
        record: @Sendable (Outcome) async -> Void,
        knownAccessKeys: @escaping @Sendable (_ accountID: String, _ user: String) async -> Set<String> = { _, _ in [] },
        progress: @Sendable (_ done: Int, _ total: Int) async -> Void = { _, _ in },
        observe: @Sendable (Event) async -> Void = { _ in }
    ) async -> Report {
        var graph = OperationGraph(plan: plan)
        let executor = ChangeExecutor(
            backend: backend, claimed: interrupted,
            // Orphans are what the interrupted apply made (since it started; any time when its start
            // is unknown), or what this run made, for a create whose answer was lost.
            claim: BackendCalls.Claim(knownAccessKeys: knownAccessKeys, since: interrupted.isEmpty ? startedAt : interruptedSince),
            documentsEqual: documentsEqual)
        var report = Report()
        let total = graph.operations.count
        var done = 0
        var ready = graph.initiallyReady()

        await withTaskGroup(of: (Int, Result<Outcome, Failure>, Double).self) { group in
            var running = 0
            func launch() async {
                while running < parallelism, !Task.isCancelled, let index = ready.popLast() {
                    let operation = graph.operations[index]
                    running += 1
                    await observe(.started(operation.address, operation.change.action, step: operation.step))
                    group.addTask {
                        let start = ContinuousClock.now
                        let result = await operation.run(executor)
                        return (index, result, (ContinuousClock.now - start) / .seconds(1))
                    }
                }
            }
            await launch()
            while let (index, result, seconds) = await group.next() {
                running -= 1
                done += 1
                let operation = graph.operations[index]
                switch result {
                case let .success(outcome):
                    await record(outcome)
                    report.count(operation)
                    var id: String?
                    var wasAdopted = false
                    if case let .saved(state, adopted) = outcome {
                        id = state.outputs["arn"] ?? state.outputs["access_key_id"]
                        wasAdopted = adopted
                        if adopted { report.adopted.append(operation.address) }
                    } else if case let .renamed(state, _, _) = outcome {
                        id = state.outputs["arn"]
                    }
                    await observe(.finished(
                        operation.address, operation.change.action, step: operation.step, seconds: seconds, id: id, wasAdopted: wasAdopted))
                    ready.append(contentsOf: graph.complete(index))
                case let .failure(failure):
                    report.failures.append(failure)
                    await observe(.failed(failure))
                    for skipped in graph.fail(index) {
                        let blocked = graph.operations[skipped]
                        report.skipped.append((blocked.address, failure.address))
                        await observe(.skipped(blocked.address, blocked.change.action, because: failure.address))
                    }
                }
                await progress(done, total)
                await launch()
            }
        }
        report.operations = done
        report.wasInterrupted = Task.isCancelled && done + report.skipped.count < total
        if !report.wasInterrupted, done + report.skipped.count < total {
            // Operations that never became ready wait on each other: a dependency cycle the
            // configuration could not break. Say so rather than end quietly with work undone.
            for operation in graph.unfinished() {
                report.failures.append(Failure(
                    address: operation.address, action: operation.change.action,
                    error: BackendError(.other, "never started: it waits on a cycle of dependencies (run `iamconf graph` to see it)")))
            }
        }
        return report
    }
}

extension Applier.Outcome {
    /// Folds this outcome into a state's resources: how the state (and any recorder of an apply)
    /// takes it in.
    public func apply(to resources: inout [Address: ResourceState]) {
        switch self {
        case let .saved(resource, _): resources[resource.address] = resource
        case let .removed(address): resources[address] = nil
        case let .patched(address, attributes): resources[address]?.attributes.merge(attributes) { _, new in new }
        case let .renamed(resource, from, movedAlong):
            // One step: the object and everything hanging off it change address together, so a
            // save can never record the rename without its keys and memberships (or the reverse).
            let rename = Rename(from: from, to: resource.address)
            resources[from] = nil
            for old in movedAlong {
                guard let moving = resources.removeValue(forKey: old) else { continue }
                let moved = rename.moved(moving)
                resources[moved.address] = moved
            }
            resources[resource.address] = resource
        }
    }
}

extension Applier.Report {
    mutating func count(_ operation: Operation) {
        switch (operation.change.action, operation.step) {
        case (.create, _), (.replace, .create): added += 1
        case (.update, _): changed += 1
        case (.delete, _), (.replace, .delete): destroyed += 1
        case (.replace, .update): changed += 1
        case (_, .completeTrust): break
        }
    }
}
