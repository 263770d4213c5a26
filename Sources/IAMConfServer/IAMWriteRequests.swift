import IAMConfBackend
import IAMConfCore

/// The IAM Query API's write actions as `IAMRequest`s (parameter names from the IAM API reference,
/// the inverse of `IAMRequest.queryCall()`), each with the resource ARN AWS authorizes it on.
/// Users, groups and roles are named here without their path; `LabServer` puts the existing
/// entity's full ARN in its place.
enum IAMWriteRequests {
    static func decode(_ action: String, _ p: QueryParameters, account: String) throws(ServiceError) -> (IAMRequest, String)? {
        if let found = try identities(action, p, account: account) { return found }
        if let found = try rolesAndPolicies(action, p, account: account) { return found }
        return try others(action, p, account: account)
    }

    static func arn(_ account: String, _ type: String, _ path: String?, _ name: String) -> String {
        "arn:aws:iam::\(account):\(type)\(path ?? "/")\(name)"
    }

    private static func identities(_ action: String, _ p: QueryParameters, account: String) throws(ServiceError) -> (IAMRequest, String)? {
        let user = { (name: String) in arn(account, "user", nil, name) }
        let group = { (name: String) in arn(account, "group", nil, name) }
        switch action {
        case "CreateUser":
            let name = try p.required("UserName")
            return (.createUser(name: name, path: p["Path"] ?? "/", tags: p.tags(), permissionsBoundary: p["PermissionsBoundary"]),
                    arn(account, "user", p["Path"], name))
        case "UpdateUser":
            let name = try p.required("UserName")
            return (.updateUser(name: name, newPath: p["NewPath"], newName: p["NewUserName"]), user(name))
        case "DeleteUser": let name = try p.required("UserName"); return (.deleteUser(name: name), user(name))
        case "TagUser": let name = try p.required("UserName"); return (.tagUser(name: name, tags: p.tags()), user(name))
        case "UntagUser": let name = try p.required("UserName"); return (.untagUser(name: name, keys: p.list("TagKeys")), user(name))
        case "PutUserPermissionsBoundary":
            let name = try p.required("UserName")
            return (.putUserPermissionsBoundary(name: name, policyARN: try p.required("PermissionsBoundary")), user(name))
        case "DeleteUserPermissionsBoundary":
            let name = try p.required("UserName"); return (.deleteUserPermissionsBoundary(name: name), user(name))
        case "CreateLoginProfile":
            let name = try p.required("UserName")
            return (.createLoginProfile(userName: name, passwordResetRequired: p["PasswordResetRequired"] == "true"), user(name))
        case "UpdateLoginProfile":
            let name = try p.required("UserName")
            return (.updateLoginProfile(userName: name, passwordResetRequired: p["PasswordResetRequired"] == "true", newPassword: p["Password"] != nil),
                    user(name))
        case "DeleteLoginProfile": let name = try p.required("UserName"); return (.deleteLoginProfile(userName: name), user(name))
        case "CreateAccessKey": let name = try p.required("UserName"); return (.createAccessKey(userName: name), user(name))
        case "DeleteAccessKey":
            let name = try p.required("UserName")
            return (.deleteAccessKey(userName: name, accessKeyID: try p.required("AccessKeyId")), user(name))
        case "CreateGroup":
            let name = try p.required("GroupName")
            return (.createGroup(name: name, path: p["Path"] ?? "/"), arn(account, "group", p["Path"], name))
        case "UpdateGroup":
            let name = try p.required("GroupName")
            return (.updateGroup(name: name, newPath: p["NewPath"], newName: p["NewGroupName"]), group(name))
        case "DeleteGroup": let name = try p.required("GroupName"); return (.deleteGroup(name: name), group(name))
        case "AddUserToGroup":
            let name = try p.required("GroupName")
            return (.addUserToGroup(groupName: name, userName: try p.required("UserName")), group(name))
        case "RemoveUserFromGroup":
            let name = try p.required("GroupName")
            return (.removeUserFromGroup(groupName: name, userName: try p.required("UserName")), group(name))
        case "AttachUserPolicy", "DetachUserPolicy":
            let name = try p.required("UserName")
            let policy = try p.required("PolicyArn")
            return (action == "AttachUserPolicy" ? .attachUserPolicy(userName: name, policyARN: policy) : .detachUserPolicy(userName: name, policyARN: policy),
                    user(name))
        case "AttachGroupPolicy", "DetachGroupPolicy":
            let name = try p.required("GroupName")
            let policy = try p.required("PolicyArn")
            return (action == "AttachGroupPolicy" ? .attachGroupPolicy(groupName: name, policyARN: policy) : .detachGroupPolicy(groupName: name, policyARN: policy),
                    group(name))
        case "PutUserPolicy":
            let name = try p.required("UserName")
            return (.putUserPolicy(userName: name, policyName: try p.required("PolicyName"), document: try p.required("PolicyDocument")), user(name))
        case "DeleteUserPolicy":
            let name = try p.required("UserName")
            return (.deleteUserPolicy(userName: name, policyName: try p.required("PolicyName")), user(name))
        case "PutGroupPolicy":
            let name = try p.required("GroupName")
            return (.putGroupPolicy(groupName: name, policyName: try p.required("PolicyName"), document: try p.required("PolicyDocument")), group(name))
        case "DeleteGroupPolicy":
            let name = try p.required("GroupName")
            return (.deleteGroupPolicy(groupName: name, policyName: try p.required("PolicyName")), group(name))
        default:
            return nil
        }
    }

