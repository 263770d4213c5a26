import ArgumentParser
import Foundation
import IAMConfCore
import IAMConfOperations
import IAMConfPolicy

/// `iamconf access PRINCIPAL [PATH] [--applied] [--json]`: what one principal can do.
struct AccessCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "access",
        abstract: "Show what a user, role or group can do, by service and access level.",
        discussion: [
            "Everything the principal's identity policies allow (inline, attached customer and AWS managed, and its groups'), "
                + "within its permissions boundary, less what Deny statements take away: wildcards and NotAction expanded "
                + "through the action catalog, each action and resource pattern decided by the policy engine `check` uses. "
                + "Conditions on the request (MFA, source IP, time, tags on the request) are listed with the grant; conditions "
                + "on the principal itself (its ARN, account, tags, user name) are decided. A role also lists who can assume it. "
                + "Bucket policies and other resource-based policies are not counted here (see docs/access-delta.md).",
            "PRINCIPAL is an address (main.user.alice, main.role.Deploy, main.group.developers, "
                + "main.service_linked_role.autoscaling.amazonaws.com) or an IAM ARN.",
            "Exit status: 0, or 1 for an unknown principal or a configuration with errors.",
        ].joined(separator: "\n\n"))

    @Argument(help: "The principal: an address or an ARN.")
    var principal: String

    @Argument(help: "The configuration: a directory of *.yaml files or one file (default: the current directory).")
    var path: String?

    @Flag(name: .long, help: "Ask the simulator's applied world instead of the configuration (read-only).")
    var applied = false

    @Flag(name: .long, help: "Print the answer as JSON.")
    var json = false

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let terminal = Terminal(noColorFlag: global.noColor || json)
        try await runReportingErrors(terminal) {
            let configuration = try await global.workspace(path)
                .accessConfiguration(applied: applied, observer: TerminalObserver(terminal: terminal))
            let summary: AccessSummary
            do throws(AccessError) {
                summary = try EffectiveAccess(configuration: configuration).summary(of: principal)
            } catch {
                if json { terminal.print(CheckCommand.errorJSON(error).prettyText()) }
                throw CLIError(error.message, hint: error.hint)
            }
            terminal.print(json ? summary.json.prettyText() : summary.text())
            return 0
        }
    }
}
