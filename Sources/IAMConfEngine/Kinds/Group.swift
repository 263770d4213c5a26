import IAMConfBackend
import IAMConfCore
import IAMConfState

/// An IAM group. UpdateGroup takes NewPath, so only the name forces a replacement
/// (https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateGroup.html).
struct GroupKind: ResourceKind {
    var terraformType: String { "aws_iam_group" }
    var replacingAttributes: Set<String> { ["name"] }
    var outputs: Set<String> { ["arn", "unique_id", "create_date"] }
    var knownAfterApply: [String] { ["arn", "unique_id"] }
    var uniqueNameAttribute: String? { "name" }
    var importIDForm: String { "the group name (developers)" }

    func create(_ r: Resource, _ calls: BackendCalls) async throws(BackendError) -> IAMResponse {
        try await calls.send(.createGroup(name: r.string("name") ?? "", path: r.string("path") ?? "/"), r.accountID)
    }

    func update(_ before: ResourceState, to after: Resource, changed: Set<String>, _ calls: BackendCalls) async throws(BackendError) -> Assigned {
        let name = after.string("name") ?? ""
        let path = after.string("path") ?? "/"
        _ = try await calls.send(.updateGroup(name: name, newPath: path), after.accountID)
        return Assigned(outputs: ["arn": ARN.iam(account: after.accountID, type: "group", path: path, name: name).description])
    }

    func delete(_ before: ResourceState, _ calls: BackendCalls) async throws(BackendError) {
        try await calls.sendDeleting(.deleteGroup(name: before.attributes["name"]?.stringValue ?? ""), before.accountID)
    }

    func read(_ key: ObjectKey, _ calls: BackendCalls) async throws(BackendError) -> LiveObject? {
        guard let a = try await calls.get(.getGroup(name: key.s("name")), key) else { return nil }
        return LiveObject(
            attributes: ["name": Values.string(a["name"]), "path": Values.string(a["path"])], outputs: Values.identifiers(a),
            unreported: a.unreported)
    }

    func importID(of resource: Resource) -> String { resource.string("name") ?? "" }

    func key(forImportID id: String, in resource: Resource) throws(ImportError) -> ObjectKey {
        ObjectKey(accountID: resource.accountID, attributes: ["name": .string(try ImportIDs.trimmed(id, resource, form: importIDForm))])
    }
}
