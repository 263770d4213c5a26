import IAMConfBackend

extension ConformanceCase {
    /// Runs the case against `backend` in `account`: every step in order, stopping at the first
    /// that misbehaves but still running the cleanup steps.
    ///
    /// - Parameter runID: goes into every name; give a fresh one per run on a shared server.
    public func run(on backend: any Backend, account: String, runID: String) async -> ConformanceResult {
        var context = ConformanceContext(account: account, runID: runID)
        var failures: [String] = []
        for (index, step) in steps.enumerated() {
            if !failures.isEmpty && !step.isCleanup { continue }
            let request = step.request(context)
            let label = "step \(index + 1) (\(request.actionName))"
            do {
                let response = try await backend.perform(request, in: account)
                guard !step.isCleanup else { continue }
                if case let .failure(code) = step.expected {
                    failures.append("\(label): expected \(code.rawValue), got success")
                    continue
                }
                if let problem = step.check?(response, context) { failures.append("\(label): \(problem)") }
                if let save = step.save { context.saved.merge(save(response)) { $1 } }
            } catch {
                guard !step.isCleanup else { continue }
                if case let .failure(code) = step.expected, code == error.code { continue }
                if step.expected == .any { continue }
                failures.append("\(label): expected \(step.expected), got \(error.rawCode): \(error.message)")
            }
        }
        let kind = backend.descriptor.kind.rawValue
        return ConformanceResult(
            caseName: name, backendKind: kind, failures: failures,
            knownDeviation: failures.isEmpty ? nil : knownDeviations[kind])
    }

    /// Runs the case with a fresh random run id.
    public func run(on backend: any Backend, account: String) async -> ConformanceResult {
        await run(on: backend, account: account, runID: ConformanceSuite.makeRunID())
    }
}

/// The whole suite: every case, and a runner over all of them.
public enum ConformanceSuite {
    /// Every case, in a stable order.
    public static var all: [ConformanceCase] {
        ConformanceCases.identifiers + ConformanceCases.users + ConformanceCases.secrets + ConformanceCases.mfaDevices + ConformanceCases.groups + ConformanceCases.renames + ConformanceCases.roles + ConformanceCases.policies
            + ConformanceCases.attachments + ConformanceCases.inlinePolicies + ConformanceCases.instanceProfiles
            + ConformanceCases.providers + ConformanceCases.account + ConformanceCases.buckets + ConformanceCases.lists
    }

    /// Six lowercase letters and digits.
    public static func makeRunID() -> String {
        String((0..<6).map { _ in Array("abcdefghijklmnopqrstuvwxyz0123456789").randomElement() ?? "x" })
    }

    /// Runs every case one after another (they share the backend, so not concurrently).
    public static func runAll(on backend: any Backend, account: String) async -> [ConformanceResult] {
        var results: [ConformanceResult] = []
        for conformanceCase in all {
            results.append(await conformanceCase.run(on: backend, account: account))
        }
        return results
    }
}

/// The cases, grouped by resource kind in `ConformanceCases+*.swift`.
public enum ConformanceCases {}
