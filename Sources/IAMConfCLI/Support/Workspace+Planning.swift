import Foundation
import IAMConfCore
import IAMConfEngine
import IAMConfState

/// Everything a plan was computed from, kept together so `apply` can go straight on.
struct PreparedPlan {
    var configuration: Configuration
    var desired: [Resource]
    var state: State?
    var plan: Plan
}

extension Workspace {
    /// Loads the configuration and the state and computes the plan; prints warnings, throws on errors.
    func preparePlan(targets: [String], destroy: Bool, terminal: Terminal) async throws -> PreparedPlan {
        let configuration = try loadConfiguration(terminal: terminal)
        let state = try loadState()
        let descriptor = backendDescriptor(configuration)
        try checkBackend(state, descriptor)
        var known = Set(DesiredResources.from(configuration).map(\.address))
        known.formUnion(state?.resources.keys.map { $0 } ?? [])
        let byText = Dictionary(known.map { ($0.description, $0) }, uniquingKeysWith: { first, _ in first })
        let addresses = try targets.map { text in
            if let exact = byText[text] { return exact }
            guard let address = Address(parsing: text) else {
                throw CLIError("'\(text)' is not a resource address", hint: "addresses look like target.role.S3Access or source.user.alice.group[developers]")
            }
            return address
        }
        let desired = DesiredResources.from(configuration)
        if !addresses.isEmpty {
            let unknown = addresses.filter { target in !known.contains(target) && !known.contains { $0.owner == target } }
            if !unknown.isEmpty {
                throw CLIError(
                    "no resource matches --target \(unknown.map(\.description).joined(separator: ", "))",
                    hint: "run `iamconf state list` or `iamconf plan` to see the addresses")
            }
        }
        let plan = Planner().plan(desired: desired, prior: state, backend: descriptor, mode: destroy ? .destroy : .normal, targets: addresses)
        return PreparedPlan(configuration: configuration, desired: desired, state: state, plan: plan)
    }
}
