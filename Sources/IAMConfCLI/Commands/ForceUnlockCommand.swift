import ArgumentParser

struct ForceUnlockCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "force-unlock",
        abstract: "Remove a stale state lock left by an iamconf process that died.",
        discussion: "Only use this when no other iamconf process is running against the state.")

    @Argument(help: "The configuration directory or file (default: the current directory).")
    var path: String?

    @Option(name: .long, help: "Remove the lock only if it is this one (the ID the lock error names), so a lock taken meanwhile by a live run survives.")
    var lockID: String?

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let terminal = Terminal(noColorFlag: global.noColor)
        try await runReportingErrors(terminal) {
            terminal.print(try global.workspace(path).forceUnlock(id: lockID))
            return 0
        }
    }
}
