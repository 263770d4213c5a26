import IAMConfBackend
import IAMConfCore

/// Relationships exist when the list of the entity they hang off contains them.
extension LiveReader {
    func readRelationship(_ type: ResourceType, _ key: Key) async throws(BackendError) -> LiveObject? {
        switch type {
        case .userGroupMembership:
            guard let a = try await get(.listGroupsForUser(userName: key.s("user")), orFromOwner: .getUser(name: key.s("user")), key),
                  let group = Self.member(key.s("group"), of: Self.list(a["groups"]))
            else { return nil }
            return LiveObject(attributes: ["user": .string(key.s("user")), "group": .string(group)])
        case .userPolicyAttachment:
            return try await attachment(.listAttachedUserPolicies(userName: key.s("user")), .getUser(name: key.s("user")), entityKey: "user", key)
        case .groupPolicyAttachment:
            return try await attachment(.listAttachedGroupPolicies(groupName: key.s("group")), .getGroup(name: key.s("group")), entityKey: "group", key)
        case .rolePolicyAttachment:
            return try await attachment(.listAttachedRolePolicies(roleName: key.s("role")), .getRole(name: key.s("role")), entityKey: "role", key)
        case .instanceProfileRole:
            return try await readProfileRole(key)
        case .accessKey:
            // Without a key id there is nothing to look for; leave the resource as it is.
            guard let id = key.outputs["access_key_id"] else { return LiveObject(attributes: [:]) }
            let request = IAMRequest.listAccessKeys(userName: key.s("user"))
            guard let a = try await get(request, orFromOwner: .getUser(name: key.s("user")), key), Self.list(a["access_keys"]).contains(id) else {
                return nil
            }
            return LiveObject(attributes: ["user": .string(key.s("user"))], outputs: ["access_key_id": id])
        default:
            return LiveObject(attributes: [:])
        }
    }

    private func attachment(_ request: IAMRequest, _ owner: IAMRequest, entityKey: String, _ key: Key) async throws(BackendError) -> LiveObject? {
        let arn = key.s("policy_arn")
        guard let a = try await get(request, orFromOwner: owner, key), Self.list(a["policies"]).contains(arn) else { return nil }
        return LiveObject(attributes: [entityKey: .string(key.s(entityKey)), "policy_arn": .string(arn)])
    }

    /// GetInstanceProfile's `roles`, or failing that GetRole's `instance_profiles`.
    private func readProfileRole(_ key: Key) async throws(BackendError) -> LiveObject? {
        let found: String?
        do {
            guard let a = try await get(.getInstanceProfile(name: key.s("profile")), key) else { return nil }
            found = Self.member(key.s("role"), of: Self.list(a["roles"]))
        } catch where error.code == .unsupported {
            guard let a = try await get(.getRole(name: key.s("role")), key) else { return nil }
            found = Self.member(key.s("profile"), of: Self.list(a["instance_profiles"])).map { _ in a["name"] ?? key.s("role") }
        }
        guard let role = found else { return nil }
        return LiveObject(attributes: ["profile": .string(key.s("profile")), "role": .string(role)])
    }

    /// A list read, or — on a backend that does not support it (`Unsupported`) — the owner's Get*,
    /// whose attributes carry the same list under the same key (`groups`, `policies`, `access_keys`).
    func get(_ request: IAMRequest, orFromOwner owner: IAMRequest, _ key: Key) async throws(BackendError) -> [String: String]? {
        do {
            return try await get(request, key)
        } catch where error.code == .unsupported {
            return try await get(owner, key)
        }
    }

    /// IAM names are unique case-insensitively; the list spells the name as created.
    static func member(_ name: String, of names: [String]) -> String? {
        names.first { $0 == name } ?? names.first { $0.lowercased() == name.lowercased() }
    }
}
