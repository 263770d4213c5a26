import ArgumentParser
import Foundation
import IAMConfEngine
import IAMConfOperations

struct ApplyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Make the backend match the configuration, or apply a saved plan.",
        discussion: "Exit codes: 0 success, 1 error, 4 (only with --deny-new-access) the plan grants new access and nothing was applied.")

    @Argument(help: "A configuration directory or file (default: the current directory), or a plan file saved by `plan --out`.")
    var path: String?

    @Flag(name: .long, help: "Skip the interactive approval.")
    var autoApprove = false

    @OptionGroup var concurrency: ParallelismOption

    @Flag(name: .long, help: "Print access key secrets and passwords created by this apply, once.")
    var showSecrets = false

    @Option(name: .customLong("target"), help: "Limit the apply to this resource and what it depends on (repeatable).")
    var targets: [String] = []

    @Flag(name: .long, help: "Read every resource back from the backend first, show what changed outside iamconf, and plan against that.")
    var refresh = false

    @Flag(name: .long, help: "For emergencies: apply even when an access expectation fails, with a warning naming each failure (a saved plan checked them when it was made).")
    var skipExpectations = false

    @Flag(name: .long, help: "Refuse (exit 4, nothing applied) when any principal would gain access; a plan that only removes access is applied.")
    var denyNewAccess = false

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let terminal = Terminal(noColorFlag: global.noColor)
        try await runReportingErrors(terminal) {
            if let path, let saved = try SavedPlan.read(path) {
                guard targets.isEmpty else {
                    throw CLIError(
                        "--target cannot narrow a saved plan: it is applied exactly as it was made",
                        hint: "make the plan with `iamconf plan --target ... --out FILE` instead")
                }
                // A saved plan was approved when it was made: apply exactly it, no questions, through
                // the backend settings it recorded.
                if denyNewAccess, let refusal = NewAccessGate.refusal(saved.plan) {
                    terminal.print(PlanRenderer.text(saved.plan, color: terminal.useColor))
                    terminal.error(refusal.error.description)
                    return refusal.code
                }
                let workspace = global.workspace(saved.configurationDirectory, defaultStatePath: saved.statePath)
                let operation = ApplyOperation(workspace: workspace, plan: saved.plan, backend: saved.backend, parallelism: concurrency.parallelism)
                return try await execute(operation, showSecrets: showSecrets, terminal: terminal)
            }
            let workspace = global.workspace(path)
            var operation = PlanOperation(
                workspace: workspace, targets: targets, refresh: refresh, parallelism: concurrency.parallelism, skipsExpectations: skipExpectations)
            // The gate must see every gain, so it always has the access changes computed.
            if denyNewAccess { operation.accessChangeLimit = nil }
            let prepared = try await operation.run(observer: TerminalObserver(terminal: terminal))
            defer { ProcessLifetime.keepUntilExit(prepared) }
            if let drift = prepared.drift, !drift.isEmpty {
                terminal.print(DriftRenderer.text(drift, followedByPlan: true, color: terminal.useColor))
            }
            if let unmanaged = prepared.unmanaged, !unmanaged.isEmpty {
                terminal.print(UnmanagedRenderer.text(unmanaged, color: terminal.useColor))
            }
            if denyNewAccess, let refusal = NewAccessGate.refusal(prepared.plan) {
                terminal.print(PlanRenderer.text(prepared.plan, color: terminal.useColor))
                terminal.error(refusal.error.description)
                return refusal.code
            }
            return try await approveAndExecute(prepared, workspace: workspace, autoApprove: autoApprove, verb: "apply",
                parallelism: concurrency.parallelism, showSecrets: showSecrets, terminal: terminal)
        }
    }
}
