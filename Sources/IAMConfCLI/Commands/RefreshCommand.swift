import ArgumentParser
import Foundation
import IAMConfEngine
import IAMConfOperations

/// `iamconf refresh`: reads every resource in the state back from the backend, prints what changed
/// outside iamconf, and saves the state so it records the backend as it is.
struct RefreshCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "refresh",
        abstract: "Update the state to match what the backend has, and show what changed outside iamconf.",
        discussion: """
            Reads every resource in the state from the backend. Objects deleted outside iamconf leave the \
            state (a plan then creates them again); attributes changed outside iamconf are recorded (a plan \
            then changes them back). Nothing in the backend is changed. The state is saved under the state \
            lock, and only when something differs. `iamconf plan --refresh` shows the same without saving.
            """)

    @Argument(help: "The configuration: a directory of *.yaml files or one file (default: the current directory).")
    var path: String?

    @Flag(name: .long, help: "Print the drift as JSON.")
    var json = false

    @OptionGroup var concurrency: ParallelismOption

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let terminal = Terminal(noColorFlag: global.noColor || json)
        try await runReportingErrors(terminal) {
            let workspace = global.workspace(path)
            let outcome = try await RefreshOperation(workspace: workspace, parallelism: concurrency.parallelism).run(observer: TerminalObserver(terminal: terminal))
            guard let result = outcome.result else {
                terminal.warn("Warning: there is no state at \(workspace.statePath), so there is nothing to refresh.")
                if json { terminal.print(DriftRenderer.json(RefreshResult(state: workspace.newState(.simulator), drift: []))) }
                return 0
            }
            if json {
                terminal.print(UnmanagedRenderer.adding(outcome.unmanaged, to: DriftRenderer.json(result)))
            } else {
                terminal.print(DriftRenderer.text(result.drift, followedByPlan: false, color: terminal.useColor))
                if let unmanaged = outcome.unmanaged, !unmanaged.isEmpty { terminal.print(UnmanagedRenderer.text(unmanaged, color: terminal.useColor)) }
                if outcome.isSaved { terminal.print("Saved the refreshed state to \(workspace.statePath) (serial \(result.state.serial)).") }
            }
            return 0
        }
    }
}
