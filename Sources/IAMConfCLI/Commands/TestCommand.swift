import ArgumentParser
import IAMConfOperations
import IAMConfPolicy

/// `iamconf test [PATH] [--json]`: answers every `expectations:` entry of the configuration.
struct TestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run the configuration's access tests (expectations:) and report each failure with its explanation.",
        discussion: "Exit status: 0 when every expectation holds, 1 when one fails or the configuration has errors."
    )

    @Argument(help: "A configuration directory (every *.yaml/*.yml in it) or one file.")
    var path: String?

    @Flag(name: .long, help: "Answer against the simulator's applied world instead of the configuration (read-only).")
    var applied = false

    @Flag(name: .long, help: "Print the results as JSON.")
    var json = false

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let terminal = Terminal(noColorFlag: global.noColor || json)
        try await runReportingErrors(terminal) {
            let workspace = global.workspace(path)
            let configuration = try workspace.accessConfiguration(observer: TerminalObserver(terminal: terminal))
            let analyzer = applied
                ? try await workspace.appliedAnalyzer(configuration: configuration) : AccessAnalyzer(configuration: configuration)
            let results = ExpectationRunner.run(configuration.expectations, with: analyzer)
            if json {
                terminal.print(JSONKeyConvention.snakeCased(results.reportJSON).prettyText())
            } else {
                if results.isEmpty { terminal.print("no expectations in \(workspace.configurationPath)") }
                terminal.print(results.reportText)
            }
            return ExpectationRunner.allPassed(results) ? 0 : 1
        }
    }
}
