import Foundation
import IAMConfCore
import IAMConfEngine
import IAMConfState

extension Workspace {
    /// Where an apply notes the creates it is about to make, until it finishes. If the process
    /// dies, the next apply adopts exactly these objects when the backend already has them.
    var intentPath: String { statePath + ".intent" }

    /// Runs a plan under the state lock and prints Terraform's one-line summary.
    func execute(
        _ plan: Plan, state: State?, configuration: Configuration?, parallelism: Int, showSecrets: Bool, terminal: Terminal
    ) async throws -> Int32 {
        try await withStateLock(operation: plan.isDestroy ? "destroy" : "apply", terminal: terminal) { store in
            // Re-read under the lock: another process may have applied since the plan was made.
            let current = try loadState()
            guard StateFingerprint(current) == plan.prior else {
                throw CLIError(
                    "the state changed since this plan was made (plan: \(describe(plan.prior)), state now: \(describe(StateFingerprint(current))))",
                    hint: "run `iamconf plan` again and apply the new plan")
            }
            try checkBackend(current, plan.backend)
            // A saved plan carries no secrets; the applier builds updated state from `before`.
            let plan = PlanFile.restoringSecrets(plan, from: current)
            let backend = try makeBackend(plan.backend, configuration: configuration, parallelism: parallelism)
            let interrupted = readIntent()
            try writeIntent(plan.changes.filter { $0.action == .create || $0.action == .replace }.map(\.address), carrying: interrupted)
            let start = ContinuousClock.now
            // A state refreshed by `apply --refresh` (same lineage and serial) is what the plan was made from.
            let base = state.flatMap { StateFingerprint($0) == StateFingerprint(current) ? $0 : nil } ?? current
            let run = ApplyRun(state: base ?? newState(plan.backend), backend: backend, sink: StoreSink(store: store))
            let showProgress = terminal.isInteractive && plan.changes.count >= 50
            let applying = Task {
                await run.run(plan, parallelism: parallelism, interrupted: interrupted) { done, total in
                    guard showProgress, done % 25 == 0 || done == total else { return }
                    let seconds = (ContinuousClock.now - start) / .seconds(1)
                    let rate = seconds > 0 ? Double(done) / seconds : 0
                    FileHandle.standardError.write(Data("\r  \(done)/\(total) operations (\(Int(rate))/s)".utf8))
                    if done == total { FileHandle.standardError.write(Data("\n".utf8)) }
                }
            }
            let interruption = Interruption {
                FileHandle.standardError.write(Data(
                    "\nInterrupt received: no new operations will start; waiting for those in flight and saving the state. Press Ctrl-C again to stop at once.\n".utf8))
                applying.cancel()
            }
            let (report, finalState) = await applying.value
            withExtendedLifetime(interruption) {}
            if let saveError = await run.saveError {
                terminal.error("could not save the state to \(statePath): \(saveError)")
                return 1
            }
            // The run ended normally, so every outcome is in the state: only what an earlier,
            // killed run planned and nobody has recorded yet may still be adopted later. This
            // run's own failed creates are not, or a later apply would take over objects it
            // never made (an EntityAlreadyExists from someone else's user, say).
            try settleIntent(earlier: interrupted, state: finalState)
            for failure in report.failures {
                terminal.error("\(failure.address): \(failure.action.rawValue) failed: \(failure.error)")
            }
            if showSecrets { printSecrets(finalState, plan: plan, terminal: terminal) }
            let verb = plan.isDestroy ? "Destroy" : "Apply"
            if report.failures.isEmpty, !report.wasInterrupted {
                terminal.print(plan.isDestroy
                    ? "\n\(verb) complete! Resources: \(report.destroyed) destroyed."
                    : "\n\(verb) complete! Resources: \(report.added) added, \(report.changed) changed, \(report.destroyed) destroyed.")
                return 0
            }
            if report.wasInterrupted {
                terminal.print("\n\(verb) interrupted after \(report.operations) operations. Resources: \(report.added) added, \(report.changed) changed, \(report.destroyed) destroyed. The state records what was done; run `iamconf apply` again to finish.")
                return 1
            }
            terminal.print("\n\(verb) failed after \(report.operations) operations. Resources: \(report.added) added, \(report.changed) changed, \(report.destroyed) destroyed. The state records what was done; run `iamconf plan` to see what remains.")
            return 1
        }
    }

    private func describe(_ fingerprint: StateFingerprint) -> String {
        guard let lineage = fingerprint.lineage else { return "no state" }
        return "lineage \(lineage) serial \(fingerprint.serial ?? 0)"
    }

    func readIntent() -> Set<Address> {
        guard let text = try? String(contentsOfFile: intentPath, encoding: .utf8),
              case let .array(items)? = try? JSONParser.parse(text)
        else { return [] }
        return Set(items.compactMap { $0.stringValue.flatMap(Address.init(parsing:)) })
    }

    /// Written before the first operation; keeps earlier unfinished intents until an apply completes.
    func writeIntent(_ addresses: [Address], carrying earlier: Set<Address>) throws {
        // Sorted on descriptions made once each: Address's `<` builds both strings per comparison.
        let all = Set(addresses).union(earlier).map(\.description).sorted()
        let text = JSONValue.array(all.map { .string($0) }).compactText()
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: intentPath), options: .atomic)
        } catch {
            throw CLIError("cannot write \(intentPath): \(error.localizedDescription)", hint: "check that the state's directory is writable")
        }
    }

    func settleIntent(earlier: Set<Address>, state: State) throws {
        let unresolved = earlier.filter { state.resources[$0] == nil }
        if unresolved.isEmpty {
            try? FileManager.default.removeItem(atPath: intentPath)
        } else {
            try writeIntent([], carrying: unresolved)
        }
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
}
