import ArgumentParser
import Foundation
import IAMConfEngine
import IAMConfOperations

/// `iamconf show [PATH | PLANFILE] [--json]`: the state, or a plan saved by `plan --out`
/// (Terraform's `terraform show` and `terraform show PLANFILE`).
struct ShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print the state (every applied resource), or a plan saved by `plan --out`.",
        discussion: """
            With a plan file, prints the plan as `iamconf plan` printed it, or with --json in Terraform's JSON plan \
            format (the same as `plan --json`). A plan file is recognised by its content, as `apply PLANFILE` does.
            """)

    @Argument(help: "The configuration directory or file whose state to show (default: the current directory), or a plan file.")
    var path: String?

    @Flag(name: .long, help: "Print the state, or the plan, as JSON (secrets are never included).")
    var json = false

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let terminal = Terminal(noColorFlag: global.noColor || json)
        try await runReportingErrors(terminal) {
            if let path, let saved = try Self.savedPlan(at: path) {
                terminal.print(json ? PlanRenderer.json(saved.plan) : PlanRenderer.text(saved.plan, color: terminal.useColor))
                return 0
            }
            let workspace = global.workspace(path)
            guard let state = try workspace.loadState() else {
                terminal.print(json ? "{\"resources\": []}" : "No state at \(workspace.statePath). Run `iamconf apply` to create one.")
                return 0
            }
            terminal.print(json ? StateRenderer.json(state) : StateRenderer.text(state))
            return 0
        }
    }

    /// The saved plan at `path`, nil for a configuration; an error for a file that is neither.
    ///
    /// `SavedPlan.read` refuses a damaged plan that still carries its marker. A file without the
    /// marker that is not YAML either (a truncated or foreign plan, a state file given by mistake)
    /// would otherwise be taken for a configuration file and answered with "no state": say what it is.
    static func savedPlan(at path: String) throws -> SavedPlan? {
        if let saved = try SavedPlan.read(path) { return saved }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
              !path.hasSuffix(".yaml"), !path.hasSuffix(".yml")
        else { return nil }
        throw CLIError(
            "\(path) is neither a plan saved by `iamconf plan --out` nor a configuration (*.yaml, *.yml)",
            hint: "a saved plan is JSON with an \"\(SavedPlan.marker)\" member; run `iamconf plan --out \(path)` to make one")
    }
}
