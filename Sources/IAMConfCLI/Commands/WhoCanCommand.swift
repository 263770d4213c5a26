import ArgumentParser
import IAMConfCore
import IAMConfOperations
import IAMConfPolicy

/// `iamconf who-can ACTION RESOURCE [PATH]`: every principal that may perform the action, directly
/// or through chains of role assumption, with the conditions each chain needs.
struct WhoCanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "who-can",
        abstract: "List every principal that can perform an action on a resource, directly or by assuming roles.",
        discussion: [
            "Each answer is decided by the same engine as `check`: identity policies (with groups), permissions boundaries, "
                + "resource and trust policies, same- and cross-account rules, explicit denies and conditions. Users, roles, "
                + "account roots, identity providers, AWS services and accounts outside the configuration named by a policy are "
                + "all considered; roles are chained up to \(TrustGraph.maximumChainLength) hops, each principal shown with its "
                + "shortest chain.",
            "A step allowed only with MFA, or only when the Condition of an allowing statement holds (sts:ExternalId, a token "
                + "claim), is kept and shown with that condition. A principal outside the configuration also needs its own "
                + "account's policies to allow, which iamconf cannot see.",
            "See docs/access-intelligence.md. Exit status: 0 answered (even with no principal), 1 error.",
        ].joined(separator: "\n\n")
    )

    @Argument(help: ArgumentHelp("ACTION RESOURCE [PATH]: e.g. s3:GetObject arn:aws:s3:::bucket/key, and the configuration (default: .).", valueName: "action resource path"))
    var arguments: [String] = []

    @Flag(name: .long, help: "Ask the simulator's applied world instead of the configuration (read-only).")
    var applied = false

    @Flag(name: .long, help: "Print the answer as JSON.")
    var json = false

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let terminal = Terminal(noColorFlag: global.noColor || json)
        try await runReportingErrors(terminal) {
            let (path, action, resource) = try Self.split(arguments)
            let analyzer = try await global.workspace(path).accessAnalyzer(applied: applied, observer: TerminalObserver(terminal: terminal))
            let answer: WhoCanAnswer
            do throws(AccessError) {
                answer = try TrustGraph(analyzer: analyzer).whoCan(action: action, resource: resource)
            } catch {
                if json { terminal.print(CheckCommand.errorJSON(error).prettyText()) }
                throw CLIError(error.message, hint: error.hint)
            }
            terminal.print(json ? JSONKeyConvention.snakeCased(answer.json).prettyText() : answer.text())
            return 0
        }
    }

    /// `ACTION RESOURCE [PATH]`; the PATH may stand anywhere (it is the argument that names something on disk).
    static func split(_ arguments: [String]) throws -> (path: String?, action: String, resource: String) {
        var (path, rest) = try PositionalPath.split(arguments)
        if path == nil, rest.count == 3 { path = rest.removeLast() }
        guard rest.count == 2 else {
            throw CLIError(
                "who-can needs ACTION and RESOURCE (and an optional PATH), got \(arguments.count) argument\(arguments.count == 1 ? "" : "s")",
                hint: "iamconf who-can s3:GetObject arn:aws:s3:::shared-reports/q3.csv examples/cross-account")
        }
        return (path, rest[0], rest[1])
    }
}
