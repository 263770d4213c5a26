import Foundation
import IAMConfState
import IAMConfEngine

/// `iamconf lab reset` without a name: the lab back to exactly what the configuration gives.
///
/// A fresh world is applied from the configuration, as `destroy` then `apply` would leave it (new
/// ids, new access keys and MFA seeds, recorded in the state as apply records them), but without
/// asking the old world what it holds: whatever a learner made through `serve` goes with it.
/// Done under the world lock (never while serve or an apply runs). The world, the objects, the
/// state and its intent journal are set aside first and put back if the apply fails, so the lab is
/// either reset or as it was.
extension Workspace {
    /// What a reset replaces, and so sets aside first: the world, the objects, the state, the intents.
    private var resetFiles: [String] {
        [
            (simulatorDirectory as NSString).appendingPathComponent("simulator.json"),
            (simulatorDirectory as NSString).appendingPathComponent("objects.json"),
            statePath, StateStore(path: statePath).intentPath,
        ]
    }

    /// Replaces the world, the objects and the state with a fresh apply of the configuration.
    /// Returns the outcome of that apply (`report.added` resources were made).
    public func resetToConfiguration(observer: some OperationObserver = SilentObserver()) async throws(OperationError) -> ApplyOperation.Outcome {
        try SimulatorWorldLock.acquire(directory: simulatorDirectory)
        // Before anything is moved: a configuration that does not load, or names another backend, changes nothing.
        let configuration = try loadConfiguration(observer: observer)
        guard case .file = try stateLocation else {
            throw OperationError("lab reset works on a local state; this one is in \(statePath)", hint: "give a local --state for the lab")
        }
        guard backendConnection(configuration).descriptor.kind == .simulator else {
            throw OperationError("lab reset works on the simulator's world; this configuration uses the \(backendDescriptor(configuration)) backend")
        }
        let aside = (simulatorDirectory as NSString).appendingPathComponent(".reset-\(UUID().uuidString)")
        let manager = FileManager.default
        var moved: [(original: String, kept: String)] = []
        do {
            try manager.createDirectory(atPath: aside, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            for (index, file) in resetFiles.enumerated() where manager.fileExists(atPath: file) {
                let kept = (aside as NSString).appendingPathComponent("\(index)")
                try manager.moveItem(atPath: file, toPath: kept)
                moved.append((file, kept))
            }
        } catch {
            Self.putBack(moved, removing: aside)
            throw OperationError("cannot set the lab aside in \(aside): \(error.localizedDescription)")
        }
        do {
            let prepared = try await PlanOperation(workspace: self).run(observer: observer)
            let outcome = try await ApplyOperation(
                workspace: self, plan: prepared.plan, plannedState: prepared.state, backend: prepared.backend
            ).run(observer: observer)
            guard outcome.isComplete else {
                let failures = outcome.report.failures.map { "\($0.address): \($0.error.message)" }
                throw OperationError(
                    "the configuration did not apply to a fresh world, so the lab was left as it was"
                        + (failures.isEmpty ? "" : ":\n  " + failures.joined(separator: "\n  ")),
                    hint: outcome.saveError.map { "the state could not be saved: \($0)" })
            }
            try? manager.removeItem(atPath: aside)
            return outcome
        } catch {
            for file in resetFiles { try? manager.removeItem(atPath: file) }
            Self.putBack(moved, removing: aside)
            if let error = error as? OperationError { throw error }
            throw OperationError("the lab could not be reset, and was left as it was: \(error)")
        }
    }

    private static func putBack(_ moved: [(original: String, kept: String)], removing aside: String) {
        for file in moved { try? FileManager.default.moveItem(atPath: file.kept, toPath: file.original) }
        try? FileManager.default.removeItem(atPath: aside)
    }
}
