import IAMConfBackend

/// Routes one request to the operation that handles it, within one account.
///
/// Requests that look beyond the account (aliases, buckets: both names are global) are handled
/// by `IAMSimulator` before it gets here.
extension World.Account {
    mutating func perform(_ request: IAMRequest, _ env: inout OperationEnvironment) throws(BackendError) -> IAMResponse {
        switch request {
        case let .createUser(name, path, tags, boundary):
            return try createUser(name: name, path: path, tags: tags, boundary: boundary, &env)
        case let .getUser(name): return try getUser(name: name)
        case let .updateUser(name, newPath, newName): return try updateUser(name: name, newPath: newPath, newName: newName)
        case let .deleteUser(name): return try deleteUser(name: name)
        case let .tagUser(name, tags): return try tagUser(name: name, tags: tags)
        case let .untagUser(name, keys): return try untagUser(name: name, keys: keys)
        case let .putUserPermissionsBoundary(name, arn): return try putUserBoundary(name: name, arn: arn, env)
        case let .deleteUserPermissionsBoundary(name): return try deleteUserBoundary(name: name)
        case let .createLoginProfile(user, reset): return try createLoginProfile(userName: user, resetRequired: reset, &env)
        case let .updateLoginProfile(user, reset, newPassword):
            return try updateLoginProfile(userName: user, resetRequired: reset, newPassword: newPassword, &env)
        case let .deleteLoginProfile(user): return try deleteLoginProfile(userName: user)
        case let .createAccessKey(user): return try createAccessKey(userName: user, &env)
        case let .deleteAccessKey(user, keyID): return try deleteAccessKey(userName: user, keyID: keyID)
        case let .createUserMFADevice(user): return try createUserMFADevice(userName: user, &env)
        case let .deleteUserMFADevice(user, serial): return try deleteUserMFADevice(userName: user, serial: serial)
        case let .listMFADevices(user): return try listMFADevices(userName: user)
        case let .createVirtualMFADevice(name, path): return try createVirtualMFADevice(name: name, path: path, &env)
        case let .enableMFADevice(user, serial, code1, code2):
            return try enableMFADevice(userName: user, serial: serial, codes: [code1, code2], env)
        case let .deactivateMFADevice(user, serial): return try deactivateMFADevice(userName: user, serial: serial)
        case let .deleteVirtualMFADevice(serial): return try deleteVirtualMFADevice(serial: serial)
        case .listVirtualMFADevices: return listVirtualMFADevices()
        case let .createGroup(name, path): return try createGroup(name: name, path: path, &env)
        case let .getGroup(name): return try getGroup(name: name)
        case let .updateGroup(name, newPath, newName): return try updateGroup(name: name, newPath: newPath, newName: newName)
        case let .deleteGroup(name): return try deleteGroup(name: name)
        case let .addUserToGroup(group, user): return try addUserToGroup(groupName: group, userName: user, env)
        case let .removeUserFromGroup(group, user): return try removeUserFromGroup(groupName: group, userName: user)
        default: return try performRolesAndPolicies(request, &env)
        }
    }

    private mutating func performRolesAndPolicies(
        _ request: IAMRequest, _ env: inout OperationEnvironment
    ) throws(BackendError) -> IAMResponse {
        switch request {
        case let .createRole(name, path, trust, description, duration, tags, boundary):
            let spec = RoleSpec(
                name: name, path: path, trustPolicy: trust, description: description, maxSessionDuration: duration,
                tags: tags, boundary: boundary)
            return try createRole(spec, &env)
        case let .getRole(name): return try getRole(name: name)
        case let .updateRole(name, description, duration):
            return try updateRole(name: name, description: description, maxSessionDuration: duration)
        case let .updateAssumeRolePolicy(role, document): return try updateAssumeRolePolicy(roleName: role, document: document, env)
        case let .deleteRole(name): return try deleteRole(name: name)
        case let .tagRole(name, tags): return try tagRole(name: name, tags: tags)
        case let .untagRole(name, keys): return try untagRole(name: name, keys: keys)
        case let .putRolePermissionsBoundary(name, arn): return try putRoleBoundary(name: name, arn: arn, env)
        case let .deleteRolePermissionsBoundary(name): return try deleteRoleBoundary(name: name)
        case let .createServiceLinkedRole(service, suffix, description):
            return try createServiceLinkedRole(service: service, suffix: suffix, description: description, &env)
        case let .deleteServiceLinkedRole(name): return try deleteServiceLinkedRole(roleName: name)
        case let .createPolicy(name, path, description, document, tags):
            return try createPolicy(name: name, path: path, description: description, document: document, tags: tags, &env)
        case let .getPolicy(arn): return try getPolicy(arn: arn, env)
        case let .createPolicyVersion(arn, document, setAsDefault):
            return try createPolicyVersion(arn: arn, document: document, setAsDefault: setAsDefault, env)
        case let .listPolicyVersions(arn): return try listPolicyVersions(arn: arn)
        case let .deletePolicyVersion(arn, versionID): return try deletePolicyVersion(arn: arn, versionID: versionID)
        case let .deletePolicy(arn): return try deletePolicy(arn: arn)
        case let .tagPolicy(arn, tags): return try tagPolicy(arn: arn, tags: tags)
        case let .untagPolicy(arn, keys): return try untagPolicy(arn: arn, keys: keys)
        default: return try performAttachmentsAndOthers(request, &env)
        }
    }

