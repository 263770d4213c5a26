import IAMConfCore
import IAMConfEngine
import IAMConfState

/// `refresh`: reads every resource of the state back from its backend under the state lock and
/// saves the state when the backend differs. Nothing in the backend changes.
public struct RefreshOperation: Sendable {
    public var workspace: Workspace
    /// How many reads run at once.
    public var parallelism: Int

    public init(workspace: Workspace, parallelism: Int = 10) {
        self.workspace = workspace
        self.parallelism = parallelism
    }

    /// What a refresh found; `result` is nil when there is no state to refresh.
    public struct Outcome: Sendable {
        public var result: RefreshResult?
        /// Whether the state file was rewritten (only when something differed).
        public var isSaved: Bool
        /// What the accounts hold that the configuration does not declare; `refresh` only reports it.
        public var unmanaged: UnmanagedReport?
    }

    public func run(observer: some OperationObserver) async throws -> Outcome {
        let workspace = self.workspace
        let configuration = try workspace.loadConfiguration(observer: observer)
        return try await workspace.withStateLock(operation: "refresh", observer: observer) { store in
            guard let state = try workspace.loadState(from: store) else { return Outcome(result: nil, isSaved: false) }
            try workspace.checkBackend(state, workspace.backendDescriptor(configuration, recorded: state.backend))
            let result = try await Self.read(
                state, connection: BackendConnection(state.backend, configuration: configuration), factory: workspace.backendFactory,
                parallelism: parallelism, observer: observer)
            let unmanaged = try await UnmanagedObjectsReader.read(
                configuration: configuration, desired: DesiredResources.from(configuration), state: result.state,
                connection: BackendConnection(state.backend, configuration: configuration), factory: workspace.backendFactory,
                parallelism: max(1, parallelism))
            guard result.state.resources != state.resources else { return Outcome(result: result, isSaved: false, unmanaged: unmanaged) }
            var written = result
            written.state = try StoreSink(store: store).write(result.state)
            return Outcome(result: written, isSaved: true, unmanaged: unmanaged)
        }
    }

    /// Reads every resource of `state` back from its backend; unreadable ones are noted to the
    /// observer. With `targets`, only the resources a plan for those targets looks at are read.
    static func read(
        _ state: State, desired: [Resource] = [], targets: [Address] = [], connection: BackendConnection, factory: BackendFactory,
        parallelism: Int, observer: some OperationObserver
    ) async throws(OperationError) -> RefreshResult {
        let backend = try factory.makeBackend(connection, parallelism: parallelism)
        let result: RefreshResult
        do {
            result = try await Refresher(backend: backend, parallelism: parallelism).refresh(state, targets: targets, desired: desired)
        } catch {
            throw OperationError("refreshing the state failed: \(error)", hint: "nothing was changed; check the backend and run again")
        }
        for item in result.unreadable {
            observer.warning("Warning: \(item.address) was not refreshed: \(item.reason)")
        }
        // One note per attribute, not per resource: a large setup would print hundreds of lines.
        var byName: [String: [Address]] = [:]
        for item in result.unreported { for name in item.names { byName[name, default: []].append(item.address) } }
        for (name, addresses) in byName.sorted(by: { $0.key < $1.key }) {
            let shown = addresses.prefix(3).map(\.description).joined(separator: ", ")
            let more = addresses.count > 3 ? " and \(addresses.count - 3) more" : ""
            observer.warning(
                "Note: this endpoint does not report \(name), so iamconf kept the state's value for \(shown)\(more) "
                    + "(unknown, not drift; see docs/endpoint-quirks.md)")
        }
        return result
    }
}
