import IAMConfBackend
import IAMConfCore
import IAMConfState

/// An organizational unit (`organization.unit.Workloads/Prod`), named by its path from the root.
/// The address is the path, so a renamed or moved unit is another resource: Organizations cannot
/// move a unit at all (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_ous.html).
struct OrganizationalUnitKind: ResourceKind {
    var type: ResourceType { .organizationalUnit }
    var terraformType: String { "aws_organizations_organizational_unit" }
    var replacingAttributes: Set<String> { ["name", "parent"] }
    var outputs: Set<String> { ["arn", "unique_id"] }
    var knownAfterApply: [String] { ["arn"] }
    var importIDForm: String { "the unit's path from the root (Workloads/Prod)" }

    func create(_ r: Resource, _ calls: BackendCalls) async throws(BackendError) -> IAMResponse {
        try await calls.send(.createOrganizationalUnit(path: Self.path(r.attributes)), r.accountID)
    }

    func update(_ before: ResourceState, to after: Resource, changed: Set<String>, _ calls: BackendCalls) async throws(BackendError) -> Assigned {
        Assigned()
    }

    func delete(_ before: ResourceState, _ calls: BackendCalls) async throws(BackendError) {
        try await calls.sendDeleting(.deleteOrganizationalUnit(path: Self.path(before.attributes)), before.accountID)
    }

    func read(_ key: ObjectKey, _ calls: BackendCalls) async throws(BackendError) -> LiveObject? {
        guard let a = try await calls.get(.describeOrganizationalUnit(path: Self.path(key.attributes)), key) else { return nil }
        return LiveObject(
            attributes: ["name": a.text("name"), "parent": a.text("parent")], outputs: a.identifiers.filter { $0.key != "create_date" },
            unreported: a.unreported)
    }

    /// The names from the root: the parent's (`ou/A/B`; `root`: none), then the unit's own.
    static func path(_ attributes: [String: JSONValue]) -> [String] {
        var path: [String] = []
        if case let .unit(parent)? = OrganizationTarget(parsing: attributes["parent"]?.stringValue ?? "") { path = parent }
        return path + [attributes["name"]?.stringValue ?? ""]
    }

    func importID(of resource: Resource) -> String { Self.path(resource.attributes).joined(separator: "/") }

    func key(forImportID id: String, in resource: Resource) throws(ImportError) -> ObjectKey {
        let path = try ImportIDs.trimmed(id, resource, form: importIDForm).split(separator: "/").map(String.init)
        let parent = path.count > 1 ? "ou/" + path.dropLast().joined(separator: "/") : "root"
        return ObjectKey(accountID: resource.accountID, attributes: ["name": .string(path.last ?? ""), "parent": .string(parent)])
    }
}

extension ResourceType {
    public static let organizationalUnit = ResourceType(rawValue: "organizational_unit")
}