    private static func rolesAndPolicies(_ action: String, _ p: QueryParameters, account: String) throws(ServiceError) -> (IAMRequest, String)? {
        let role = { (name: String) in arn(account, "role", nil, name) }
        switch action {
        case "CreateRole":
            let name = try p.required("RoleName")
            guard let maxSession = Int(p["MaxSessionDuration"] ?? "3600") else { throw .validation("MaxSessionDuration must be a number") }
            return (.createRole(
                name: name, path: p["Path"] ?? "/", trustPolicy: try p.required("AssumeRolePolicyDocument"), description: p["Description"],
                maxSessionDuration: maxSession, tags: p.tags(), permissionsBoundary: p["PermissionsBoundary"]), arn(account, "role", p["Path"], name))
        case "UpdateRole":
            let name = try p.required("RoleName")
            guard let maxSession = Int(p["MaxSessionDuration"] ?? "3600") else { throw .validation("MaxSessionDuration must be a number") }
            return (.updateRole(name: name, description: p["Description"], maxSessionDuration: maxSession), role(name))
        case "UpdateAssumeRolePolicy":
            let name = try p.required("RoleName")
            return (.updateAssumeRolePolicy(roleName: name, policyDocument: try p.required("PolicyDocument")), role(name))
        case "DeleteRole": let name = try p.required("RoleName"); return (.deleteRole(name: name), role(name))
        case "TagRole": let name = try p.required("RoleName"); return (.tagRole(name: name, tags: p.tags()), role(name))
        case "UntagRole": let name = try p.required("RoleName"); return (.untagRole(name: name, keys: p.list("TagKeys")), role(name))
        case "PutRolePermissionsBoundary":
            let name = try p.required("RoleName")
            return (.putRolePermissionsBoundary(name: name, policyARN: try p.required("PermissionsBoundary")), role(name))
        case "DeleteRolePermissionsBoundary":
            let name = try p.required("RoleName"); return (.deleteRolePermissionsBoundary(name: name), role(name))
        case "CreateServiceLinkedRole":
            let service = try p.required("AWSServiceName")
            return (.createServiceLinkedRole(serviceName: service, customSuffix: p["CustomSuffix"], description: p["Description"]),
                    arn(account, "role", "/aws-service-role/\(service)/", "*"))
        case "DeleteServiceLinkedRole":
            let name = try p.required("RoleName"); return (.deleteServiceLinkedRole(roleName: name), role(name))
        case "AttachRolePolicy", "DetachRolePolicy":
            let name = try p.required("RoleName")
            let policy = try p.required("PolicyArn")
            return (action == "AttachRolePolicy" ? .attachRolePolicy(roleName: name, policyARN: policy) : .detachRolePolicy(roleName: name, policyARN: policy),
                    role(name))
        case "PutRolePolicy":
            let name = try p.required("RoleName")
            return (.putRolePolicy(roleName: name, policyName: try p.required("PolicyName"), document: try p.required("PolicyDocument")), role(name))
        case "DeleteRolePolicy":
            let name = try p.required("RoleName")
            return (.deleteRolePolicy(roleName: name, policyName: try p.required("PolicyName")), role(name))
        case "CreatePolicy":
            let name = try p.required("PolicyName")
            return (.createPolicy(
                name: name, path: p["Path"] ?? "/", description: p["Description"], document: try p.required("PolicyDocument"), tags: p.tags()),
                arn(account, "policy", p["Path"], name))
        case "CreatePolicyVersion":
            let policy = try p.required("PolicyArn")
            return (.createPolicyVersion(policyARN: policy, document: try p.required("PolicyDocument"), setAsDefault: p["SetAsDefault"] == "true"), policy)
        case "DeletePolicyVersion":
            let policy = try p.required("PolicyArn")
            return (.deletePolicyVersion(policyARN: policy, versionID: try p.required("VersionId")), policy)
        case "DeletePolicy": let policy = try p.required("PolicyArn"); return (.deletePolicy(arn: policy), policy)
        case "TagPolicy": let policy = try p.required("PolicyArn"); return (.tagPolicy(arn: policy, tags: p.tags()), policy)
        case "UntagPolicy": let policy = try p.required("PolicyArn"); return (.untagPolicy(arn: policy, keys: p.list("TagKeys")), policy)
        default:
            return nil
        }
    }

