import IAMConfCore
import IAMConfEngine
import IAMConfState

/// `import ADDRESS ID`: reads the object `id` names from the backend and records it in the state at
/// an address the configuration declares. Nothing in the backend changes.
public struct ImportOperation: Sendable {
    public var workspace: Workspace
    /// The address text as given (`target.user.alice`).
    public var address: String
    /// The object's IAM id: a name, an ARN or ENTITY/NAME, depending on the address.
    public var id: String

    public init(workspace: Workspace, address: String, id: String) {
        self.workspace = workspace
        self.address = address
        self.id = id
    }

    public struct Outcome: Sendable {
        /// The resource as recorded in the state.
        public var imported: ResourceState
        /// How it still differs from the configuration; nil when it does not.
        public var remaining: ResourceChange?
    }

    public func run(observer: some OperationObserver) async throws -> Outcome {
        let workspace = self.workspace
        let configuration = try workspace.loadConfiguration(observer: observer)
        guard Address(parsing: address) != nil else {
            throw OperationError("'\(address)' is not a resource address", hint: "addresses look like target.user.alice or target.user.alice.group[developers]")
        }
        let desired = DesiredResources.from(configuration)
        guard let resource = desired.first(where: { $0.address.description == address }) else {
            throw OperationError(
                "the configuration does not declare \(address)",
                hint: "declare the resource in the configuration first, then import it; `iamconf plan` lists the addresses the configuration declares")
        }
        return try await workspace.withStateLock(operation: "import", observer: observer) { store in
            let current = try workspace.loadState(from: store)
            let connection = workspace.backendConnection(configuration, recorded: current?.backend)
            try workspace.checkBackend(current, connection.descriptor)
            if current?.resources[resource.address] != nil {
                throw OperationError(
                    "\(address) is already in the state",
                    hint: "iamconf already manages it; to import a different object, run `iamconf state rm \(address)` first")
            }
            let backend = try workspace.backendFactory.makeBackend(connection, parallelism: 1)
            let imported: ResourceState
            do throws(ImportError) {
                imported = try await Importer(backend: backend).importResource(resource, id: id)
            } catch {
                throw OperationError(error.message, hint: error.code == .badID ? "\(address) takes \(Importer.idForm(resource.type))" : nil)
            }
            var state = current ?? workspace.newState(connection.descriptor)
            if let arn = imported.outputs["arn"],
               let other = state.resources.values.first(where: { $0.type == imported.type && $0.outputs["arn"] == arn }) {
                throw OperationError("\(id) is already managed by iamconf as \(other.address)", hint: "an object can be in the state only once")
            }
            state.resources[resource.address] = imported
            _ = try StoreSink(store: store).write(state)
            let remaining = Planner().plan(
                desired: [resource], prior: State(lineage: state.lineage, resources: [resource.address: imported]), backend: connection.descriptor)
            return Outcome(imported: imported, remaining: remaining.changes.first)
        }
    }
}
