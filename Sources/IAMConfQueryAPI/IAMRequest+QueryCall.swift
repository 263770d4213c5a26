import IAMConfCore
import IAMConfBackend

extension IAMRequest {
    /// The Query API call for this request (parameter names from the IAM API reference).
    ///
    /// Simulated-S3 requests have no IAM Query equivalent and throw `.unsupported`.
    public func queryCall() throws(BackendError) -> QueryCall {
        var list = ParameterList()
        var password: String?
        if identityParameters(into: &list, password: &password) || roleAndPolicyParameters(into: &list)
            || otherParameters(into: &list) || readParameters(into: &list)
        {
            return QueryCall(service: .iam, action: actionName, parameters: list.items, generatedPassword: password)
        }
        throw BackendError(.unsupported, "the endpoint does not support \(actionName)")
    }

    /// Users, login profiles, access keys and groups.
    private func identityParameters(into p: inout ParameterList, password: inout String?) -> Bool {
        switch self {
        case let .createUser(name, path, tags, boundary):
            p.add("UserName", name); p.add("Path", path); p.add("PermissionsBoundary", boundary); p.addTags(tags)
        case let .getUser(name), let .deleteUser(name), let .deleteUserPermissionsBoundary(name),
            let .deleteLoginProfile(name), let .createAccessKey(name):
            p.add("UserName", name)
        case let .updateUser(name, newPath, newName):
            p.add("UserName", name); p.add("NewPath", newPath); p.add("NewUserName", newName)
        case let .tagUser(name, tags): p.add("UserName", name); p.addTags(tags)
        case let .untagUser(name, keys): p.add("UserName", name); p.addList("TagKeys", keys)
        case let .putUserPermissionsBoundary(name, arn): p.add("UserName", name); p.add("PermissionsBoundary", arn)
        case let .createLoginProfile(name, reset):
            let generated = GeneratedPassword.make()
            password = generated
            p.add("UserName", name); p.add("Password", generated); p.add("PasswordResetRequired", reset)
        case let .updateLoginProfile(name, reset, newPassword):
            // https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateLoginProfile.html: Password
            // is optional; sent only to set a new one, which the caller learns from the response.
            p.add("UserName", name)
            if newPassword {
                let generated = GeneratedPassword.make()
                password = generated
                p.add("Password", generated)
            }
            p.add("PasswordResetRequired", reset)
        case let .deleteAccessKey(name, keyID): p.add("UserName", name); p.add("AccessKeyId", keyID)
        case let .createVirtualMFADevice(name, path): p.add("VirtualMFADeviceName", name); p.add("Path", path)
        case let .enableMFADevice(name, serial, code1, code2):
            p.add("UserName", name); p.add("SerialNumber", serial)
            p.add("AuthenticationCode1", code1); p.add("AuthenticationCode2", code2)
        case let .deactivateMFADevice(name, serial): p.add("UserName", name); p.add("SerialNumber", serial)
        case let .deleteVirtualMFADevice(serial): p.add("SerialNumber", serial)
        case let .createGroup(name, path): p.add("GroupName", name); p.add("Path", path)
        case let .getGroup(name), let .deleteGroup(name): p.add("GroupName", name)
        case let .updateGroup(name, newPath, newName):
            p.add("GroupName", name); p.add("NewPath", newPath); p.add("NewGroupName", newName)
        case let .addUserToGroup(group, user), let .removeUserFromGroup(group, user):
            p.add("GroupName", group); p.add("UserName", user)
        default: return false
        }
        return true
    }

