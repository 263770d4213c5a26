import ArgumentParser
import IAMConfEngine
import IAMConfOperations
import IAMConfPolicy

struct GraphCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graph",
        abstract: "Print the resource dependency graph, with who can assume which role, in Graphviz DOT (pipe it to `dot -Tsvg`).",
        discussion: "Dependencies point from a resource to what it needs. Trust edges (bold blue, \"can assume\") point from a "
            + "user, role, identity provider, service or outside account to a role it may assume, as `iamconf paths` decides them.")

    @Argument(help: "The configuration directory or file (default: the current directory).")
    var path: String?

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let terminal = Terminal(noColorFlag: true)
        try await runReportingErrors(terminal) {
            let configuration = try global.workspace(path).loadConfiguration(observer: TerminalObserver(terminal: terminal))
            let trust = TrustGraph(analyzer: AccessAnalyzer(configuration: configuration))
            terminal.print(GraphRenderer.dot(resources: DesiredResources.from(configuration), trustEdges: trust.edges))
            return 0
        }
    }
}
