import IAMConfCore

/// Relationships exist when the list of the entity they hang off contains them.
extension LiveReader {
    func readRelationship(_ type: ResourceType, _ key: Key) async throws(BackendError) -> LiveObject? {
        switch type {
        case .userGroupMembership:
            guard let a = try await get(.listGroupsForUser(userName: key.s("user")), key),
                  let group = Self.member(key.s("group"), of: Self.list(a["groups"]))
            else { return nil }
            return LiveObject(attributes: ["user": .string(key.s("user")), "group": .string(group)])
        case .userPolicyAttachment:
            return try await attachment(.listAttachedUserPolicies(userName: key.s("user")), entityKey: "user", key)
        case .groupPolicyAttachment:
            return try await attachment(.listAttachedGroupPolicies(groupName: key.s("group")), entityKey: "group", key)
        case .rolePolicyAttachment:
            return try await attachment(.listAttachedRolePolicies(roleName: key.s("role")), entityKey: "role", key)
        case .instanceProfileRole:
            guard let a = try await get(.getInstanceProfile(name: key.s("profile")), key),
                  let role = Self.member(key.s("role"), of: Self.list(a["roles"]))
            else { return nil }
            return LiveObject(attributes: ["profile": .string(key.s("profile")), "role": .string(role)])
        case .accessKey:
            // Without a key id there is nothing to look for; leave the resource as it is.
            guard let id = key.outputs["access_key_id"] else { return LiveObject(attributes: [:]) }
            guard let a = try await get(.listAccessKeys(userName: key.s("user")), key), Self.list(a["access_keys"]).contains(id) else {
                return nil
            }
            return LiveObject(attributes: ["user": .string(key.s("user"))], outputs: ["access_key_id": id])
        default:
            return LiveObject(attributes: [:])
        }
    }

    private func attachment(_ request: IAMRequest, entityKey: String, _ key: Key) async throws(BackendError) -> LiveObject? {
        let arn = key.s("policy_arn")
        guard let a = try await get(request, key), Self.list(a["policies"]).contains(arn) else { return nil }
        return LiveObject(attributes: [entityKey: .string(key.s(entityKey)), "policy_arn": .string(arn)])
    }

    /// IAM names are unique case-insensitively; the list spells the name as created.
    static func member(_ name: String, of names: [String]) -> String? {
        names.first { $0 == name } ?? names.first { $0.lowercased() == name.lowercased() }
    }
}
