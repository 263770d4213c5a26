import ArgumentParser
import IAMConfEngine
import IAMConfOperations

struct GraphCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graph",
        abstract: "Print the resource dependency graph in Graphviz DOT (pipe it to `dot -Tsvg`).")

    @Argument(help: "The configuration directory or file (default: the current directory).")
    var path: String?

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let terminal = Terminal(noColorFlag: true)
        try await runReportingErrors(terminal) {
            let configuration = try global.workspace(path).loadConfiguration(observer: TerminalObserver(terminal: terminal))
            terminal.print(GraphRenderer.dot(resources: DesiredResources.from(configuration)))
            return 0
        }
    }
}
