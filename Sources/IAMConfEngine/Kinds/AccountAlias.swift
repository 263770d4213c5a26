import IAMConfBackend
import IAMConfCore
import IAMConfState

/// The account's alias (IAM allows one). CreateAccountAlias replaces an existing alias, so a
/// change is the same call again.
struct AccountAliasKind: ResourceKind {
    var type: ResourceType { .accountAlias }
    var terraformType: String { "aws_iam_account_alias" }
    var replacingAttributes: Set<String> { [] }
    var importIDForm: String { "the alias (acme-target)" }

    func create(_ r: Resource, _ calls: BackendCalls) async throws(BackendError) -> IAMResponse {
        try await calls.send(.createAccountAlias(alias: r.string("alias") ?? ""), r.accountID)
    }

    func update(_ before: ResourceState, to after: Resource, changed: Set<String>, _ calls: BackendCalls) async throws(BackendError) -> Assigned {
        _ = try await create(after, calls)
        return Assigned()
    }

    func delete(_ before: ResourceState, _ calls: BackendCalls) async throws(BackendError) {
        try await calls.sendDeleting(.deleteAccountAlias(alias: ObjectKey(before).s("alias")), before.accountID)
    }

    func read(_ key: ObjectKey, _ calls: BackendCalls) async throws(BackendError) -> LiveObject? {
        guard let a = try await calls.get(.listAccountAliases, key), let alias = a.strings("aliases").first else { return nil }
        return LiveObject(attributes: ["alias": .string(alias)])
    }

    func importID(of resource: Resource) -> String { resource.string("alias") ?? "" }

    func key(forImportID id: String, in resource: Resource) throws(ImportError) -> ObjectKey {
        ObjectKey(accountID: resource.accountID, attributes: ["alias": .string(try ImportIDs.trimmed(id, resource, form: importIDForm))])
    }
}

extension ResourceType {
    public static let accountAlias = ResourceType(rawValue: "account_alias")
}
