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

    enum Mode: String { case plan, apply, destroy }

    init(arguments: [String]) throws(WorkloadError) {
        guard let path = arguments.first(where: { !$0.hasPrefix("--") && Mode(rawValue: $0) == nil }) else {
            throw WorkloadError("usage: iamconf-bench pipeline [plan|apply|destroy] CONFIG --state FILE")
        }
        configurationPath = path
        guard let index = arguments.firstIndex(of: "--state"), index + 1 < arguments.count else {
            throw WorkloadError("pipeline needs --state FILE")
        }
        statePath = arguments[index + 1]
        mode = arguments.compactMap(Mode.init(rawValue:)).first ?? .plan
    }

    /// Runs the phases and returns one line per phase plus the plan's summary.
    func run() async throws -> [String] {
        var timer = PhaseTimer()
        let (configurationPath, statePath, mode) = (self.configurationPath, self.statePath, self.mode)
        let configuration = try timer.time("load configuration") { () throws -> Configuration in
            let (configuration, diagnostics) = ConfigurationLoader.load(path: configurationPath)
            guard let configuration, !diagnostics.hasErrors else { throw WorkloadError("the configuration has errors") }
            return configuration
        }
        let store = StateStore(path: statePath)
        let state = try timer.time("load state") { try store.load() }
        let desired = timer.time("desired resources") { DesiredResources.from(configuration) }
        let plan = timer.time("plan") {
            Planner().plan(desired: desired, prior: state, backend: .simulator, mode: mode == .destroy ? .destroy : .normal)
        }
        let text = timer.time("render plan text") { PlanRenderer.text(plan, color: false) }
        if mode != .plan, plan.hasChanges {
            let directory = URL(fileURLWithPath: (statePath as NSString).deletingLastPathComponent).appendingPathComponent(".iamconf")
            let catalog = ManagedPolicyCatalog.shared
            let backend = try timer.time("open simulator") {
                try IAMSimulator(directory: directory, isAWSManagedPolicy: { catalog.policy(arn: $0) != nil })
            }
            let run = ApplyRun(
                state: state ?? State(lineage: UUID().uuidString.lowercased(), backend: .simulator), backend: backend,
                sink: BenchSink(store: store))
            let start = ContinuousClock.now
            let (report, _) = await run.run(plan, parallelism: 10, interrupted: [])
            timer.phases.append(("apply (operations + saves)", ContinuousClock.now - start))
            guard report.failures.isEmpty else { throw WorkloadError("\(report.failures.count) operations failed") }
        }
        let summary = plan.summary
        return timer.phases.map { name, duration in "  \(name.padding(toLength: 28, withPad: " ", startingAt: 0)) \(PhaseTimer.milliseconds(duration)) ms" }
            + ["  plan: \(summary.add) to add, \(summary.change) to change, \(summary.destroy) to destroy (\(text.utf8.count) bytes of text)"]
    }

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
