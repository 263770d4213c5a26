import ArgumentParser
import Foundation
import IAMConfEngine
import IAMConfOperations

struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show the changes apply would make to reach the configuration.",
        discussion: """
            After the resource changes, `Access changes:` lists what each affected principal gains and loses \
            (docs/access-delta.md). Exit codes: 0 success, 1 error, 2 (only with --detailed-exitcode) success with changes \
            pending, 4 (only with --deny-new-access) the plan grants new access.
            """)

    @Argument(help: "The configuration: a directory of *.yaml files or one file (default: the current directory).")
    var path: String?

    @Option(name: .long, help: "Save the plan to this file; `iamconf apply FILE` then applies exactly it.")
    var out: String?

    @Flag(name: .long, help: "Print the plan as JSON (the format is described in the README).")
    var json = false

    @Flag(name: .long, help: "Exit 2 when the plan has changes, 0 when it has none.")
    var detailedExitcode = false

    @Option(name: .customLong("target"), help: "Limit the plan to this resource and what it depends on (repeatable).")
    var targets: [String] = []

    @Flag(name: .long, help: "Plan the destruction of everything in the state.")
    var destroy = false

    @Flag(name: .long, help: "Read every resource back from the backend first and show what changed outside iamconf; the plan is made against what the backend has now (the state file is not changed).")
    var refresh = false

    @Flag(name: .long, help: "For emergencies: plan even when an access expectation fails, with a warning naming each failure.")
    var skipExpectations = false

    @Flag(name: .long, help: "Exit 4 (and save no plan) when any principal gains access; a plan that only removes access passes.")
    var denyNewAccess = false

    @Flag(name: .long, help: "Compute the access changes however many principals the plan reaches (by default a plan reaching more than \(PlanAccess.defaultLimit) principals, groups, policies, trusts and buckets, such as a first plan of a large setup, leaves them out and says so).")
    var fullAccessChanges = false

    @OptionGroup var concurrency: ParallelismOption

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let terminal = Terminal(noColorFlag: global.noColor || json)
        try await runReportingErrors(terminal) {
            let workspace = global.workspace(path)
            var operation = PlanOperation(
                workspace: workspace, targets: targets, destroy: destroy, refresh: refresh, parallelism: concurrency.parallelism,
                skipsExpectations: skipExpectations)
            // The gate must see every gain, so it always has the access changes computed.
            if fullAccessChanges || denyNewAccess { operation.accessChangeLimit = nil }
            let prepared = try await operation.run(observer: TerminalObserver(terminal: terminal))
            defer { ProcessLifetime.keepUntilExit(prepared) }
            if let drift = prepared.drift {
                terminal.print(json
                    ? UnmanagedRenderer.adding(prepared.unmanaged, to: DriftRenderer.planJSON(prepared.plan, drift: drift))
                    : DriftRenderer.text(drift, followedByPlan: true, color: terminal.useColor)
                        + UnmanagedRenderer.text(prepared.unmanaged ?? UnmanagedReport(), color: terminal.useColor)
                        + PlanRenderer.text(prepared.plan, color: terminal.useColor))
            } else {
                terminal.print(json ? PlanRenderer.json(prepared.plan) : PlanRenderer.text(prepared.plan, color: terminal.useColor))
            }
            if denyNewAccess, let refusal = NewAccessGate.refusal(prepared.plan) {
                terminal.error(refusal.error.description)
                return refusal.code
            }
            if let out {
                let saved = SavedPlan(
                    configurationDirectory: Workspace.absolute(workspace.configurationPath), statePath: Workspace.absolute(workspace.statePath),
                    backend: prepared.backend, plan: prepared.plan)
                try saved.write(to: out)
                if !json { terminal.print("\nSaved the plan to \(out). To apply exactly this plan, run: iamconf apply \(out)") }
            }
            return detailedExitcode && prepared.plan.hasChanges ? 2 : 0
        }
    }
}
