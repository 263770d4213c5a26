import ArgumentParser
import IAMConfEngine

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
            let configuration = try Workspace(configurationPath: path, options: global).loadConfiguration(terminal: terminal)
            terminal.print(GraphRenderer.dot(resources: DesiredResources.from(configuration)))
            return 0
        }
    }
}
