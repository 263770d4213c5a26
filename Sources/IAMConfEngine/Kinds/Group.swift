import IAMConfBackend
import IAMConfCore
import IAMConfState

/// An IAM group. UpdateGroup takes NewPath and NewGroupName
/// (https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateGroup.html): a new name is a
/// replacement unless the configuration declares the rename (`renamed_from:`), which keeps the
/// group's unique id, members and policies.
struct GroupKind: RenamableKind {
    var type: ResourceType { .group }
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
        if changed.contains("name") {
            // Only a declared rename reaches here: the planner replaces the group otherwise.
            let oldName = before.attributes["name"]?.stringValue ?? name
            try await renameConverging(
                .updateGroup(name: oldName, newPath: changed.contains("path") ? path : nil, newName: name), read: .getGroup(name: name),
                before: before, accountID: after.accountID, calls)
        } else {
            _ = try await calls.send(.updateGroup(name: name, newPath: path), after.accountID)
        }
        return Assigned(outputs: ["arn": ARN.iam(account: after.accountID, type: "group", path: path, name: name).description])
    }

    func delete(_ before: ResourceState, _ calls: BackendCalls) async throws(BackendError) {
        try await calls.sendDeleting(.deleteGroup(name: before.attributes["name"]?.stringValue ?? ""), before.accountID)
    }

    func read(_ key: ObjectKey, _ calls: BackendCalls) async throws(BackendError) -> LiveObject? {
        guard let a = try await calls.get(.getGroup(name: key.s("name")), key) else { return nil }
        return LiveObject(
            attributes: ["name": a.text("name"), "path": a.text("path")], outputs: a.identifiers,
            unreported: a.unreported)
    }

    func importID(of resource: Resource) -> String { resource.string("name") ?? "" }

    func key(forImportID id: String, in resource: Resource) throws(ImportError) -> ObjectKey {
        ObjectKey(accountID: resource.accountID, attributes: ["name": .string(try ImportIDs.trimmed(id, resource, form: importIDForm))])
    }
}

extension ResourceType {
    public static let group = ResourceType(rawValue: "group")
}
