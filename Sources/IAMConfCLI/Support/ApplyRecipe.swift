import Foundation
import IAMConfEngine
import IAMConfOperations
import IAMConfState

/// Shows the plan, asks for `yes` on a terminal (refusing without one), then executes it.
func approveAndExecute(
    _ prepared: PreparedPlan, workspace: Workspace, autoApprove: Bool, verb: String, parallelism: Int, showSecrets: Bool,
    terminal: Terminal
) async throws -> Int32 {
    terminal.print(PlanRenderer.text(prepared.plan, color: terminal.useColor))
    guard prepared.plan.hasChanges else { return 0 }
    if !autoApprove {
        guard terminal.isInteractive else {
            throw CLIError(
                "\(verb) needs approval, and there is no terminal to ask on",
                hint: "review the plan above and run again with --auto-approve, or save it with `iamconf plan --out FILE` and run `iamconf apply FILE`")
        }
        let question = verb == "destroy"
            ? "\nDo you really want to destroy all resources? iamconf will delete everything shown above."
            : "\nDo you want to perform these actions? iamconf will perform the actions described above."
        guard terminal.confirm(question) else {
            terminal.print("\n\(verb.capitalized) cancelled.")
            return 1
        }
    }
    let operation = ApplyOperation(
        workspace: workspace, plan: prepared.plan, plannedState: prepared.state, backend: prepared.backend, parallelism: parallelism)
    return try await execute(operation, showSecrets: showSecrets, terminal: terminal)
}

/// Runs an approved apply, turns the first Ctrl-C into a graceful stop, and prints Terraform's
/// one-line summary (with failures and, on request, the secrets made).
func execute(_ operation: ApplyOperation, showSecrets: Bool, terminal: Terminal) async throws -> Int32 {
    // On a terminal a large apply shows one progress line; otherwise every resource gets its lines.
    let compact = terminal.isInteractive && operation.plan.changes.count >= 50
    let log = compact ? nil : ApplyLog(writesEachLine: terminal.isInteractive)
    let observer = TerminalObserver(terminal: terminal, showsApplyProgress: compact, log: log)
    if log != nil { terminal.print("") }
    let applying = Task { try await operation.run(observer: observer) }
    let interruption = Interruption {
        FileHandle.standardError.write(Data(
            "\nInterrupt received: no new operations will start; waiting for those in flight and saving the state. Press Ctrl-C again to stop at once.\n".utf8))
        applying.cancel()
    }
    let outcome: ApplyOperation.Outcome
    do {
        outcome = try await applying.value
    } catch {
        log?.flush()
        throw error
    }
    log?.flush()
    withExtendedLifetime(interruption) {}
    if let saveError = outcome.saveError {
        terminal.error("could not save the state to \(operation.workspace.statePath): \(saveError)")
        return 1
    }
    let report = outcome.report
    for failure in report.failures {
        let unsure = failure.mayHaveBeenPerformed ? " (the answer was lost, so it may have been done; the next apply checks and finishes it)" : ""
        terminal.error("\(failure.address): \(failure.action.rawValue) failed: \(failure.error)\(unsure)")
    }
    if !report.skipped.isEmpty {
        terminal.warn("\(report.skipped.count) operation\(report.skipped.count == 1 ? " was" : "s were") skipped because something \(report.skipped.count == 1 ? "it depends" : "they depend") on failed; everything else was done.")
    }
    if !report.adopted.isEmpty {
        terminal.print("\nAdopted \(report.adopted.count) object\(report.adopted.count == 1 ? "" : "s") that already existed: " +
            "iamconf had made \(report.adopted.count == 1 ? "it" : "them") in an interrupted apply, or \(report.adopted.count == 1 ? "it matches" : "they match") the configuration exactly.")
    }
    if showSecrets { printSecrets(outcome.state, plan: outcome.plan, terminal: terminal) }
    let isDestroy = outcome.plan.isDestroy
    let verb = isDestroy ? "Destroy" : "Apply"
    let counts = "Resources: \(report.added) added, \(report.changed) changed, \(report.destroyed) destroyed."
    if report.failures.isEmpty, !report.wasInterrupted {
        terminal.print(isDestroy ? "\n\(verb) complete! Resources: \(report.destroyed) destroyed." : "\n\(verb) complete! \(counts)")
        return 0
    }
    if report.wasInterrupted {
        terminal.print("\n\(verb) interrupted after \(report.operations) operations. \(counts) The state records what was done; run `iamconf apply` again to finish.")
        return 1
    }
    terminal.print("\n\(verb) failed after \(report.operations) operations. \(counts) The state records what was done; run `iamconf plan` to see what remains.")
    return 1
}

private func printSecrets(_ state: State, plan: Plan, terminal: Terminal) {
    let created = Set(plan.changes.map(\.address))
    let withSecrets = state.sortedResources.filter { created.contains($0.address) && !$0.secrets.isEmpty }
    guard !withSecrets.isEmpty else { return }
    terminal.print("\nSecrets created by this apply (shown once; they are also in the state file):")
    for resource in withSecrets {
        for (key, value) in resource.secrets.sorted(by: { $0.key < $1.key }) {
            terminal.print("  \(resource.address) \(key) = \(value)")
        }
        if let id = resource.outputs["access_key_id"] { terminal.print("  \(resource.address) access_key_id = \(id)") }
    }
}
