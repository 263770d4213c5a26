import ArgumentParser

struct DestroyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "destroy",
        abstract: "Delete everything the state records, in reverse dependency order.")

    @Argument(help: "The configuration directory or file (default: the current directory).")
    var path: String?

    @Flag(name: .long, help: "Skip the interactive approval.")
    var autoApprove = false

    @Option(name: .long, help: "How many independent operations run at once.")
    var parallelism = 10

    @Option(name: .customLong("target"), help: "Destroy only this resource and what depends on it (repeatable).")
    var targets: [String] = []

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let terminal = Terminal(noColorFlag: global.noColor)
        try await runReportingErrors(terminal) {
            let workspace = Workspace(configurationPath: path, options: global)
            let prepared = try await workspace.preparePlan(targets: targets, destroy: true, terminal: terminal)
            defer { ProcessLifetime.keepUntilExit(prepared) }
            return try await approveAndExecute(prepared, workspace: workspace, autoApprove: autoApprove, verb: "destroy",
                parallelism: parallelism, showSecrets: false, terminal: terminal)
        }
    }
}
