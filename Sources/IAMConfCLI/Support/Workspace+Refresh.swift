import Foundation
import IAMConfCore
import IAMConfEngine
import IAMConfState

// Refresh (`plan --refresh`, `refresh`) and import: the commands that read the backend.

extension Workspace {
    /// Reads every resource of `state` back from its backend. Unreadable kinds are noted on stderr.
    /// With `targets`, only the resources a plan for those targets looks at are read.
    func refresh(
        _ state: State, desired: [Resource] = [], targets: [Address] = [], configuration: Configuration?, parallelism: Int = 10,
        terminal: Terminal
    ) async throws -> RefreshResult {
        let backend = try makeBackend(state.backend, configuration: configuration, parallelism: parallelism)
        let result: RefreshResult
        do {
            result = try await Refresher(backend: backend, parallelism: parallelism).refresh(state, targets: targets, desired: desired)
        } catch {
            throw CLIError("refreshing the state failed: \(error)", hint: "nothing was changed; check the backend and run again")
        }
        for item in result.unreadable {
            terminal.warn("Warning: \(item.address) was not refreshed: \(item.reason)")
        }
        return result
    }

    /// `iamconf refresh`: refreshes under the lock and saves the state when the backend differs.
    func refreshAndSave(parallelism: Int, terminal: Terminal) async throws -> (RefreshResult?, saved: Bool) {
        let configuration = try loadConfiguration(terminal: terminal)
        return try await withStateLock(operation: "refresh", terminal: terminal) { store in
            guard let state = try loadState() else { return (nil, false) }
            try checkBackend(state, backendDescriptor(configuration))
            let result = try await refresh(state, configuration: configuration, parallelism: parallelism, terminal: terminal)
            guard result.state.resources != state.resources else { return (result, false) }
            var written = result
            written.state = try StoreSink(store: store).write(result.state)
            return (written, true)
        }
    }

    /// `iamconf import`: adopts the object `id` names into the state at `addressText`.
    /// Returns the recorded resource and how it still differs from the configuration (nil: it does not).
    func importResource(addressText: String, id: String, terminal: Terminal) async throws -> (ResourceState, ResourceChange?) {
        let configuration = try loadConfiguration(terminal: terminal)
        guard Address(parsing: addressText) != nil else {
            throw CLIError("'\(addressText)' is not a resource address", hint: "addresses look like target.user.alice or target.user.alice.group[developers]")
        }
        let desired = DesiredResources.from(configuration)
        guard let resource = desired.first(where: { $0.address.description == addressText }) else {
            throw CLIError(
                "the configuration does not declare \(addressText)",
                hint: "declare the resource in the configuration first, then import it; `iamconf plan` lists the addresses the configuration declares")
        }
        let descriptor = backendDescriptor(configuration)
        return try await withStateLock(operation: "import", terminal: terminal) { store in
            let current = try loadState()
            try checkBackend(current, descriptor)
            if current?.resources[resource.address] != nil {
                throw CLIError(
                    "\(addressText) is already in the state",
                    hint: "iamconf already manages it; to import a different object, run `iamconf state rm \(addressText)` first")
            }
            let backend = try makeBackend(descriptor, configuration: configuration, parallelism: 1)
            let imported: ResourceState
            do throws(ImportError) {
                imported = try await Importer(backend: backend).importResource(resource, id: id)
            } catch {
                throw CLIError(error.message, hint: error.code == .badID ? "\(addressText) takes \(Importer.idForm(resource.type))" : nil)
            }
            var state = current ?? newState(descriptor)
            if let arn = imported.outputs["arn"],
               let other = state.resources.values.first(where: { $0.type == imported.type && $0.outputs["arn"] == arn }) {
                throw CLIError("\(id) is already managed by iamconf as \(other.address)", hint: "an object can be in the state only once")
            }
            state.resources[resource.address] = imported
            _ = try StoreSink(store: store).write(state)
            let remaining = Planner().plan(desired: [resource], prior: State(lineage: state.lineage, resources: [resource.address: imported]), backend: descriptor)
            return (imported, remaining.changes.first)
        }
    }
}
