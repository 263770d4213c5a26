import ArgumentParser
import IAMConfEngine
import IAMConfOperations

struct ShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Print the state: every applied resource.")

    @Argument(help: "The configuration directory or file whose state to show (default: the current directory).")
    var path: String?

    @Flag(name: .long, help: "Print the state as JSON (secrets are never included).")
    var json = false

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let terminal = Terminal(noColorFlag: global.noColor || json)
        try await runReportingErrors(terminal) {
            let workspace = global.workspace(path)
            guard let state = try workspace.loadState() else {
                terminal.print(json ? "{\"resources\": []}" : "No state at \(workspace.statePath). Run `iamconf apply` to create one.")
                return 0
            }
            terminal.print(json ? StateRenderer.json(state) : StateRenderer.text(state))
            return 0
        }
    }
}
