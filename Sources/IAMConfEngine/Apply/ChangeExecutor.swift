import Foundation
import IAMConfBackend
import IAMConfCore
import IAMConfState

/// Carries out one resource's create, update or delete as the IAM calls that make it happen.
struct ChangeExecutor: Sendable {
    let backend: any Backend

    func send(_ request: IAMRequest, _ accountID: String) async throws(BackendError) -> IAMResponse {
        try await backend.perform(request, in: accountID)
    }

    /// Deletes treat `NoSuchEntity` as success: the object is already gone, which is what was asked.
    func sendDeleting(_ request: IAMRequest, _ accountID: String) async throws(BackendError) {
        do {
            _ = try await send(request, accountID)
        } catch where error.code == .noSuchEntity {
            return
        }
    }

    func create(_ resource: Resource, adopting: Bool) async throws(BackendError) -> ResourceState {
        var state = ResourceState(
            address: resource.address, type: resource.type.rawValue, accountID: resource.accountID,
            attributes: resource.attributes, dependencies: resource.dependencies)
        let response: IAMResponse
        do {
            response = try await send(try createRequest(resource), resource.accountID)
        } catch where adopting && error.code == .entityAlreadyExists {
            // An earlier apply was interrupted after the backend made this object but before the
            // state recorded it: take it over instead of failing.
            response = try await adopt(resource)
        }
        record(response, into: &state)
        return state
    }

    func update(_ before: ResourceState, to after: Resource, changed: [String]) async throws(BackendError) -> ResourceState {
        var state = before
        state.attributes = after.attributes
        state.dependencies = after.dependencies
        let account = after.accountID
        let changedSet = Set(changed)
        let name = after.string("name") ?? ""
        switch after.type {
        case .user:
            if changedSet.contains("path") {
                let path = after.string("path") ?? "/"
                _ = try await send(.updateUser(name: name, newPath: path), account)
                state.outputs["arn"] = ARN.iam(account: account, type: "user", path: path, name: name).description
            }
            if changedSet.contains("tags") { try await retag(before, after, tag: { .tagUser(name: name, tags: $0) }, untag: { .untagUser(name: name, keys: $0) }) }
            if changedSet.contains("permissions_boundary") {
                if let arn = after.string("permissions_boundary") {
                    _ = try await send(.putUserPermissionsBoundary(name: name, policyARN: arn), account)
                } else {
                    try await sendDeleting(.deleteUserPermissionsBoundary(name: name), account)
                }
            }
        case .group:
            let path = after.string("path") ?? "/"
            _ = try await send(.updateGroup(name: name, newPath: path), account)
            state.outputs["arn"] = ARN.iam(account: account, type: "group", path: path, name: name).description
        case .role:
            if !changedSet.isDisjoint(with: ["description", "max_session_duration"]) {
                _ = try await send(
                    .updateRole(name: name, description: after.string("description") ?? "", maxSessionDuration: int(after.attributes["max_session_duration"]) ?? 3600),
                    account)
            }
            if changedSet.contains("assume_role_policy") {
                _ = try await send(.updateAssumeRolePolicy(roleName: name, policyDocument: text(after.attributes["assume_role_policy"])), account)
            }
            if changedSet.contains("tags") { try await retag(before, after, tag: { .tagRole(name: name, tags: $0) }, untag: { .untagRole(name: name, keys: $0) }) }
            if changedSet.contains("permissions_boundary") {
                if let arn = after.string("permissions_boundary") {
                    _ = try await send(.putRolePermissionsBoundary(name: name, policyARN: arn), account)
                } else {
                    try await sendDeleting(.deleteRolePermissionsBoundary(name: name), account)
                }
            }
        case .policy:
            if changedSet.contains("document") {
                state.outputs["default_version_id"] = try await newDefaultVersion(before, document: text(after.attributes["document"]))
            }
            if changedSet.contains("tags") {
                let arn = before.outputs["arn"] ?? ""
                try await retag(before, after, tag: { .tagPolicy(arn: arn, tags: $0) }, untag: { .untagPolicy(arn: arn, keys: $0) })
            }
        case .instanceProfile:
            // Name and path force replacement; tags are the one attribute changed in place.
            if changedSet.contains("tags") {
                try await retag(
                    before, after, tag: { .tagInstanceProfile(name: name, tags: $0) }, untag: { .untagInstanceProfile(name: name, keys: $0) })
            }
        case .userInlinePolicy, .groupInlinePolicy, .roleInlinePolicy, .bucketPolicy:
            _ = try await send(try createRequest(after), account)
        case .loginProfile:
            _ = try await send(
                .updateLoginProfile(userName: after.string("user") ?? "", passwordResetRequired: after.attributes["password_reset_required"] == .bool(true), newPassword: true),
                account)
        case .oidcProvider:
            _ = try await send(
                .updateOpenIDConnectProviderThumbprint(arn: before.outputs["arn"] ?? "", thumbprints: strings(after.attributes["thumbprints"])), account)
        case .samlProvider:
            _ = try await send(.updateSAMLProvider(arn: before.outputs["arn"] ?? "", metadataDocument: after.string("metadata") ?? ""), account)
        case .accountAlias, .passwordPolicy:
            _ = try await send(try createRequest(after), account)
        default:
            // Every other attribute forces replacement, so the planner never asks for an update.
            break
        }
        return state
    }

