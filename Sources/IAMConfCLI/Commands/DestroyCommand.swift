import ArgumentParser
import IAMConfOperations

struct DestroyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "destroy",
        abstract: "Delete everything the state records, in reverse dependency order.")

    @Argument(help: "The configuration directory or file (default: the current directory).")
    var path: String?

    @Flag(name: .long, help: "Skip the interactive approval.")
    var autoApprove = false

    @OptionGroup var concurrency: ParallelismOption

    @Option(name: .customLong("target"), help: "Destroy only this resource and what depends on it (repeatable).")
    var targets: [String] = []

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let terminal = Terminal(noColorFlag: global.noColor)
        try await runReportingErrors(terminal) {
            let workspace = global.workspace(path)
            let prepared = try await PlanOperation(workspace: workspace, targets: targets, destroy: true, parallelism: concurrency.parallelism)
                .run(observer: TerminalObserver(terminal: terminal))
            defer { ProcessLifetime.keepUntilExit(prepared) }
            return try await approveAndExecute(prepared, workspace: workspace, autoApprove: autoApprove, verb: "destroy",
                parallelism: concurrency.parallelism, showSecrets: false, terminal: terminal)
        }
    }
}
