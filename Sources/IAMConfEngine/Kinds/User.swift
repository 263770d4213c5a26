import IAMConfBackend
import IAMConfCore
import IAMConfState

/// An IAM user. UpdateUser takes NewPath and NewUserName
/// (https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateUser.html): a new name is a
/// replacement unless the configuration declares the rename (`renamed_from:`), which keeps the
/// user's unique id, keys and login profile.
struct UserKind: RenamableKind {
    var type: ResourceType { .user }
    var terraformType: String { "aws_iam_user" }
    var replacingAttributes: Set<String> { ["name"] }
    var outputs: Set<String> { ["arn", "unique_id", "create_date"] }
    var knownAfterApply: [String] { ["arn", "unique_id"] }
    var uniqueNameAttribute: String? { "name" }
    var importIDForm: String { "the user name (alice)" }

    func reappliedAttribute(whenReplaced replaced: Address) -> String? {
        replaced.kind == .policy ? "permissions_boundary" : nil
    }

    func create(_ r: Resource, _ calls: BackendCalls) async throws(BackendError) -> IAMResponse {
        try await calls.send(
            .createUser(
                name: r.string("name") ?? "", path: r.string("path") ?? "/", tags: Values.tags(r.attributes["tags"]),
                permissionsBoundary: r.string("permissions_boundary")),
            r.accountID)
    }

    func update(_ before: ResourceState, to after: Resource, changed: Set<String>, _ calls: BackendCalls) async throws(BackendError) -> Assigned {
        let name = after.string("name") ?? ""
        let account = after.accountID
        let path = after.string("path") ?? "/"
        var outputs: [String: String] = [:]
        if changed.contains("name") {
            // Only a declared rename reaches here: the planner replaces the user otherwise.
            let oldName = before.attributes["name"]?.stringValue ?? name
            try await renameConverging(
                .updateUser(name: oldName, newPath: changed.contains("path") ? path : nil, newName: name), read: .getUser(name: name),
                before: before, accountID: account, calls)
            outputs["arn"] = ARN.iam(account: account, type: "user", path: path, name: name).description
        } else if changed.contains("path") {
            _ = try await calls.send(.updateUser(name: name, newPath: path), account)
            outputs["arn"] = ARN.iam(account: account, type: "user", path: path, name: name).description
        }
        if changed.contains("tags") {
            try await calls.retag(before, after, tag: { .tagUser(name: name, tags: $0) }, untag: { .untagUser(name: name, keys: $0) })
        }
        if changed.contains("permissions_boundary") {
            if let arn = after.string("permissions_boundary") {
                _ = try await calls.send(.putUserPermissionsBoundary(name: name, policyARN: arn), account)
            } else {
                try await calls.sendDeleting(.deleteUserPermissionsBoundary(name: name), account)
            }
        }
        return Assigned(outputs: outputs)
    }

    func delete(_ before: ResourceState, _ calls: BackendCalls) async throws(BackendError) {
        try await calls.sendDeleting(.deleteUser(name: before.attributes["name"]?.stringValue ?? ""), before.accountID)
    }

    func read(_ key: ObjectKey, _ calls: BackendCalls) async throws(BackendError) -> LiveObject? {
        guard let a = try await calls.get(.getUser(name: key.s("name")), key) else { return nil }
        return LiveObject(
            attributes: [
                "name": a.text("name"), "path": a.text("path"), "tags": a.tags("tags"),
                "permissions_boundary": a.nonEmptyText("permissions_boundary"),
            ],
            outputs: a.identifiers, unreported: a.unreported)
    }

    func importID(of resource: Resource) -> String { resource.string("name") ?? "" }

    func key(forImportID id: String, in resource: Resource) throws(ImportError) -> ObjectKey {
        ObjectKey(accountID: resource.accountID, attributes: ["name": .string(try ImportIDs.trimmed(id, resource, form: importIDForm))])
    }
}

extension ResourceType {
    public static let user = ResourceType(rawValue: "user")
}
