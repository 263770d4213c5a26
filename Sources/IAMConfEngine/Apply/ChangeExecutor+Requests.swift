import Foundation
import IAMConfBackend
import IAMConfCore
import IAMConfState

extension ChangeExecutor {
    /// The single call that brings a resource into being.
    func createRequest(_ r: Resource) throws(BackendError) -> IAMRequest {
        func s(_ key: String) -> String { r.string(key) ?? "" }
        func optional(_ key: String) -> String? { r.string(key) }
        switch r.type {
        case .user:
            return .createUser(name: s("name"), path: s("path"), tags: tags(r.attributes["tags"]), permissionsBoundary: optional("permissions_boundary"))
        case .group: return .createGroup(name: s("name"), path: s("path"))
        case .role:
            return .createRole(
                name: s("name"), path: s("path"), trustPolicy: text(r.attributes["assume_role_policy"]), description: optional("description"),
                maxSessionDuration: int(r.attributes["max_session_duration"]) ?? 3600, tags: tags(r.attributes["tags"]),
                permissionsBoundary: optional("permissions_boundary"))
        case .policy:
            return .createPolicy(name: s("name"), path: s("path"), description: optional("description"), document: text(r.attributes["document"]), tags: tags(r.attributes["tags"]))
        case .userGroupMembership: return .addUserToGroup(groupName: s("group"), userName: s("user"))
        case .userPolicyAttachment: return .attachUserPolicy(userName: s("user"), policyARN: s("policy_arn"))
        case .groupPolicyAttachment: return .attachGroupPolicy(groupName: s("group"), policyARN: s("policy_arn"))
        case .rolePolicyAttachment: return .attachRolePolicy(roleName: s("role"), policyARN: s("policy_arn"))
        case .userInlinePolicy: return .putUserPolicy(userName: s("entity"), policyName: s("name"), document: text(r.attributes["document"]))
        case .groupInlinePolicy: return .putGroupPolicy(groupName: s("entity"), policyName: s("name"), document: text(r.attributes["document"]))
        case .roleInlinePolicy: return .putRolePolicy(roleName: s("entity"), policyName: s("name"), document: text(r.attributes["document"]))
        case .loginProfile:
            return .createLoginProfile(userName: s("user"), passwordResetRequired: r.attributes["password_reset_required"] == .bool(true))
        case .accessKey: return .createAccessKey(userName: s("user"))
        case .instanceProfile: return .createInstanceProfile(name: s("name"), path: s("path"), tags: tags(r.attributes["tags"]))
        case .instanceProfileRole: return .addRoleToInstanceProfile(profileName: s("profile"), roleName: s("role"))
        case .oidcProvider:
            return .createOpenIDConnectProvider(
                url: s("url"), clientIDs: strings(r.attributes["client_ids"]), thumbprints: strings(r.attributes["thumbprints"]), tags: tags(r.attributes["tags"]))
        case .samlProvider: return .createSAMLProvider(name: s("name"), metadataDocument: s("metadata"), tags: tags(r.attributes["tags"]))
        case .serviceLinkedRole: return .createServiceLinkedRole(serviceName: s("service"), customSuffix: optional("suffix"), description: optional("description"))
        case .bucket: return .createBucket(name: s("name"))
        case .bucketPolicy: return .putBucketPolicy(bucket: s("bucket"), document: text(r.attributes["document"]))
        case .accountAlias: return .createAccountAlias(alias: s("alias"))
        case .passwordPolicy: return .updateAccountPasswordPolicy(passwordPolicy(r.attributes))
        }
    }

    /// Reads an object made by an interrupted earlier apply so its identifiers can be recorded.
    func adopt(_ r: Resource) async throws(BackendError) -> IAMResponse {
        let name = r.string("name") ?? ""
        switch r.type {
        case .user: return try await send(.getUser(name: name), r.accountID)
        case .group: return try await send(.getGroup(name: name), r.accountID)
        case .role: return try await send(.getRole(name: name), r.accountID)
        case .policy:
            let arn = ARN.iam(account: r.accountID, type: "policy", path: r.string("path") ?? "/", name: name).description
            return try await send(.getPolicy(arn: arn), r.accountID)
        default:
            throw BackendError(.entityAlreadyExists, "\(r.address) already exists")
        }
    }

