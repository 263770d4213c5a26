import ArgumentParser
import IAMConfConfig
import IAMConfCore

/// `iamconf validate [PATH] [--json]`: reports every problem in a configuration; writes nothing.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a configuration and report every problem at once (nothing is written).",
        discussion: """
            Also reports, as errors, the policy lint findings of type ERROR (Access Analyzer's "a part of the policy \
            does not work", e.g. MISSING_ARN_REGION) that the configuration does not suppress; `iamconf lint` \
            shows every finding. Exit status: 0 when valid (warnings allowed), 1 when there are errors.
            """
    )

    @Argument(help: "A configuration directory (every *.yaml/*.yml in it) or one file.")
    var path: String = "."

    @Flag(name: .long, help: "Print the diagnostics as JSON.")
    var json = false

    func run() throws {
        let report = ConfigurationLoader.lint(path: path)
        let (configuration, diagnostics) = (report.configuration, report.validationDiagnostics)
        let renderer = DiagnosticRenderer()
        if json {
            print(renderer.json(diagnostics), terminator: "")
        } else if diagnostics.isEmpty, let configuration {
            print("\(path): valid (\(Self.describe(configuration)))")
        } else {
            print(renderer.text(diagnostics), terminator: "")
        }
        if diagnostics.hasErrors || configuration == nil { throw ExitCode(1) }
    }

    static func describe(_ configuration: Configuration) -> String {
        let accounts = configuration.accounts.count
        let users = configuration.accounts.reduce(0) { $0 + $1.users.count }
        let roles = configuration.accounts.reduce(0) { $0 + $1.roles.count }
        let policies = configuration.accounts.reduce(0) { $0 + $1.policies.count }
        return "\(accounts) account\(accounts == 1 ? "" : "s"), \(users) user\(users == 1 ? "" : "s"), "
            + "\(roles) role\(roles == 1 ? "" : "s"), \(policies) polic\(policies == 1 ? "y" : "ies")"
    }
}
