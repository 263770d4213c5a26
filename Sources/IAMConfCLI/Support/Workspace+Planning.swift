import Foundation
import IAMConfCore
import IAMConfEngine
import IAMConfPolicy
import IAMConfState

/// Everything a plan was computed from, kept together so `apply` can go straight on.
struct PreparedPlan {
    var configuration: Configuration
    var desired: [Resource]
    var state: State?
    var plan: Plan
    /// What `plan --refresh` found changed outside iamconf (nil without `--refresh`).
    var drift: [Drift]? = nil
}

extension Workspace {
    /// Loads the configuration and the state and computes the plan; prints warnings, throws on errors.
    /// With `refresh`, the state is first read back from the backend (not saved) and the plan is
    /// made against what the backend has now.
    func preparePlan(targets: [String], destroy: Bool, refresh: Bool = false, terminal: Terminal) async throws -> PreparedPlan {
        // The state file is read on the other core while the configuration is parsed: at 100k
        // resources each takes about a second. Configuration errors are still reported first.
        async let loadedState = Result { try loadState() }
        let configuration = try loadConfiguration(terminal: terminal)
        if !destroy { try checkExpectations(configuration, terminal: terminal) }
        var state = try await loadedState.get()
        let descriptor = backendDescriptor(configuration)
        try checkBackend(state, descriptor)
        let desired = DesiredResources.from(configuration)
        let addresses = try targetAddresses(targets, desired: desired, state: state)
        var drift: [Drift]?
        if refresh {
            // With --target, only what the targeted plan looks at is read, as in Terraform.
            drift = []
            if let loaded = state {
                let result = try await self.refresh(loaded, desired: desired, targets: addresses, configuration: configuration, terminal: terminal)
                state = result.state
                drift = result.drift
            }
        }
        let plan = Planner().plan(desired: desired, prior: state, backend: descriptor, mode: destroy ? .destroy : .normal, targets: addresses)
        return PreparedPlan(configuration: configuration, desired: desired, state: state, plan: plan, drift: drift)
    }

    /// The `--target` arguments as addresses; each must name something the configuration or the state knows.
    private func targetAddresses(_ targets: [String], desired: [Resource], state: State?) throws -> [Address] {
        guard !targets.isEmpty else { return [] }
        var known = Set(desired.map(\.address))
        known.formUnion(state?.resources.keys.map { $0 } ?? [])
        let byText = Dictionary(known.map { ($0.description, $0) }, uniquingKeysWith: { first, _ in first })
        let addresses = try targets.map { text in
            if let exact = byText[text] { return exact }
            guard let address = Address(parsing: text) else {
                throw CLIError("'\(text)' is not a resource address", hint: "addresses look like target.role.S3Access or source.user.alice.group[developers]")
            }
            return address
        }
        let unknown = addresses.filter { target in !known.contains(target) && !known.contains { $0.owner == target } }
        if !unknown.isEmpty {
            throw CLIError(
                "no resource matches --target \(unknown.map(\.description).joined(separator: ", "))",
                hint: "run `iamconf state list` or `iamconf plan` to see the addresses")
        }
        return addresses
    }
}

extension Workspace {
    /// The configuration's access tests must pass before anything is planned: a change set that
    /// breaks a stated expectation is refused, not shown for approval.
    func checkExpectations(_ configuration: Configuration, terminal: Terminal) throws {
        guard !configuration.expectations.isEmpty else { return }
        let results = ExpectationRunner.run(configuration)
        guard !ExpectationRunner.allPassed(results) else { return }
        let failures = results.filter { !$0.isPassed }
        terminal.warn(failures.map(\.text).joined())
        throw CLIError(
            "\(failures.count) of \(results.count) access expectation\(results.count == 1 ? "" : "s") failed; nothing was planned",
            hint: "fix the configuration or the expectation; `iamconf test` shows every expectation with its explanation")
    }
}