    /// Roles, managed policies, attachments and inline policies.
    private func roleAndPolicyParameters(into p: inout ParameterList) -> Bool {
        switch self {
        case let .createRole(name, path, trust, description, maxSession, tags, boundary):
            p.add("RoleName", name); p.add("Path", path); p.add("AssumeRolePolicyDocument", trust)
            p.add("Description", description); p.add("MaxSessionDuration", maxSession)
            p.add("PermissionsBoundary", boundary); p.addTags(tags)
        case let .getRole(name), let .deleteRole(name), let .deleteRolePermissionsBoundary(name),
            let .deleteServiceLinkedRole(name):
            p.add("RoleName", name)
        case let .updateRole(name, description, maxSession):
            p.add("RoleName", name); p.add("Description", description); p.add("MaxSessionDuration", maxSession)
        case let .updateAssumeRolePolicy(name, document): p.add("RoleName", name); p.add("PolicyDocument", document)
        case let .tagRole(name, tags): p.add("RoleName", name); p.addTags(tags)
        case let .untagRole(name, keys): p.add("RoleName", name); p.addList("TagKeys", keys)
        case let .putRolePermissionsBoundary(name, arn): p.add("RoleName", name); p.add("PermissionsBoundary", arn)
        case let .createServiceLinkedRole(service, suffix, description):
            p.add("AWSServiceName", service); p.add("CustomSuffix", suffix); p.add("Description", description)
        case let .createPolicy(name, path, description, document, tags):
            p.add("PolicyName", name); p.add("Path", path); p.add("PolicyDocument", document)
            p.add("Description", description); p.addTags(tags)
        case let .getPolicy(arn), let .listPolicyVersions(arn), let .deletePolicy(arn): p.add("PolicyArn", arn)
        case let .createPolicyVersion(arn, document, setAsDefault):
            p.add("PolicyArn", arn); p.add("PolicyDocument", document); p.add("SetAsDefault", setAsDefault)
        case let .deletePolicyVersion(arn, version): p.add("PolicyArn", arn); p.add("VersionId", version)
        case let .tagPolicy(arn, tags): p.add("PolicyArn", arn); p.addTags(tags)
        case let .untagPolicy(arn, keys): p.add("PolicyArn", arn); p.addList("TagKeys", keys)
        case let .attachUserPolicy(user, arn), let .detachUserPolicy(user, arn):
            p.add("UserName", user); p.add("PolicyArn", arn)
        case let .attachGroupPolicy(group, arn), let .detachGroupPolicy(group, arn):
            p.add("GroupName", group); p.add("PolicyArn", arn)
        case let .attachRolePolicy(role, arn), let .detachRolePolicy(role, arn):
            p.add("RoleName", role); p.add("PolicyArn", arn)
        case let .putUserPolicy(user, policy, document): p.add("UserName", user); p.add("PolicyName", policy); p.add("PolicyDocument", document)
        case let .deleteUserPolicy(user, policy): p.add("UserName", user); p.add("PolicyName", policy)
        case let .putGroupPolicy(group, policy, document): p.add("GroupName", group); p.add("PolicyName", policy); p.add("PolicyDocument", document)
        case let .deleteGroupPolicy(group, policy): p.add("GroupName", group); p.add("PolicyName", policy)
        case let .putRolePolicy(role, policy, document): p.add("RoleName", role); p.add("PolicyName", policy); p.add("PolicyDocument", document)
        case let .deleteRolePolicy(role, policy): p.add("RoleName", role); p.add("PolicyName", policy)
        default: return false
        }
        return true
    }

    /// Instance profiles, identity providers and account settings.
    private func otherParameters(into p: inout ParameterList) -> Bool {
        switch self {
        case let .createInstanceProfile(name, path, tags):
            p.add("InstanceProfileName", name); p.add("Path", path); p.addTags(tags)
        case let .deleteInstanceProfile(name): p.add("InstanceProfileName", name)
        case let .tagInstanceProfile(name, tags): p.add("InstanceProfileName", name); p.addTags(tags)
        case let .untagInstanceProfile(name, keys): p.add("InstanceProfileName", name); p.addList("TagKeys", keys)
        case let .addRoleToInstanceProfile(profile, role), let .removeRoleFromInstanceProfile(profile, role):
            p.add("InstanceProfileName", profile); p.add("RoleName", role)
        case let .createOpenIDConnectProvider(url, clientIDs, thumbprints, tags):
            p.add("Url", url); p.addList("ClientIDList", clientIDs); p.addList("ThumbprintList", thumbprints)
            p.addTags(tags)
        case let .updateOpenIDConnectProviderThumbprint(arn, thumbprints):
            p.add("OpenIDConnectProviderArn", arn); p.addList("ThumbprintList", thumbprints)
        case let .deleteOpenIDConnectProvider(arn): p.add("OpenIDConnectProviderArn", arn)
        case let .createSAMLProvider(name, metadata, tags):
            p.add("Name", name); p.add("SAMLMetadataDocument", metadata); p.addTags(tags)
        case let .updateSAMLProvider(arn, metadata): p.add("SAMLProviderArn", arn); p.add("SAMLMetadataDocument", metadata)
        case let .deleteSAMLProvider(arn): p.add("SAMLProviderArn", arn)
        case let .createAccountAlias(alias), let .deleteAccountAlias(alias): p.add("AccountAlias", alias)
        case let .updateAccountPasswordPolicy(policy): Self.addPasswordPolicy(policy, to: &p)
        case .deleteAccountPasswordPolicy: break
        default: return false
        }
        return true
    }

    private static func addPasswordPolicy(_ policy: PasswordPolicy, to p: inout ParameterList) {
        p.add("MinimumPasswordLength", policy.minimumPasswordLength)
        p.add("RequireSymbols", policy.requireSymbols)
        p.add("RequireNumbers", policy.requireNumbers)
        p.add("RequireUppercaseCharacters", policy.requireUppercaseCharacters)
        p.add("RequireLowercaseCharacters", policy.requireLowercaseCharacters)
        p.add("AllowUsersToChangePassword", policy.allowUsersToChangePassword)
        p.add("MaxPasswordAge", policy.maxPasswordAge)
        p.add("PasswordReusePrevention", policy.passwordReusePrevention)
        p.add("HardExpiry", policy.hardExpiry)
    }
}