    private mutating func performAttachmentsAndOthers(
        _ request: IAMRequest, _ env: inout OperationEnvironment
    ) throws(BackendError) -> IAMResponse {
        switch request {
        case let .attachUserPolicy(name, arn): return try attachPolicy(.user, name: name, arn: arn, env)
        case let .detachUserPolicy(name, arn): return try detachPolicy(.user, name: name, arn: arn)
        case let .attachGroupPolicy(name, arn): return try attachPolicy(.group, name: name, arn: arn, env)
        case let .detachGroupPolicy(name, arn): return try detachPolicy(.group, name: name, arn: arn)
        case let .attachRolePolicy(name, arn): return try attachPolicy(.role, name: name, arn: arn, env)
        case let .detachRolePolicy(name, arn): return try detachPolicy(.role, name: name, arn: arn)
        case let .putUserPolicy(name, policy, document):
            return try putInlinePolicy(.user, name: name, policyName: policy, document: document)
        case let .deleteUserPolicy(name, policy): return try deleteInlinePolicy(.user, name: name, policyName: policy)
        case let .putGroupPolicy(name, policy, document):
            return try putInlinePolicy(.group, name: name, policyName: policy, document: document)
        case let .deleteGroupPolicy(name, policy): return try deleteInlinePolicy(.group, name: name, policyName: policy)
        case let .putRolePolicy(name, policy, document):
            return try putInlinePolicy(.role, name: name, policyName: policy, document: document)
        case let .deleteRolePolicy(name, policy): return try deleteInlinePolicy(.role, name: name, policyName: policy)
        default: return try performOthers(request, &env)
        }
    }

    private mutating func performOthers(_ request: IAMRequest, _ env: inout OperationEnvironment) throws(BackendError) -> IAMResponse {
        switch request {
        case let .createInstanceProfile(name, path, tags): return try createInstanceProfile(name: name, path: path, tags: tags, &env)
        case let .deleteInstanceProfile(name): return try deleteInstanceProfile(name: name)
        case let .tagInstanceProfile(name, tags): return try tagInstanceProfile(name: name, tags: tags)
        case let .untagInstanceProfile(name, keys): return try untagInstanceProfile(name: name, keys: keys)
        case let .addRoleToInstanceProfile(profile, role): return try addRoleToInstanceProfile(profileName: profile, roleName: role)
        case let .removeRoleFromInstanceProfile(profile, role):
            return try removeRoleFromInstanceProfile(profileName: profile, roleName: role)
        case let .createOpenIDConnectProvider(url, clientIDs, thumbprints, tags):
            return try createOIDCProvider(url: url, clientIDs: clientIDs, thumbprints: thumbprints, tags: tags, &env)
        case let .updateOpenIDConnectProviderThumbprint(arn, thumbprints): return try updateOIDCThumbprints(arn: arn, thumbprints: thumbprints)
        case let .deleteOpenIDConnectProvider(arn): return try deleteOIDCProvider(arn: arn)
        case let .createSAMLProvider(name, metadata, tags): return try createSAMLProvider(name: name, metadata: metadata, tags: tags, &env)
        case let .updateSAMLProvider(arn, metadata): return try updateSAMLProvider(arn: arn, metadata: metadata)
        case let .deleteSAMLProvider(arn): return try deleteSAMLProvider(arn: arn)
        case let .deleteAccountAlias(alias): return try deleteAlias(alias)
        case let .updateAccountPasswordPolicy(policy): return try updatePasswordPolicy(policy)
        case .deleteAccountPasswordPolicy: return try deletePasswordPolicy()
        case let .putBucketPolicy(bucket, document): return try putBucketPolicy(bucket: bucket, document: document)
        case let .deleteBucketPolicy(bucket): return try deleteBucketPolicy(bucket: bucket)
        case let .deleteBucket(name): return try deleteBucket(name: name)
        default:
            if let read = try performRead(request) { return read }
            if let list = try performList(request) { return list }
            // createAccountAlias and createBucket need the whole world; IAMSimulator handles them.
            throw BackendError(.unsupported, "\(request.actionName) is not handled per account.")
        }
    }
}

extension IAMRequest {
    /// Reads change nothing, so the world need not be written after them.
    var isRead: Bool {
        switch self {
        case .getUser, .getGroup, .getRole, .getPolicy, .listPolicyVersions, .listMFADevices, .listVirtualMFADevices: return true
        default: return isRefreshRead || isAccountList
        }
    }
}
