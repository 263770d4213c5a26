import IAMConfBackend
import IAMConfCore
import IAMConfState

/// Reads every resource of a state back from the backend and reports what changed outside iamconf,
/// like `terraform refresh`: the refreshed state holds what the backend has now, so a plan made
/// against it undoes (or keeps up with) the drift.
///
/// Only what a read can see is refreshed; inputs the backend does not report (an access key's
/// index, a service-linked role's suffix) keep the state's value. Documents are compared for
/// meaning, so IAM reformatting a policy is not drift.
public struct Refresher: Sendable {
    public var backend: any Backend
    /// How many reads run at once.
    public var parallelism: Int
    public var documentsEqual: @Sendable (JSONValue, JSONValue) -> Bool

    public init(
        backend: any Backend, parallelism: Int = 10,
        documentsEqual: @escaping @Sendable (JSONValue, JSONValue) -> Bool = PolicyComparison.semanticallyEqual
    ) {
        self.backend = backend
        self.parallelism = max(1, parallelism)
        self.documentsEqual = documentsEqual
    }

    /// The state as the backend has it now, and the drift. The lineage and serial are unchanged;
    /// saving the result is the caller's choice (`refresh` saves, `plan --refresh` does not).
    public func refresh(_ state: State) async throws(RefreshError) -> RefreshResult {
        try await refresh(state, limitedTo: nil)
    }

    /// Like `refresh(_:)`, but reads only what a plan for `targets` looks at (the targets, their
    /// relationships, what they depend on and what depends on them), as Terraform's `-target`
    /// does; every other resource is left as the state has it. No targets: everything.
    public func refresh(_ state: State, targets: [Address], desired: [Resource]) async throws(RefreshError) -> RefreshResult {
        guard !targets.isEmpty else { return try await refresh(state, limitedTo: nil) }
        let byAddress = Dictionary(desired.map { ($0.address, $0) }, uniquingKeysWith: { first, _ in first })
        let scope = Planner().targetScope(targets, desired: byAddress, prior: state.resources, going: Set(state.resources.keys))
        return try await refresh(state, limitedTo: scope)
    }

    func refresh(_ state: State, limitedTo scope: Set<Address>?) async throws(RefreshError) -> RefreshResult {
        let resources = state.sortedResources.filter { scope?.contains($0.address) ?? true }
        let outcomes = await Self.boundedMap(resources, limit: parallelism) { resource in await self.outcome(resource) }
        var refreshed = state
        var drift: [Drift] = []
        var unreadable: [UnreadableResource] = []
        var unknown: [UnreportedAttributes] = []
        for (resource, outcome) in zip(resources, outcomes) {
            switch outcome {
            case let .read(updated, changes, unreported):
                refreshed.resources[resource.address] = updated
                if !unreported.isEmpty { unknown.append(UnreportedAttributes(address: resource.address, names: unreported)) }
                if !changes.isEmpty { drift.append(Drift(address: resource.address, kind: .changed, before: resource, changes: changes)) }
            case .gone:
                refreshed.resources[resource.address] = nil
                drift.append(Drift(address: resource.address, kind: .deleted, before: resource))
            case let .unreadable(reason):
                unreadable.append(UnreadableResource(address: resource.address, reason: reason))
            case let .failed(error):
                throw RefreshError(address: resource.address, error: error)
            }
        }
        return RefreshResult(state: refreshed, drift: drift, unreadable: unreadable, unreported: unknown)
    }

    enum Outcome: Sendable {
        /// The refreshed resource, its drift, and the attributes the backend does not report.
        case read(ResourceState, [AttributeDrift], [String])
        case gone
        case unreadable(String)
        case failed(BackendError)
    }

    func outcome(_ resource: ResourceState) async -> Outcome {
        let type = resource.type
        guard type.isKnown else {
            return .unreadable("iamconf does not know the resource type \(resource.type)")
        }
        do {
            guard let live = try await type.kind.read(ObjectKey(resource), BackendCalls(backend: backend)) else { return .gone }
            let (updated, changes) = reconcile(resource, type: type, with: live)
            // Only a value iamconf set is worth a note: an unset one stays unset either way.
            let unknown = live.unreported.filter { (resource.attributes[$0] ?? .null) != .null }.sorted()
            return .read(updated, changes, unknown)
        } catch where error.code == .unsupported {
            return .unreadable(error.message)
        } catch {
            return .failed(error)
        }
    }

    /// The state's resource with the live values written over it, and the attributes that differed.
    /// Documents that mean the same keep the state's spelling, so the plan shows no change for them.
    func reconcile(_ stored: ResourceState, type: ResourceType, with live: LiveObject) -> (ResourceState, [AttributeDrift]) {
        var updated = stored
        let changes = LiveComparison(kind: type.kind, documentsEqual: documentsEqual).differences(stored.attributes, live)
        for change in changes { updated.attributes[change.name] = change.after }
        updated.outputs.merge(live.outputs) { _, new in new }
        return (updated, changes)
    }

    /// `body` over `items` with at most `limit` running at once; results in the items' order.
    static func boundedMap<Item: Sendable, Result: Sendable>(
        _ items: [Item], limit: Int, _ body: @escaping @Sendable (Item) async -> Result
    ) async -> [Result] {
        await withTaskGroup(of: (Int, Result).self) { group in
            var results = [Result?](repeating: nil, count: items.count)
            var next = 0
            while next < min(limit, items.count) {
                let index = next
                group.addTask { (index, await body(items[index])) }
                next += 1
            }
            while let (index, result) = await group.next() {
                results[index] = result
                if next < items.count {
                    let index = next
                    group.addTask { (index, await body(items[index])) }
                    next += 1
                }
            }
            return results.compactMap { $0 }
        }
    }
}
