import Foundation
import IAMConfBackend
import IAMConfCore

/// What the backend holds for one resource, spelled as the state spells it.
struct LiveObject: Sendable, Hashable {
    /// The attributes the read could see (a subset of the state's keys; the rest are not readable,
    /// like an access key's `index`).
    var attributes: [String: JSONValue]
    /// Identifiers the backend reports (`arn`, `unique_id`, `create_date`, …).
    var outputs: [String: String] = [:]
}

/// Reads one resource from a backend through the read requests of the Backend contract.
///
/// A resource is identified by the attributes and outputs the state recorded for it (or that an
/// import id names). `nil` means IAM answered `NoSuchEntity`: the object is gone.
struct LiveReader: Sendable {
    let backend: any Backend

    func read(
        _ type: ResourceType, accountID: String, attributes: [String: JSONValue], outputs: [String: String]
    ) async throws(BackendError) -> LiveObject? {
        let key = Key(accountID: accountID, attributes: attributes, outputs: outputs)
        switch type {
        case .user: return try await readUser(key)
        case .group:
            guard let a = try await get(.getGroup(name: key.s("name")), key) else { return nil }
            return LiveObject(attributes: ["name": text(a["name"]), "path": text(a["path"])], outputs: Self.identifiers(a))
        case .role: return try await readRole(key)
        case .policy: return try await readPolicy(key)
        case .instanceProfile:
            guard let a = try await get(.getInstanceProfile(name: key.s("name")), key) else { return nil }
            return LiveObject(
                attributes: ["name": text(a["name"]), "path": text(a["path"]), "tags": Self.tags(a["tags"])],
                outputs: Self.identifiers(a))
        case .oidcProvider: return try await readOIDCProvider(key)
        case .samlProvider: return try await readSAMLProvider(key)
        case .serviceLinkedRole: return try await readServiceLinkedRole(key)
        case .loginProfile:
            guard let a = try await get(.getLoginProfile(userName: key.s("user")), orFromOwner: .getUser(name: key.s("user")), key),
                  a["login_profile"] != "false"
            else { return nil }
            return LiveObject(attributes: ["user": text(a["user"] ?? key.s("user")), "password_reset_required": .bool(a["password_reset_required"] == "true")])
        case .userInlinePolicy, .groupInlinePolicy, .roleInlinePolicy:
            guard let a = try await get(inlineRequest(type, key), key) else { return nil }
            return LiveObject(attributes: [
                "entity": text(a["entity"] ?? key.s("entity")), "name": text(a["name"] ?? key.s("name")),
                "document": Self.document(a["document"]),
            ])
        case .bucket:
            guard try await get(.headBucket(name: key.s("name")), key) != nil else { return nil }
            return LiveObject(attributes: ["name": text(key.s("name"))], outputs: ["arn": "arn:aws:s3:::\(key.s("name"))"])
        case .bucketPolicy:
            guard let a = try await get(.getBucketPolicy(bucket: key.s("bucket")), key) else { return nil }
            return LiveObject(attributes: ["bucket": text(key.s("bucket")), "document": Self.document(a["document"])])
        case .passwordPolicy:
            guard let a = try await get(.getAccountPasswordPolicy, key) else { return nil }
            return LiveObject(attributes: Self.passwordPolicy(a))
        case .accountAlias:
            guard let a = try await get(.listAccountAliases, key), let alias = Self.list(a["aliases"]).first else { return nil }
            return LiveObject(attributes: ["alias": .string(alias)])
        case .userGroupMembership, .userPolicyAttachment, .groupPolicyAttachment, .rolePolicyAttachment, .instanceProfileRole,
            .accessKey:
            return try await readRelationship(type, key)
        }
    }

    /// The state's attributes and outputs of the resource being read.
    struct Key: Sendable {
        var accountID: String
        var attributes: [String: JSONValue]
        var outputs: [String: String]

        func s(_ name: String) -> String { attributes[name]?.stringValue ?? "" }
    }

    /// Performs a read; `NoSuchEntity` (the object, or the entity it hangs off, is gone) is nil.
    func get(_ request: IAMRequest, _ key: Key) async throws(BackendError) -> [String: String]? {
        do {
            let response = try await backend.perform(request, in: key.accountID)
            var attributes = response.attributes ?? [:]
            if attributes["arn"] == nil, let arn = response.arn { attributes["arn"] = arn }
            if attributes["unique_id"] == nil, let id = response.uniqueID { attributes["unique_id"] = id }
            if attributes["default_version_id"] == nil, let version = response.defaultVersionID { attributes["default_version_id"] = version }
            return attributes
        } catch where error.code == .noSuchEntity {
            return nil
        }
    }

    func inlineRequest(_ type: ResourceType, _ key: Key) -> IAMRequest {
        switch type {
        case .userInlinePolicy: return .getUserPolicy(userName: key.s("entity"), policyName: key.s("name"))
        case .groupInlinePolicy: return .getGroupPolicy(groupName: key.s("entity"), policyName: key.s("name"))
        default: return .getRolePolicy(roleName: key.s("entity"), policyName: key.s("name"))
        }
    }

    func text(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
}
