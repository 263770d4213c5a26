import Foundation
import IAMConfCore
import IAMConfEngine
import IAMConfState

/// Everything a plan was computed from, kept together so `apply` can go straight on.
public struct PreparedPlan: Sendable {
    public var configuration: Configuration
    public var desired: [Resource]
    public var state: State?
    public var plan: Plan
    /// How to build the backend the plan is for (recorded by `plan --out`).
    public var backend: BackendConnection
    /// What `plan --refresh` found changed outside iamconf (nil without `refresh`).
    public var drift: [Drift]?
    /// What `plan --refresh` found in the accounts that the configuration does not declare (nil
    /// without `refresh`, or with `--target`); in `ownership: exclusive` accounts the plan deletes it.
    public var unmanaged: UnmanagedReport?
}

/// `plan` (and the planning half of `apply` and `destroy`): loads the configuration and the state,
/// optionally reads the backend back first, and computes the plan. Writes nothing.
public struct PlanOperation: Sendable {
    public var workspace: Workspace
    /// `--target` texts; each must name something the configuration or the state knows.
    public var targets: [String]
    public var isDestroy: Bool
    /// Read every resource back from the backend first (not saved) and plan against what it has now.
    public var refresh: Bool
    /// How many backend reads `refresh` runs at once.
    public var parallelism: Int
    /// Plan even when an access expectation fails (`--skip-expectations`, for emergencies); the
    /// failures are still evaluated and reported to the observer as a warning.
    public var skipsExpectations: Bool
    /// At most how many principals, groups, policies, trusts and buckets the plan may reach for its
    /// access changes to be computed (`PlanAccess.defaultLimit`); nil: always computed.
    public var accessChangeLimit: Int? = PlanAccess.defaultLimit

    public init(
        workspace: Workspace, targets: [String] = [], destroy: Bool = false, refresh: Bool = false, parallelism: Int = 10,
        skipsExpectations: Bool = false
    ) {
        self.workspace = workspace
        self.targets = targets
        self.isDestroy = destroy
        self.refresh = refresh
        self.parallelism = parallelism
        self.skipsExpectations = skipsExpectations
    }

    public func run(observer: some OperationObserver) async throws(OperationError) -> PreparedPlan {
        // The state file is read on the other core while the configuration is parsed: at 100k
        // resources each takes about a second. Configuration errors are still reported first.
        let workspace = self.workspace
        async let loadedState = Result { () throws(OperationError) -> State? in try workspace.loadState() }
        let configuration = try workspace.loadConfiguration(observer: observer)
        if !isDestroy { try workspace.checkExpectations(configuration, observer: observer, skippingFailures: skipsExpectations) }
        var state = try await loadedState.get()
        let connection = workspace.backendConnection(configuration, recorded: state?.backend)
        try workspace.checkBackend(state, connection.descriptor)
        let desired = DesiredResources.from(Workspace.plannable(configuration, on: connection.descriptor))
        let addresses = try targetAddresses(desired: desired, state: state)
        var drift: [Drift]?
        var unmanaged: UnmanagedReport?
        if refresh {
            // With targets, only what the targeted plan looks at is read, as in Terraform.
            drift = []
            if let loaded = state {
                let result = try await RefreshOperation.read(
                    loaded, desired: desired, targets: addresses, connection: BackendConnection(loaded.backend, configuration: configuration),
                    factory: workspace.backendFactory, parallelism: max(1, parallelism), observer: observer)
                state = result.state
                drift = result.drift
            }
            // Like Terraform's -target, a targeted plan looks at nothing beyond its targets.
            if addresses.isEmpty, !isDestroy {
                let report = try await UnmanagedObjectsReader.read(
                    configuration: configuration, desired: desired, state: state, connection: connection, factory: workspace.backendFactory,
                    parallelism: max(1, parallelism))
                unmanaged = report
                if !report.removals.isEmpty {
                    state = report.stateWithRemovals(state ?? workspace.newState(connection.descriptor))
                }
            }
        }
        var plan = Planner().plan(
            desired: desired, prior: state, backend: connection.descriptor, mode: isDestroy ? .destroy : .normal, targets: addresses)
        if let removed = unmanaged?.removalAddresses, !removed.isEmpty {
            for index in plan.changes.indices where plan.changes[index].action == .delete && removed.contains(plan.changes[index].address) {
                plan.changes[index].deleteReason = "not in the configuration"
            }
        }
        let accountNames = Dictionary(configuration.accounts.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        PlanAccess.annotate(&plan, prior: state, accountNames: accountNames, limit: accessChangeLimit)
        return PreparedPlan(configuration: configuration, desired: desired, state: state, plan: plan, backend: connection, drift: drift, unmanaged: unmanaged)
    }

    /// The target texts as addresses; each must name something the configuration or the state knows.
    private func targetAddresses(desired: [Resource], state: State?) throws(OperationError) -> [Address] {
        guard !targets.isEmpty else { return [] }
        var known = Set(desired.map(\.address))
        known.formUnion(state?.resources.keys.map { $0 } ?? [])
        let byText = Dictionary(known.map { ($0.description, $0) }, uniquingKeysWith: { first, _ in first })
        var addresses: [Address] = []
        for text in targets {
            if let exact = byText[text] {
                addresses.append(exact)
                continue
            }
            guard let address = Address(parsing: text) else {
                throw OperationError("'\(text)' is not a resource address", hint: "addresses look like target.role.S3Access or source.user.alice.group[developers]")
            }
            addresses.append(address)
        }
        let unknown = addresses.filter { target in !known.contains(target) && !known.contains { $0.owner == target } }
        if !unknown.isEmpty {
            throw OperationError(
                "no resource matches --target \(unknown.map(\.description).joined(separator: ", "))",
                hint: "run `iamconf state list` or `iamconf plan` to see the addresses")
        }
        return addresses
    }
}
