import ArgumentParser
import Foundation
import IAMConfConfig
import IAMConfPolicy

/// `iamconf lint [PATH] [--json | --format text|json|sarif] [--fail-on TYPE] [--show-suppressed]`:
/// IAM Access Analyzer's offline policy checks over every policy document of the configuration.
struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Run IAM Access Analyzer's policy checks on every policy document of the configuration, offline.",
        discussion: """
            Findings carry AWS's issue codes and finding types (ERROR, SECURITY_WARNING, WARNING, SUGGESTION) \
            at the policy's file:line:column. Suppress a finding in the configuration, with a reason: \
            lint: { suppress: [{ code: REDUNDANT_ACTION, address: main.policy.Deploy, reason: "..." }] }. \
            Exit status: 0 when no finding is at or above --fail-on (default: error) and the configuration \
            has no errors, 1 otherwise. docs/policy-checks.md lists every check.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, sarif }

    @Argument(help: "A configuration directory (every *.yaml/*.yml in it) or one file.")
    var path: String = "."

    @Flag(name: .long, help: "Print the findings as JSON (the same as --format json).")
    var json = false

    @Option(name: .long, help: "Output format: text, json or sarif (SARIF 2.1.0, for code scanning).")
    var format: Format?

    @Option(name: .long, help: "The least severe finding type that fails the run: error, security_warning, warning or suggestion.")
    var failOn: String = "error"

    @Flag(name: .long, help: "Also list the findings the configuration suppresses, with their reasons.")
    var showSuppressed = false

    func validate() throws {
        if json, let format, format != .json { throw ValidationError("--json and --format \(format.rawValue) ask for different outputs; give one") }
        if FindingType(optionName: failOn) == nil {
            throw ValidationError("--fail-on must be error, security_warning, warning or suggestion, not '\(failOn)'")
        }
    }

    func run() throws {
        let threshold = FindingType(optionName: failOn) ?? .error
        let report = ConfigurationLoader.lint(path: path)
        let renderer = LintRenderer(report: report, baseDirectory: Self.directory(of: path), failOn: threshold, showSuppressed: showSuppressed)
        switch json ? .json : (format ?? .text) {
        case .text: print(renderer.text(), terminator: "")
        case .json: print(renderer.json(), terminator: "")
        case .sarif: print(renderer.sarif(version: IAMConfCommand.configuration.version), terminator: "")
        }
        if !renderer.passed { throw ExitCode(1) }
    }

    /// The directory a configuration path stands for: itself, or the directory of a single file.
    static func directory(of path: String) -> String {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue { return path }
        let parent = (path as NSString).deletingLastPathComponent
        return parent.isEmpty ? "." : parent
    }
}
