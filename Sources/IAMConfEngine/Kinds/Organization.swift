import IAMConfBackend
import IAMConfCore
import IAMConfState

/// The AWS Organizations organization (`organization.root`), made by its management account with
/// every feature enabled, as SCPs need. Nothing about it changes in place: another management
/// account or feature set is another organization.
/// https://docs.aws.amazon.com/organizations/latest/APIReference/API_CreateOrganization.html
struct OrganizationKind: ResourceKind {
    var type: ResourceType { .organization }
    var terraformType: String { "aws_organizations_organization" }
    var replacingAttributes: Set<String> { ["management_account_id", "feature_set"] }
    var outputs: Set<String> { ["arn", "unique_id"] }
    var knownAfterApply: [String] { ["arn"] }
    var importIDForm: String { "the management account id (111111111111)" }

    func create(_ r: Resource, _ calls: BackendCalls) async throws(BackendError) -> IAMResponse {
        try await calls.send(.createOrganization(featureSet: r.string("feature_set") ?? "ALL"), r.accountID)
    }

    func update(_ before: ResourceState, to after: Resource, changed: Set<String>, _ calls: BackendCalls) async throws(BackendError) -> Assigned {
        Assigned()
    }

    /// DeleteOrganization; its units, policies and members went first (they depend on it).
    func delete(_ before: ResourceState, _ calls: BackendCalls) async throws(BackendError) {
        try await calls.sendDeleting(.deleteOrganization, before.accountID)
    }

    /// The organization the management account runs; nil when it runs none.
    func read(_ key: ObjectKey, _ calls: BackendCalls) async throws(BackendError) -> LiveObject? {
        guard let a = try await calls.get(.describeOrganization, key) else { return nil }
        return LiveObject(
            attributes: ["management_account_id": a.text("management_account_id"), "feature_set": a.text("feature_set")],
            outputs: a.identifiers.filter { $0.key != "create_date" }, unreported: a.unreported)
    }

    func importID(of resource: Resource) -> String { resource.accountID }

    func key(forImportID id: String, in resource: Resource) throws(ImportError) -> ObjectKey {
        _ = try ImportIDs.trimmed(id, resource, form: importIDForm)
        return ObjectKey(resource)
    }
}

extension ResourceType {
    public static let organization = ResourceType(rawValue: "organization")
}
