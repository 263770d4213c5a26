import IAMConfBackend
import IAMConfCore
import IAMConfState

/// A member account and the unit it sits in (`organization.account.target`). Joining is
/// InviteAccountToOrganization (the management account is a member from the start); a new parent
/// is MoveAccount, in place; leaving is RemoveAccountFromOrganization, except for the management
/// account, which cannot leave and goes back to the root.
/// https://docs.aws.amazon.com/organizations/latest/APIReference/API_MoveAccount.html
struct OrganizationAccountKind: ResourceKind {
    var type: ResourceType { .organizationAccount }
    var terraformType: String { "aws_organizations_account" }
    var replacingAttributes: Set<String> { ["account_id"] }
    var importIDForm: String { "the account id (111111111111)" }

    func create(_ r: Resource, _ calls: BackendCalls) async throws(BackendError) -> IAMResponse {
        let accountID = r.string("account_id") ?? ""
        var current = try await parent(accountID, r.accountID, calls)
        if current == nil {
            _ = try await calls.send(.inviteAccountToOrganization(accountID: accountID), r.accountID)
            current = "root"
        }
        if current != r.string("parent") { try await move(accountID, to: r.string("parent") ?? "root", r.accountID, calls) }
        return IAMResponse()
    }

    func update(_ before: ResourceState, to after: Resource, changed: Set<String>, _ calls: BackendCalls) async throws(BackendError) -> Assigned {
        try await move(after.string("account_id") ?? "", to: after.string("parent") ?? "root", after.accountID, calls)
        return Assigned()
    }

    func delete(_ before: ResourceState, _ calls: BackendCalls) async throws(BackendError) {
        let accountID = ObjectKey(before).s("account_id")
        if accountID == before.accountID {
            if let current = try await parent(accountID, before.accountID, calls), current != "root" {
                try await move(accountID, to: "root", before.accountID, calls)
            }
            return
        }
        try await calls.sendDeleting(.removeAccountFromOrganization(accountID: accountID), before.accountID)
    }

    func read(_ key: ObjectKey, _ calls: BackendCalls) async throws(BackendError) -> LiveObject? {
        guard let current = try await parent(key.s("account_id"), key.accountID, calls) else { return nil }
        return LiveObject(attributes: ["account_id": .string(key.s("account_id")), "parent": .string(current)])
    }

    /// `root`, `ou/A/B`; nil when the account is no member (or there is no organization).
    private func parent(_ accountID: String, _ management: String, _ calls: BackendCalls) async throws(BackendError) -> String? {
        try await calls.get(.listParents(accountID: accountID), ObjectKey(accountID: management, attributes: [:]))?.string("parent")
    }

    private func move(_ accountID: String, to parent: String, _ management: String, _ calls: BackendCalls) async throws(BackendError) {
        var destination: [String] = []
        if case let .unit(path)? = OrganizationTarget(parsing: parent) { destination = path }
        do {
            _ = try await calls.send(.moveAccount(accountID: accountID, destination: destination), management)
        } catch where error.rawCode == "DuplicateAccountException" {
            return
        }
    }

    func importID(of resource: Resource) -> String { resource.string("account_id") ?? "" }

    func key(forImportID id: String, in resource: Resource) throws(ImportError) -> ObjectKey {
        ObjectKey(accountID: resource.accountID, attributes: ["account_id": .string(try ImportIDs.trimmed(id, resource, form: importIDForm))])
    }
}

extension ResourceType {
    public static let organizationAccount = ResourceType(rawValue: "organization_account")
}