    func record(_ response: IAMResponse, into state: inout ResourceState) {
        guard let type = ResourceType(rawValue: state.type) else { return }
        // Only the outputs that belong to the type are kept, whatever else a backend reports, so
        // the same apply gives the same state on every backend.
        let kept = ChangeExecutor.outputs(of: type)
        func put(_ key: String, _ value: String?) { if let value, kept.contains(key) { state.outputs[key] = value } }
        put("arn", response.arn)
        put("unique_id", response.uniqueID)
        put("create_date", response.createDate?.formatted(Date.ISO8601FormatStyle()))
        put("default_version_id", response.defaultVersionID)
        put("access_key_id", response.accessKeyID)
        put("name", response.name)
        if let secret = response.secretAccessKey { state.secrets["secret_access_key"] = secret }
        if let password = response.password { state.secrets["password"] = password }
    }

    /// The identifiers IAM assigns to an object of each type.
    static func outputs(of type: ResourceType) -> Set<String> {
        switch type {
        case .user, .group, .role, .instanceProfile: return ["arn", "unique_id", "create_date"]
        case .policy: return ["arn", "unique_id", "create_date", "default_version_id"]
        case .serviceLinkedRole: return ["arn", "unique_id", "create_date", "name"]
        case .oidcProvider, .samlProvider, .bucket: return ["arn", "create_date"]
        case .accessKey: return ["access_key_id", "create_date"]
        case .loginProfile: return ["create_date"]
        default: return []
        }
    }

    /// A managed policy keeps at most five versions
    /// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-versioning.html):
    /// when five exist, the oldest non-default one goes before the new default is added.
    func newDefaultVersion(_ before: ResourceState, document: String) async throws(BackendError) -> String? {
        guard let arn = before.outputs["arn"] else { throw BackendError(.noSuchEntity, "\(before.address) has no ARN in the state") }
        let versions = try await send(.listPolicyVersions(policyARN: arn), before.accountID).versions ?? []
        if versions.count >= 5, let oldest = versions.first(where: { !$0.isDefault }) {
            try await sendDeleting(.deletePolicyVersion(policyARN: arn, versionID: oldest.versionID), before.accountID)
        }
        let response = try await send(.createPolicyVersion(policyARN: arn, document: document, setAsDefault: true), before.accountID)
        return response.defaultVersionID
    }

    /// IAM refuses to delete a policy that still has non-default versions.
    func deleteNonDefaultVersions(_ arn: String, _ account: String) async throws(BackendError) {
        let versions: [PolicyVersionSummary]
        do {
            versions = try await send(.listPolicyVersions(policyARN: arn), account).versions ?? []
        } catch where error.code == .noSuchEntity {
            return
        }
        for version in versions where !version.isDefault {
            try await sendDeleting(.deletePolicyVersion(policyARN: arn, versionID: version.versionID), account)
        }
    }

    func retag(
        _ before: ResourceState, _ after: Resource, tag: ([Tag]) -> IAMRequest, untag: ([String]) -> IAMRequest
    ) async throws(BackendError) {
        let old = tags(before.attributes["tags"])
        let new = tags(after.attributes["tags"])
        let removed = Set(old.map(\.key)).subtracting(new.map(\.key)).sorted()
        if !removed.isEmpty { _ = try await send(untag(removed), after.accountID) }
        let changed = new.filter { tag in !old.contains(tag) }
        if !changed.isEmpty { _ = try await send(tag(changed), after.accountID) }
    }

    func tags(_ value: JSONValue?) -> [Tag] {
        value?.objectValue?.map { Tag(key: $0.key, value: $0.value.stringValue ?? "") } ?? []
    }

    func strings(_ value: JSONValue?) -> [String] { value?.arrayValue?.compactMap(\.stringValue) ?? [] }

    func text(_ value: JSONValue?) -> String { value?.compactText() ?? "{}" }

    func int(_ value: JSONValue?) -> Int? {
        if case let .number(n)? = value { return Int(n) }
        return nil
    }

    func passwordPolicy(_ a: [String: JSONValue]) -> PasswordPolicy {
        var p = PasswordPolicy()
        func bool(_ key: String) -> Bool? { if case let .bool(b)? = a[key] { return b } else { return nil } }
        p.minimumPasswordLength = int(a["minimum_password_length"])
        p.requireSymbols = bool("require_symbols")
        p.requireNumbers = bool("require_numbers")
        p.requireUppercaseCharacters = bool("require_uppercase_characters")
        p.requireLowercaseCharacters = bool("require_lowercase_characters")
        p.allowUsersToChangePassword = bool("allow_users_to_change_password")
        p.maxPasswordAge = int(a["max_password_age"])
        p.passwordReusePrevention = int(a["password_reuse_prevention"])
        p.hardExpiry = bool("hard_expiry")
        return p
    }
}
