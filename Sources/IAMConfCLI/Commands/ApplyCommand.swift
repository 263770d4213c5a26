import ArgumentParser
import Foundation
import IAMConfEngine

struct ApplyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Make the backend match the configuration, or apply a saved plan.")

    @Argument(help: "A configuration directory or file (default: the current directory), or a plan file saved by `plan --out`.")
    var path: String?

    @Flag(name: .long, help: "Skip the interactive approval.")
    var autoApprove = false

    @Option(name: .long, help: "How many independent operations run at once.")
    var parallelism = 10

    @Flag(name: .long, help: "Print access key secrets and passwords created by this apply, once.")
    var showSecrets = false

    @Option(name: .customLong("target"), help: "Limit the apply to this resource and what it depends on (repeatable).")
    var targets: [String] = []

    @Flag(name: .long, help: "Read every resource back from the backend first, show what changed outside iamconf, and plan against that.")
    var refresh = false

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        guard parallelism >= 1 else { throw ValidationError("--parallelism must be at least 1") }
    }

    func run() async throws {
        let terminal = Terminal(noColorFlag: global.noColor)
        try await runReportingErrors(terminal) {
            if let path, let saved = try SavedPlan.read(path) {
                guard targets.isEmpty else {
                    throw CLIError(
                        "--target cannot narrow a saved plan: it is applied exactly as it was made",
                        hint: "make the plan with `iamconf plan --target ... --out FILE` instead")
                }
                // A saved plan was approved when it was made: apply exactly it, no questions.
                var options = global
                options.state = options.state ?? saved.statePath
                let workspace = Workspace(configurationPath: saved.configurationDirectory, options: options)
                return try await workspace.execute(
                    saved.plan, state: nil, configuration: nil, parallelism: parallelism, showSecrets: showSecrets, terminal: terminal)
            }
            let workspace = Workspace(configurationPath: path, options: global)
            let prepared = try await workspace.preparePlan(targets: targets, destroy: false, refresh: refresh, terminal: terminal)
            defer { ProcessLifetime.keepUntilExit(prepared) }
            if let drift = prepared.drift, !drift.isEmpty {
                terminal.print(DriftRenderer.text(drift, followedByPlan: true, color: terminal.useColor))
            }
            return try await approveAndExecute(prepared, workspace: workspace, autoApprove: autoApprove, verb: "apply",
                parallelism: parallelism, showSecrets: showSecrets, terminal: terminal)
        }
    }
}

/// Shows the plan, asks for `yes` on a terminal (refusing without one), then executes it.
func approveAndExecute(
    _ prepared: PreparedPlan, workspace: Workspace, autoApprove: Bool, verb: String, parallelism: Int, showSecrets: Bool,
    terminal: Terminal
) async throws -> Int32 {
    terminal.print(PlanRenderer.text(prepared.plan, color: terminal.useColor))
    guard prepared.plan.hasChanges else { return 0 }
    if !autoApprove {
        guard terminal.isInteractive else {
            throw CLIError(
                "\(verb) needs approval, and there is no terminal to ask on",
                hint: "review the plan above and run again with --auto-approve, or save it with `iamconf plan --out FILE` and run `iamconf apply FILE`")
        }
        let question = verb == "destroy"
            ? "\nDo you really want to destroy all resources? iamconf will delete everything shown above."
            : "\nDo you want to perform these actions? iamconf will perform the actions described above."
        guard terminal.confirm(question) else {
            terminal.print("\n\(verb.capitalized) cancelled.")
            return 1
        }
    }
    return try await workspace.execute(
        prepared.plan, state: prepared.state, configuration: prepared.configuration, parallelism: parallelism,
        showSecrets: showSecrets, terminal: terminal)
}
