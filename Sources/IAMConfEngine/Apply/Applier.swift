import IAMConfBackend
import IAMConfCore
import IAMConfState

/// Executes a plan through a backend in dependency order, independent changes concurrently.
///
/// Creates wait for what they depend on; deletes wait for everything that depended on them;
/// a replacement is a delete followed by a create (IAM names are unique, so the old object must
/// go first). After each completed operation the `record` callback receives the result, so the
/// caller can save state; on the first failure no new work starts and running work finishes.
public struct Applier: Sendable {
    public var backend: any Backend
    public var parallelism: Int
    /// Addresses an earlier, interrupted apply had started creating; an `EntityAlreadyExists` for
    /// one of these is adopted instead of failing.
    public var interrupted: Set<Address>

    public init(backend: any Backend, parallelism: Int = 10, interrupted: Set<Address> = []) {
        self.backend = backend
        self.parallelism = max(1, parallelism)
        self.interrupted = interrupted
    }

    /// What one completed operation did to the state.
    public enum Outcome: Sendable {
        case saved(ResourceState)
        case removed(Address)
    }

    public struct Failure: Error, Sendable {
        public var address: Address
        public var action: ChangeAction
        public var error: BackendError
    }

    public struct Report: Sendable {
        public var added = 0
        public var changed = 0
        public var destroyed = 0
        public var failures: [Failure] = []
        public var operations = 0
        /// The apply's task was cancelled (Ctrl-C): no new work started after that.
        public var wasInterrupted = false
    }

    /// Runs the plan. `record` is called serially, once per completed operation, in completion order.
    public func apply(
        _ plan: Plan,
        record: @Sendable (Outcome) async -> Void,
        progress: @Sendable (_ done: Int, _ total: Int) async -> Void = { _, _ in }
    ) async -> Report {
        var graph = OperationGraph(plan: plan)
        let executor = ChangeExecutor(backend: backend)
        var report = Report()
        let total = graph.operations.count
        var done = 0
        var ready = graph.initiallyReady()

        await withTaskGroup(of: (Int, Result<Outcome, Failure>).self) { group in
            var running = 0
            func launch() {
                while running < parallelism, report.failures.isEmpty, !Task.isCancelled, let index = ready.popLast() {
                    let operation = graph.operations[index]
                    let adopt = interrupted.contains(operation.address)
                    running += 1
                    group.addTask { (index, await operation.run(executor, adopting: adopt)) }
                }
            }
            launch()
            while let (index, result) = await group.next() {
                running -= 1
                done += 1
                switch result {
                case let .success(outcome):
                    await record(outcome)
                    report.count(graph.operations[index])
                    ready.append(contentsOf: graph.complete(index))
                case let .failure(failure):
                    report.failures.append(failure)
                }
                await progress(done, total)
                launch()
            }
        }
        report.operations = done
        report.wasInterrupted = Task.isCancelled && done < total
        return report
    }
}

extension Applier.Report {
    mutating func count(_ operation: Operation) {
        switch (operation.change.action, operation.step) {
        case (.create, _), (.replace, .create): added += 1
        case (.update, _): changed += 1
        case (.delete, _), (.replace, .delete): destroyed += 1
        case (.replace, .update): changed += 1
        }
    }
}
