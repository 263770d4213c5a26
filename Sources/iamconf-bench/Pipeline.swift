import Foundation
import IAMConfConfig
import IAMConfCore
import IAMConfEngine
import IAMConfPolicy
import IAMConfSimulator
import IAMConfState

/// The CLI's plan/apply path run in-process, each phase timed on its own.
///
/// Why: `iamconf` links swift-crypto, whose start-up code valgrind 3.19 cannot run, so this is the
/// callgrind target for plan and apply; and the per-phase split shows where a slow command spends.
/// It calls the same library entry points the CLI's Workspace does, in the same order.
struct Pipeline {
    var configurationPath: String
    var statePath: String
    var mode: Mode
    /// ApplyRun's minimum interval between durable saves (the CLI uses the default, 50 ms).
    var saveInterval: Duration = .milliseconds(50)

    enum Mode: String { case plan, apply, destroy }

    init(arguments: [String]) throws(WorkloadError) {
        guard let path = arguments.first(where: { !$0.hasPrefix("--") && Mode(rawValue: $0) == nil }) else {
            throw WorkloadError("usage: iamconf-bench pipeline [plan|apply|destroy] CONFIG --state FILE [--save-interval-ms N]")
        }
        configurationPath = path
        guard let index = arguments.firstIndex(of: "--state"), index + 1 < arguments.count else {
            throw WorkloadError("pipeline needs --state FILE")
        }
        statePath = arguments[index + 1]
        mode = arguments.compactMap(Mode.init(rawValue:)).first ?? .plan
        if let index = arguments.firstIndex(of: "--save-interval-ms"), index + 1 < arguments.count, let ms = Int(arguments[index + 1]) {
            saveInterval = .milliseconds(ms)
        }
    }

    /// Runs the phases from synchronous code: plan mode never enters the concurrency runtime.
    func runBlocking() throws -> [String] {
        let prepared = try prepare()
        guard mode != .plan, prepared.plan.hasChanges else { return lines(prepared) }
        let box = ResultBox()
        let semaphore = DispatchSemaphore(value: 0)
        Task {
            do {
                box.set(.success(try await apply(prepared)))
            } catch {
                box.set(.failure(error))
            }
            semaphore.signal()
        }
        semaphore.wait()
        return try box.get().get()
    }

    /// What the plan phases produced, handed to apply.
    struct Prepared: @unchecked Sendable {
        var timer: PhaseTimer
        var state: State?
        var store: StateStore
        var plan: Plan
        var textBytes: Int
    }

    /// Load, plan and render, timed phase by phase.
    func prepare() throws -> Prepared {
        var timer = PhaseTimer()
        let (configurationPath, mode) = (self.configurationPath, self.mode)
        let configuration = try timer.time("load configuration") { () throws -> Configuration in
            let (configuration, diagnostics) = ConfigurationLoader.load(path: configurationPath)
            guard let configuration, !diagnostics.hasErrors else { throw WorkloadError("the configuration has errors") }
            return configuration
        }
        let store = StateStore(path: statePath)
        let state = try timer.time("load state") { try store.load() }
        let desired = timer.time("desired resources") { DesiredResources.from(configuration) }
        var plan = timer.time("plan") {
            Planner().plan(desired: desired, prior: state, backend: .simulator, mode: mode == .destroy ? .destroy : .normal)
        }
        plan.accessChanges = timer.time("access delta") { PlanAccess.changes(of: plan, prior: state) }
        let text = timer.time("render plan text") { PlanRenderer.text(plan, color: false) }
        return Prepared(timer: timer, state: state, store: store, plan: plan, textBytes: text.utf8.count)
    }

    /// Applies the plan to the simulator beside the state file, saving state as the CLI does.
    func apply(_ prepared: Prepared) async throws -> [String] {
        var prepared = prepared
        let directory = URL(fileURLWithPath: (statePath as NSString).deletingLastPathComponent).appendingPathComponent(".iamconf")
        let catalog = ManagedPolicyCatalog.shared
        let backend = try prepared.timer.time("open simulator") {
            try IAMSimulator(directory: directory, isAWSManagedPolicy: { catalog.contains(arn: $0) })
        }
        let run = ApplyRun(
            state: prepared.state ?? State(lineage: UUID().uuidString.lowercased(), backend: .simulator), backend: backend,
            sink: BenchSink(store: prepared.store), saveInterval: saveInterval)
        let start = ContinuousClock.now
        let (report, _) = await run.run(prepared.plan, parallelism: 10, interrupted: [])
        prepared.timer.phases.append(("apply (operations + saves)", ContinuousClock.now - start))
        guard report.failures.isEmpty else { throw WorkloadError("\(report.failures.count) operations failed") }
        return lines(prepared)
    }

    func lines(_ prepared: Prepared) -> [String] {
        let summary = prepared.plan.summary
        return prepared.timer.phases.map { name, duration in
            "  \(name.padding(toLength: 28, withPad: " ", startingAt: 0)) \(PhaseTimer.milliseconds(duration)) ms"
        } + ["  plan: \(summary.add) to add, \(summary.change) to change, \(summary.destroy) to destroy (\(prepared.textBytes) bytes of text)"]
    }
}

/// Carries the apply task's result back to the thread waiting on the semaphore.
final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var result: Result<[String], any Error> = .success([])
    func set(_ value: Result<[String], any Error>) { lock.withLock { result = value } }
    func get() -> Result<[String], any Error> { lock.withLock { result } }
}

/// Wall time per named phase, in the order the phases ran.
struct PhaseTimer {
    var phases: [(String, Duration)] = []

    mutating func time<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
        let start = ContinuousClock.now
        let value = try body()
        phases.append((name, ContinuousClock.now - start))
        return value
    }

    static func milliseconds(_ duration: Duration) -> String {
        let ms = Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
        return String(format: "%9.1f", ms)
    }
}

/// Saves through the state store, as the CLI's apply does (atomic write, backup, serial).
struct BenchSink: StateSink {
    let store: StateStore
    func save(_ state: State) async throws -> State { try store.write(state) }
}
