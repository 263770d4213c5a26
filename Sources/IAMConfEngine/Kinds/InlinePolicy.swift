import IAMConfBackend
import IAMConfCore
import IAMConfState

/// A policy embedded in a user, group or role. Put*Policy creates or overwrites, so a create is
/// naturally idempotent and a document change is the same call again.
struct InlinePolicyKind: ResourceKind {
    var type: ResourceType {
        switch entity {
        case .user: return .userInlinePolicy
        case .group: return .groupInlinePolicy
        case .role: return .roleInlinePolicy
        }
    }
    var terraformType: String { "aws_iam_\(entity.rawValue)_policy" }
    enum Entity: String, Sendable { case user, group, role }
    let entity: Entity

    var replacingAttributes: Set<String> { ["entity", "name"] }
    var documentAttributes: Set<String> { ["document"] }

    var importIDForm: String {
        switch entity {
        case .user: return "USER/POLICY_NAME (alice/AllowAssume)"
        case .group: return "GROUP/POLICY_NAME (developers/ReadReports)"
        case .role: return "ROLE/POLICY_NAME (S3Access/ReadReports)"
        }
    }

    func create(_ r: Resource, _ calls: BackendCalls) async throws(BackendError) -> IAMResponse {
        let owner = r.string("entity") ?? ""
        let name = r.string("name") ?? ""
        let document = Values.text(r.attributes["document"])
        switch entity {
        case .user: return try await calls.send(.putUserPolicy(userName: owner, policyName: name, document: document), r.accountID)
        case .group: return try await calls.send(.putGroupPolicy(groupName: owner, policyName: name, document: document), r.accountID)
        case .role: return try await calls.send(.putRolePolicy(roleName: owner, policyName: name, document: document), r.accountID)
        }
    }

    func update(_ before: ResourceState, to after: Resource, changed: Set<String>, _ calls: BackendCalls) async throws(BackendError) -> Assigned {
        _ = try await create(after, calls)
        return Assigned()
    }

    func delete(_ before: ResourceState, _ calls: BackendCalls) async throws(BackendError) {
        let owner = before.attributes["entity"]?.stringValue ?? ""
        let name = before.attributes["name"]?.stringValue ?? ""
        switch entity {
        case .user: try await calls.sendDeleting(.deleteUserPolicy(userName: owner, policyName: name), before.accountID)
        case .group: try await calls.sendDeleting(.deleteGroupPolicy(groupName: owner, policyName: name), before.accountID)
        case .role: try await calls.sendDeleting(.deleteRolePolicy(roleName: owner, policyName: name), before.accountID)
        }
    }

    func read(_ key: ObjectKey, _ calls: BackendCalls) async throws(BackendError) -> LiveObject? {
        let request: IAMRequest
        switch entity {
        case .user: request = .getUserPolicy(userName: key.s("entity"), policyName: key.s("name"))
        case .group: request = .getGroupPolicy(groupName: key.s("entity"), policyName: key.s("name"))
        case .role: request = .getRolePolicy(roleName: key.s("entity"), policyName: key.s("name"))
        }
        guard let a = try await calls.get(request, key) else { return nil }
        return LiveObject(attributes: [
            "entity": .string(a.string("entity") ?? key.s("entity")), "name": .string(a.string("name") ?? key.s("name")),
            "document": a.document("document"),
        ])
    }

    func importID(of resource: Resource) -> String { "\(resource.string("entity") ?? "")/\(resource.string("name") ?? "")" }

    func key(forImportID id: String, in resource: Resource) throws(ImportError) -> ObjectKey {
        let (owner, name) = try ImportIDs.pair(id, resource, form: importIDForm)
        return ObjectKey(accountID: resource.accountID, attributes: ["entity": .string(owner), "name": .string(name)])
    }
}

extension ResourceType {
    public static let userInlinePolicy = ResourceType(rawValue: "user_inline_policy")
    public static let groupInlinePolicy = ResourceType(rawValue: "group_inline_policy")
    public static let roleInlinePolicy = ResourceType(rawValue: "role_inline_policy")
}
