import IAMConfBackend
import IAMConfCore
import IAMConfState

/// A managed policy attached to a user, group or role. Attaching is idempotent in IAM, so a
/// repeated create needs no adoption; every attribute names the relationship, so any change is a
/// replacement (detach, attach).
struct PolicyAttachmentKind: ResourceKind {
    var type: ResourceType {
        switch entity {
        case .user: return .userPolicyAttachment
        case .group: return .groupPolicyAttachment
        case .role: return .rolePolicyAttachment
        }
    }
    var terraformType: String { "aws_iam_\(entity.rawValue)_policy_attachment" }
    /// Which identity the policy hangs off; also the attribute that names it.
    enum Entity: String, Sendable { case user, group, role }
    let entity: Entity

    var replacingAttributes: Set<String> { [entity.rawValue, "policy_arn"] }

    var importIDForm: String {
        switch entity {
        case .user: return "USER/POLICY_ARN (alice/arn:aws:iam::aws:policy/ReadOnlyAccess)"
        case .group: return "GROUP/POLICY_ARN (developers/arn:aws:iam::aws:policy/ReadOnlyAccess)"
        case .role: return "ROLE/POLICY_ARN (S3Access/arn:aws:iam::aws:policy/AmazonS3FullAccess)"
        }
    }

    func create(_ r: Resource, _ calls: BackendCalls) async throws(BackendError) -> IAMResponse {
        let name = r.string(entity.rawValue) ?? ""
        let arn = r.string("policy_arn") ?? ""
        switch entity {
        case .user: return try await calls.send(.attachUserPolicy(userName: name, policyARN: arn), r.accountID)
        case .group: return try await calls.send(.attachGroupPolicy(groupName: name, policyARN: arn), r.accountID)
        case .role: return try await calls.send(.attachRolePolicy(roleName: name, policyARN: arn), r.accountID)
        }
    }

    func update(_ before: ResourceState, to after: Resource, changed: Set<String>, _ calls: BackendCalls) async throws(BackendError) -> Assigned {
        Assigned()
    }

    func delete(_ before: ResourceState, _ calls: BackendCalls) async throws(BackendError) {
        let name = before.attributes[entity.rawValue]?.stringValue ?? ""
        let arn = before.attributes["policy_arn"]?.stringValue ?? ""
        switch entity {
        case .user: try await calls.sendDeleting(.detachUserPolicy(userName: name, policyARN: arn), before.accountID)
        case .group: try await calls.sendDeleting(.detachGroupPolicy(groupName: name, policyARN: arn), before.accountID)
        case .role: try await calls.sendDeleting(.detachRolePolicy(roleName: name, policyARN: arn), before.accountID)
        }
    }

    /// Attached when the entity's list of attached policies holds the ARN.
    func read(_ key: ObjectKey, _ calls: BackendCalls) async throws(BackendError) -> LiveObject? {
        let name = key.s(entity.rawValue)
        let (list, owner): (IAMRequest, IAMRequest)
        switch entity {
        case .user: (list, owner) = (.listAttachedUserPolicies(userName: name), .getUser(name: name))
        case .group: (list, owner) = (.listAttachedGroupPolicies(groupName: name), .getGroup(name: name))
        case .role: (list, owner) = (.listAttachedRolePolicies(roleName: name), .getRole(name: name))
        }
        let arn = key.s("policy_arn")
        guard let a = try await calls.get(list, orFromOwner: owner, key), a.strings("policies").contains(arn) else { return nil }
        return LiveObject(attributes: [entity.rawValue: .string(name), "policy_arn": .string(arn)])
    }

    func importID(of resource: Resource) -> String { "\(resource.string(entity.rawValue) ?? "")/\(resource.string("policy_arn") ?? "")" }

    func key(forImportID id: String, in resource: Resource) throws(ImportError) -> ObjectKey {
        let (name, arn) = try ImportIDs.pair(id, resource, form: importIDForm)
        return ObjectKey(accountID: resource.accountID, attributes: [entity.rawValue: .string(name), "policy_arn": .string(arn)])
    }
}

extension ResourceType {
    public static let userPolicyAttachment = ResourceType(rawValue: "user_policy_attachment")
    public static let groupPolicyAttachment = ResourceType(rawValue: "group_policy_attachment")
    public static let rolePolicyAttachment = ResourceType(rawValue: "role_policy_attachment")
}