    private static func others(_ action: String, _ p: QueryParameters, account: String) throws(ServiceError) -> (IAMRequest, String)? {
        let profile = { (name: String) in arn(account, "instance-profile", nil, name) }
        switch action {
        case "CreateInstanceProfile":
            let name = try p.required("InstanceProfileName")
            return (.createInstanceProfile(name: name, path: p["Path"] ?? "/", tags: p.tags()), arn(account, "instance-profile", p["Path"], name))
        case "DeleteInstanceProfile":
            let name = try p.required("InstanceProfileName"); return (.deleteInstanceProfile(name: name), profile(name))
        case "TagInstanceProfile":
            let name = try p.required("InstanceProfileName"); return (.tagInstanceProfile(name: name, tags: p.tags()), profile(name))
        case "UntagInstanceProfile":
            let name = try p.required("InstanceProfileName"); return (.untagInstanceProfile(name: name, keys: p.list("TagKeys")), profile(name))
        case "AddRoleToInstanceProfile", "RemoveRoleFromInstanceProfile":
            let name = try p.required("InstanceProfileName")
            let role = try p.required("RoleName")
            return (action == "AddRoleToInstanceProfile"
                ? .addRoleToInstanceProfile(profileName: name, roleName: role) : .removeRoleFromInstanceProfile(profileName: name, roleName: role),
                profile(name))
        case "CreateOpenIDConnectProvider":
            let url = try p.required("Url")
            let host = url.hasPrefix("https://") ? String(url.dropFirst(8)) : url
            return (.createOpenIDConnectProvider(url: url, clientIDs: p.list("ClientIDList"), thumbprints: p.list("ThumbprintList"), tags: p.tags()),
                    arn(account, "oidc-provider", "/", host))
        case "UpdateOpenIDConnectProviderThumbprint":
            let provider = try p.required("OpenIDConnectProviderArn")
            return (.updateOpenIDConnectProviderThumbprint(arn: provider, thumbprints: p.list("ThumbprintList")), provider)
        case "DeleteOpenIDConnectProvider":
            let provider = try p.required("OpenIDConnectProviderArn"); return (.deleteOpenIDConnectProvider(arn: provider), provider)
        case "CreateSAMLProvider":
            let name = try p.required("Name")
            return (.createSAMLProvider(name: name, metadataDocument: try p.required("SAMLMetadataDocument"), tags: p.tags()),
                    arn(account, "saml-provider", "/", name))
        case "UpdateSAMLProvider":
            let provider = try p.required("SAMLProviderArn")
            return (.updateSAMLProvider(arn: provider, metadataDocument: try p.required("SAMLMetadataDocument")), provider)
        case "DeleteSAMLProvider":
            let provider = try p.required("SAMLProviderArn"); return (.deleteSAMLProvider(arn: provider), provider)
        case "CreateAccountAlias": return (.createAccountAlias(alias: try p.required("AccountAlias")), "*")
        case "DeleteAccountAlias": return (.deleteAccountAlias(alias: try p.required("AccountAlias")), "*")
        case "UpdateAccountPasswordPolicy": return (.updateAccountPasswordPolicy(passwordPolicy(p)), "*")
        case "DeleteAccountPasswordPolicy": return (.deleteAccountPasswordPolicy, "*")
        default:
            return nil
        }
    }

    private static func passwordPolicy(_ p: QueryParameters) -> PasswordPolicy {
        func bool(_ name: String) -> Bool? { p[name].map { $0 == "true" } }
        var policy = PasswordPolicy()
        policy.minimumPasswordLength = p["MinimumPasswordLength"].flatMap { Int($0) }
        policy.requireSymbols = bool("RequireSymbols")
        policy.requireNumbers = bool("RequireNumbers")
        policy.requireUppercaseCharacters = bool("RequireUppercaseCharacters")
        policy.requireLowercaseCharacters = bool("RequireLowercaseCharacters")
        policy.allowUsersToChangePassword = bool("AllowUsersToChangePassword")
        policy.maxPasswordAge = p["MaxPasswordAge"].flatMap { Int($0) }
        policy.passwordReusePrevention = p["PasswordReusePrevention"].flatMap { Int($0) }
        policy.hardExpiry = bool("HardExpiry")
        return policy
    }
}
