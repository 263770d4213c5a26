import IAMConfBackend
import IAMConfCore
import IAMConfState

/// Everything iamconf knows about one kind of resource, in one place: which attributes force a
/// replacement and why, what the backend assigns, the IAM calls that create, update and delete it,
/// how to read it back, how to recognise an existing object as the desired one, and its import id.
///
/// The planner, applier, refresher, importer and renderer ask the kind; none of them switches over
/// kinds (terraform-provider-aws keeps a resource's schema and CRUD together the same way).
/// Adding a kind is one file here and one line in `KindRegistry.kinds`.
protocol ResourceKind: Sendable {
    /// The type this kind manages; its file declares it (`extension ResourceType { static let … }`).
    var type: ResourceType { get }
    /// Attributes whose change cannot be made in place, following what IAM's Update* calls allow.
    var replacingAttributes: Set<String> { get }
    /// Attributes holding policy documents, compared for meaning rather than spelling.
    var documentAttributes: Set<String> { get }
    /// The identifiers the backend assigns and the state keeps (`arn`, `unique_id`, …).
    var outputs: Set<String> { get }
    /// The Terraform AWS provider's resource type for the same object, for the JSON plan.
    var terraformType: String { get }
    /// Secrets the backend generates, under the AWS provider's names (`secret`, `password`).
    var secrets: [String] { get }
    /// Outputs a plan shows as `(known after apply)`.
    var knownAfterApply: [String] { get }
    /// The attribute that names the object where IAM keeps names unique (case-insensitively), so
    /// a create waits for the delete of an object with the same name; nil where there is none.
    var uniqueNameAttribute: String? { get }
    /// The attribute to put again on a resource of this kind when `replaced`, which it only refers
    /// to, is recreated (a boundary policy, a trusted user); nil: it hangs off it and is replaced too.
    func reappliedAttribute(whenReplaced replaced: Address) -> String?

    /// The calls that bring the object into being; the answer carries what the backend assigned.
    func create(_ resource: Resource, _ calls: BackendCalls) async throws(BackendError) -> IAMResponse
    /// Changes `changed` in place; returns outputs that changed (a new ARN after a path change, …)
    /// and secrets the backend generated (a new console password).
    func update(
        _ before: ResourceState, to after: Resource, changed: Set<String>, _ calls: BackendCalls
    ) async throws(BackendError) -> Assigned
    /// Deletes the object; one that is already gone is no error.
    func delete(_ before: ResourceState, _ calls: BackendCalls) async throws(BackendError)
    /// What the backend holds for the object `key` identifies; nil when it does not exist.
    func read(_ key: ObjectKey, _ calls: BackendCalls) async throws(BackendError) -> LiveObject?

    /// Whether a setting the configuration leaves unset takes the backend's default, so a read
    /// reporting that default is neither drift nor a difference (the password policy).
    var unsetMeansDefault: Bool { get }

    /// Whether a failed create means the object is already there.
    func alreadyExists(_ error: BackendError) -> Bool
    /// Whether an existing object that matches the configuration may be adopted although nothing
    /// shows iamconf made it. False where adopting would mean holding something whose secret
    /// iamconf cannot know (a console password, an access key).
    var adoptsUnclaimed: Bool { get }
    /// What adoption must do beyond recording the object (a login profile gets a new password,
    /// since its old one was never learnt); the answer's secrets and outputs are recorded.
    func completeAdoption(_ resource: Resource, _ calls: BackendCalls) async throws(BackendError) -> IAMResponse?

    /// How `iamconf import` names an object of this kind, for help and messages.
    var importIDForm: String { get }
    /// The import id of the object `resource` describes (for the hint an unadoptable object gets).
    func importID(of resource: Resource) -> String
    /// The attributes and outputs that identify the object an import id names.
    func key(forImportID id: String, in resource: Resource) throws(ImportError) -> ObjectKey
}

extension ResourceKind {
    var documentAttributes: Set<String> { [] }
    var outputs: Set<String> { [] }
    var knownAfterApply: [String] { [] }
    var secrets: [String] { [] }
    var uniqueNameAttribute: String? { nil }
    func reappliedAttribute(whenReplaced replaced: Address) -> String? { nil }
    func alreadyExists(_ error: BackendError) -> Bool { error.code == .entityAlreadyExists }
    var unsetMeansDefault: Bool { false }
    var adoptsUnclaimed: Bool { true }
    func completeAdoption(_ resource: Resource, _ calls: BackendCalls) async throws(BackendError) -> IAMResponse? { nil }
}

/// What a read or an import id identifies an object by: the state's (or configuration's)
/// attributes and the identifiers the backend assigned.
struct ObjectKey: Sendable {
    var accountID: String
    var attributes: [String: JSONValue]
    var outputs: [String: String]

    init(accountID: String, attributes: [String: JSONValue], outputs: [String: String] = [:]) {
        self.accountID = accountID
        self.attributes = attributes
        self.outputs = outputs
    }

    init(_ resource: Resource) {
        self.init(accountID: resource.accountID, attributes: resource.attributes)
    }

    init(_ state: ResourceState) {
        self.init(accountID: state.accountID, attributes: state.attributes, outputs: state.outputs)
    }

    func s(_ name: String) -> String { attributes[name]?.stringValue ?? "" }
}

/// What the backend holds for one resource, spelled as the state spells it.
struct LiveObject: Sendable, Hashable {
    /// The attributes the read could see (a subset of the state's keys; the rest are not readable,
    /// like an access key's `index`).
    var attributes: [String: JSONValue]
    /// Identifiers the backend reports (`arn`, `unique_id`, `create_date`, …).
    var outputs: [String: String] = [:]
    /// Attributes this backend never reports: unknown, so neither drift nor a difference.
    var unreported: Set<String> = []
}

/// What an update assigned: outputs that changed, and secrets the backend generated.
struct Assigned: Sendable, Hashable {
    var outputs: [String: String] = [:]
    var secrets: [String: String] = [:]
}