    func delete(_ before: ResourceState) async throws(BackendError) {
        let account = before.accountID
        let a = before.attributes
        func s(_ key: String) -> String { a[key]?.stringValue ?? "" }
        guard let type = ResourceType(rawValue: before.type) else { return }
        switch type {
        case .user: try await sendDeleting(.deleteUser(name: s("name")), account)
        case .group: try await sendDeleting(.deleteGroup(name: s("name")), account)
        case .role: try await sendDeleting(.deleteRole(name: s("name")), account)
        case .policy:
            guard let arn = before.outputs["arn"] else { return }
            try await deleteNonDefaultVersions(arn, account)
            try await sendDeleting(.deletePolicy(arn: arn), account)
        case .userGroupMembership: try await sendDeleting(.removeUserFromGroup(groupName: s("group"), userName: s("user")), account)
        case .userPolicyAttachment: try await sendDeleting(.detachUserPolicy(userName: s("user"), policyARN: s("policy_arn")), account)
        case .groupPolicyAttachment: try await sendDeleting(.detachGroupPolicy(groupName: s("group"), policyARN: s("policy_arn")), account)
        case .rolePolicyAttachment: try await sendDeleting(.detachRolePolicy(roleName: s("role"), policyARN: s("policy_arn")), account)
        case .userInlinePolicy: try await sendDeleting(.deleteUserPolicy(userName: s("entity"), policyName: s("name")), account)
        case .groupInlinePolicy: try await sendDeleting(.deleteGroupPolicy(groupName: s("entity"), policyName: s("name")), account)
        case .roleInlinePolicy: try await sendDeleting(.deleteRolePolicy(roleName: s("entity"), policyName: s("name")), account)
        case .loginProfile: try await sendDeleting(.deleteLoginProfile(userName: s("user")), account)
        case .accessKey:
            guard let id = before.outputs["access_key_id"] else { return }
            try await sendDeleting(.deleteAccessKey(userName: s("user"), accessKeyID: id), account)
        case .instanceProfile: try await sendDeleting(.deleteInstanceProfile(name: s("name")), account)
        case .instanceProfileRole: try await sendDeleting(.removeRoleFromInstanceProfile(profileName: s("profile"), roleName: s("role")), account)
        case .oidcProvider:
            if let arn = before.outputs["arn"] { try await sendDeleting(.deleteOpenIDConnectProvider(arn: arn), account) }
        case .samlProvider:
            if let arn = before.outputs["arn"] { try await sendDeleting(.deleteSAMLProvider(arn: arn), account) }
        case .serviceLinkedRole:
            if let name = before.outputs["name"] { try await sendDeleting(.deleteServiceLinkedRole(roleName: name), account) }
        case .bucket: try await sendDeleting(.deleteBucket(name: s("name")), account)
        case .bucketPolicy: try await sendDeleting(.deleteBucketPolicy(bucket: s("bucket")), account)
        case .accountAlias: try await sendDeleting(.deleteAccountAlias(alias: s("alias")), account)
        case .passwordPolicy: try await sendDeleting(.deleteAccountPasswordPolicy, account)
        }
    }
}
