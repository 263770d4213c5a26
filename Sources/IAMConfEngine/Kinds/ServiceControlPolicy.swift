import IAMConfBackend
import IAMConfCore
import IAMConfState

/// A service control policy (`organization.scp.DenyWrites`). UpdatePolicy changes its description
/// and document in place; only the name names it.
/// https://docs.aws.amazon.com/organizations/latest/APIReference/API_UpdatePolicy.html
struct ServiceControlPolicyKind: ResourceKind {
    var type: ResourceType { .serviceControlPolicy }
    var terraformType: String { "aws_organizations_policy" }
    var replacingAttributes: Set<String> { ["name"] }
    var documentAttributes: Set<String> { ["document"] }
    var outputs: Set<String> { ["arn", "unique_id"] }
    var knownAfterApply: [String] { ["arn"] }
    var importIDForm: String { "the policy name (DenyWrites)" }

    func create(_ r: Resource, _ calls: BackendCalls) async throws(BackendError) -> IAMResponse {
        try await calls.send(
            .createServiceControlPolicy(name: r.string("name") ?? "", description: r.string("description"), document: Values.text(r.attributes["document"])),
            r.accountID)
    }

    func update(_ before: ResourceState, to after: Resource, changed: Set<String>, _ calls: BackendCalls) async throws(BackendError) -> Assigned {
        _ = try await calls.send(
            .updateServiceControlPolicy(
                name: after.string("name") ?? "", description: after.string("description"), document: Values.text(after.attributes["document"])),
            after.accountID)
        return Assigned()
    }

    func delete(_ before: ResourceState, _ calls: BackendCalls) async throws(BackendError) {
        try await calls.sendDeleting(.deleteServiceControlPolicy(name: ObjectKey(before).s("name")), before.accountID)
    }

    func read(_ key: ObjectKey, _ calls: BackendCalls) async throws(BackendError) -> LiveObject? {
        guard let a = try await calls.get(.describeServiceControlPolicy(name: key.s("name")), key) else { return nil }
        return LiveObject(
            attributes: ["name": a.text("name"), "description": a.nonEmptyText("description"), "document": a.document("document")],
            outputs: a.identifiers.filter { $0.key != "create_date" }, unreported: a.unreported)
    }

    func importID(of resource: Resource) -> String { resource.string("name") ?? "" }

    func key(forImportID id: String, in resource: Resource) throws(ImportError) -> ObjectKey {
        ObjectKey(accountID: resource.accountID, attributes: ["name": .string(try ImportIDs.trimmed(id, resource, form: importIDForm))])
    }
}

extension ResourceType {
    public static let serviceControlPolicy = ResourceType(rawValue: "service_control_policy")
}
