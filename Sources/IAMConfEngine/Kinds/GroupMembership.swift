import IAMConfBackend
import IAMConfCore
import IAMConfState

/// A user's membership of a group. AddUserToGroup is idempotent in IAM, so a repeated create
/// needs no adoption.
struct GroupMembershipKind: ResourceKind {
    var type: ResourceType { .userGroupMembership }
    var terraformType: String { "aws_iam_user_group_membership" }
    var replacingAttributes: Set<String> { ["user", "group"] }
    var importIDForm: String { "USER/GROUP (alice/developers)" }

    func create(_ r: Resource, _ calls: BackendCalls) async throws(BackendError) -> IAMResponse {
        try await calls.send(.addUserToGroup(groupName: r.string("group") ?? "", userName: r.string("user") ?? ""), r.accountID)
    }

    func update(_ before: ResourceState, to after: Resource, changed: Set<String>, _ calls: BackendCalls) async throws(BackendError) -> Assigned {
        Assigned()
    }

    func delete(_ before: ResourceState, _ calls: BackendCalls) async throws(BackendError) {
        let key = ObjectKey(before)
        try await calls.sendDeleting(.removeUserFromGroup(groupName: key.s("group"), userName: key.s("user")), before.accountID)
    }

    /// A member when ListGroupsForUser names the group.
    func read(_ key: ObjectKey, _ calls: BackendCalls) async throws(BackendError) -> LiveObject? {
        guard let a = try await calls.get(.listGroupsForUser(userName: key.s("user")), orFromOwner: .getUser(name: key.s("user")), key),
              let group = Values.member(key.s("group"), of: a.strings("groups"))
        else { return nil }
        return LiveObject(attributes: ["user": .string(key.s("user")), "group": .string(group)])
    }

    func importID(of resource: Resource) -> String { "\(resource.string("user") ?? "")/\(resource.string("group") ?? "")" }

    func key(forImportID id: String, in resource: Resource) throws(ImportError) -> ObjectKey {
        let (user, group) = try ImportIDs.pair(id, resource, form: importIDForm)
        return ObjectKey(accountID: resource.accountID, attributes: ["user": .string(user), "group": .string(group)])
    }
}

extension ResourceType {
    public static let userGroupMembership = ResourceType(rawValue: "user_group_membership")
}
