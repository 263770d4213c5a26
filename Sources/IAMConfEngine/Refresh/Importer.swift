import Foundation
import IAMConfBackend
import IAMConfCore
import IAMConfState

/// Adopts an object that already exists in the backend into the state, like `terraform import`:
/// the configuration says where it belongs (an address it declares), the import id says which
/// object it is, and the backend says what it looks like. A plan then shows whatever still differs.
public struct Importer: Sendable {
    public var backend: any Backend

    public init(backend: any Backend) {
        self.backend = backend
    }

    /// Which import id each resource type takes, for the command's help and error messages.
    public static func idForm(_ type: ResourceType) -> String { type.importIDForm }

    /// Reads the object `id` names and returns the state entry for `resource`: the configuration's
    /// attributes overwritten by what the backend has, the backend's identifiers, no secrets
    /// (IAM never returns them again).
    public func importResource(_ resource: Resource, id: String) async throws(ImportError) -> ResourceState {
        let kind = resource.type.kind
        let key = try kind.key(forImportID: id, in: resource)
        let live: LiveObject?
        do {
            live = try await kind.read(key, BackendCalls(backend: backend))
        } catch {
            throw ImportError(.backend, "reading \(id) for \(resource.address) failed: \(error)")
        }
        guard let live else {
            throw ImportError(.notFound, "\(id) does not exist in account \(resource.accountID), so it cannot be imported into \(resource.address)")
        }
        var state = ResourceState(
            address: resource.address, type: resource.type, accountID: resource.accountID,
            attributes: resource.attributes, outputs: key.outputs, dependencies: resource.dependencies)
        for (name, value) in key.attributes { state.attributes[name] = value }
        for (name, value) in live.attributes where !live.unreported.contains(name) {
            if kind.unsetMeansDefault && (resource.attributes[name] ?? .null) == .null { continue }
            state.attributes[name] = value
        }
        state.outputs.merge(live.outputs) { _, new in new }
        return state
    }
}

/// Why an import was refused.
public struct ImportError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        /// The id does not have the form the resource type takes.
        case badID = "bad-import-id"
        /// The backend has no such object.
        case notFound = "import-not-found"
        /// The backend failed while reading.
        case backend = "backend-error"
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
