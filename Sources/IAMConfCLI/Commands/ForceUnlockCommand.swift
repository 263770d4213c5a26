import ArgumentParser

struct ForceUnlockCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "force-unlock",
        abstract: "Remove a stale state lock left by an iamconf process that died.",
        discussion: "Only use this when no other iamconf process is running against the state.")

    @Argument(help: "The configuration directory or file (default: the current directory).")
    var path: String?

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let terminal = Terminal(noColorFlag: global.noColor)
        try await runReportingErrors(terminal) {
            let workspace = Workspace(configurationPath: path, options: global)
            terminal.print(try workspace.forceUnlock())
            return 0
        }
    }
}
