import IAMConfBackend
import IAMConfCore
import IAMConfState

/// Stands for a type the registry does not list (a state written by a newer iamconf). Loading
/// such a state is refused before the engine sees it; should one reach a kind anyway, every call
/// fails with the type's name instead of acting on an object iamconf does not understand.
struct UnknownKind: ResourceKind {
    let type: ResourceType
    var terraformType: String { type.rawValue }
    var replacingAttributes: Set<String> { [] }
    var importIDForm: String { "nothing: this iamconf does not know the type \(type)" }
    var adoptsUnclaimed: Bool { false }

    private var refusal: BackendError { BackendError(.unsupported, "this iamconf does not know the resource type \(type)") }

    func create(_ resource: Resource, _ calls: BackendCalls) async throws(BackendError) -> IAMResponse { throw refusal }
    func update(_ before: ResourceState, to after: Resource, changed: Set<String>, _ calls: BackendCalls) async throws(BackendError) -> Assigned {
        throw refusal
    }
    func delete(_ before: ResourceState, _ calls: BackendCalls) async throws(BackendError) { throw refusal }
    func read(_ key: ObjectKey, _ calls: BackendCalls) async throws(BackendError) -> LiveObject? { throw refusal }
    func importID(of resource: Resource) -> String { "" }
    func key(forImportID id: String, in resource: Resource) throws(ImportError) -> ObjectKey {
        throw ImportError(.badID, importIDForm)
    }
}
