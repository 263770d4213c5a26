import ArgumentParser
import IAMConfOperations
import IAMConfPolicy

/// `iamconf paths [PATH]`: the trust graph and the privilege-escalation paths to administrator-equivalent access.
struct PathsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "paths",
        abstract: "Show who can become whom, and every way a user or role can reach administrator-equivalent access.",
        discussion: [
            "Administrator-equivalent: allowed the action * on the resource * by the policy engine. An escalation path is a "
                + "chain of edges (sts:AssumeRole, iam:CreateAccessKey / CreateLoginProfile / UpdateLoginProfile on another user, "
                + "iam:UpdateAssumeRolePolicy, iam:CreatePolicyVersion / SetDefaultPolicyVersion, iam:Attach*Policy, iam:Put*Policy, "
                + "iam:AddUserToGroup, permissions boundary removal, iam:PassRole to EC2, Lambda, CloudFormation, CodeBuild, Glue, "
                + "SageMaker, Data Pipeline or ECS) from a principal that is not an administrator; each step names the statements "
                + "(file:line) that allow it. See docs/access-intelligence.md.",
            "Exit status: 0, or 2 with --fail-on-escalation when any path exists; 1 error.",
        ].joined(separator: "\n\n")
    )

    @Argument(help: "The configuration directory or file (default: the current directory).")
    var path: String?

    @Flag(name: .long, help: "Ask the simulator's applied world instead of the configuration (read-only).")
    var applied = false

    @Flag(name: .long, help: "Print the report as JSON.")
    var json = false

    @Flag(name: .long, help: "Print the trust graph and escalation edges in Graphviz DOT.")
    var dot = false

    @Flag(name: .long, help: "Exit 2 when a user or role that is not an administrator can reach administrator-equivalent access.")
    var failOnEscalation = false

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if json, dot { throw ValidationError("--json and --dot cannot be used together") }
    }

    func run() async throws {
        let terminal = Terminal(noColorFlag: global.noColor || json || dot)
        try await runReportingErrors(terminal) {
            let analyzer = try await global.workspace(path).accessAnalyzer(applied: applied, observer: TerminalObserver(terminal: terminal))
            let report = TrustGraph(analyzer: analyzer).escalationReport()
            if json {
                terminal.print(JSONKeyConvention.snakeCased(report.json).prettyText())
            } else {
                terminal.print(dot ? report.dot() : report.text())
            }
            return failOnEscalation && report.hasEscalation ? 2 : 0
        }
    }
}
