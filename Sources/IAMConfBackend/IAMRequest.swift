import IAMConfCore

/// One IAM, STS or simulated-S3 call, named after the AWS API action it is.
///
/// Parameters follow the IAM API reference (https://docs.aws.amazon.com/IAM/latest/APIReference/):
/// entity names, not ARNs, except where the API takes an ARN (policies, providers). Policy documents
/// are JSON text, exactly what the API's `PolicyDocument` parameter carries.
public enum IAMRequest: Sendable, Hashable {
    // Users
    case createUser(name: String, path: String, tags: [Tag], permissionsBoundary: String?)
    case getUser(name: String)
    /// UpdateUser: a new path, a new name, or both. A rename keeps the user's unique id, keys,
    /// login profile, group memberships and policies; only the ARN follows the new name
    /// (https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateUser.html).
    case updateUser(name: String, newPath: String?, newName: String? = nil)
    case deleteUser(name: String)
    case tagUser(name: String, tags: [Tag])
    case untagUser(name: String, keys: [String])
    case putUserPermissionsBoundary(name: String, policyARN: String)
    case deleteUserPermissionsBoundary(name: String)
    case createLoginProfile(userName: String, passwordResetRequired: Bool)
    /// With `newPassword`, the backend sets a new generated password and returns it in
    /// `IAMResponse.password`: how iamconf repairs a console login whose password it never learnt
    /// (made by a killed apply, or by a create whose answer was lost).
    case updateLoginProfile(userName: String, passwordResetRequired: Bool, newPassword: Bool)
    case deleteLoginProfile(userName: String)
    case createAccessKey(userName: String)
    case deleteAccessKey(userName: String, accessKeyID: String)
    /// A virtual MFA device named after the user (path `/`), enabled for the user: how the engine makes
    /// `mfa_device`. An endpoint sends CreateVirtualMFADevice, then EnableMFADevice with two consecutive
    /// codes computed from the seed. Answers the serial in `arn` and the Base32 seed in `mfaSeed` (a
    /// secret: AWS hands it out only in CreateVirtualMFADevice's answer).
    case createUserMFADevice(userName: String)
    /// DeactivateMFADevice (when the device is enabled for the user), then DeleteVirtualMFADevice.
    case deleteUserMFADevice(userName: String, serialNumber: String)
    /// ListMFADevices: `serials` = `["arn:aws:iam::…:mfa/alice"]`.
    case listMFADevices(userName: String)
    /// CreateVirtualMFADevice: the serial (`arn:aws:iam::ACCOUNT:mfaPATHNAME`) in `arn`, the Base32
    /// seed in `mfaSeed`. https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateVirtualMFADevice.html
    case createVirtualMFADevice(name: String, path: String)
    /// EnableMFADevice: two consecutive six-digit codes of the device.
    case enableMFADevice(userName: String, serialNumber: String, authenticationCode1: String, authenticationCode2: String)
    /// DeactivateMFADevice: the device stays, unassigned.
    case deactivateMFADevice(userName: String, serialNumber: String)
    /// DeleteVirtualMFADevice (DeleteConflict while it is enabled for a user).
    case deleteVirtualMFADevice(serialNumber: String)
    /// ListVirtualMFADevices (every page): `serials` = every device's serial, sorted; `users` =
    /// `{"SERIAL":"alice"}` for the assigned ones.
    case listVirtualMFADevices

    // Groups
    case createGroup(name: String, path: String)
    case getGroup(name: String)
    /// UpdateGroup: a new path, a new name, or both. A rename keeps the members and policies
    /// (https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateGroup.html).
    case updateGroup(name: String, newPath: String?, newName: String? = nil)
    case deleteGroup(name: String)
    case addUserToGroup(groupName: String, userName: String)
    case removeUserFromGroup(groupName: String, userName: String)

    // Roles
    case createRole(
        name: String, path: String, trustPolicy: String, description: String?, maxSessionDuration: Int,
        tags: [Tag], permissionsBoundary: String?)
    case getRole(name: String)
    case updateRole(name: String, description: String?, maxSessionDuration: Int)
    case updateAssumeRolePolicy(roleName: String, policyDocument: String)
    case deleteRole(name: String)
    case tagRole(name: String, tags: [Tag])
    case untagRole(name: String, keys: [String])
    case putRolePermissionsBoundary(name: String, policyARN: String)
    case deleteRolePermissionsBoundary(name: String)
    case createServiceLinkedRole(serviceName: String, customSuffix: String?, description: String?)
    case deleteServiceLinkedRole(roleName: String)

    // Managed policies
    case createPolicy(name: String, path: String, description: String?, document: String, tags: [Tag])
    case getPolicy(arn: String)
    case createPolicyVersion(policyARN: String, document: String, setAsDefault: Bool)
    case listPolicyVersions(policyARN: String)
    case deletePolicyVersion(policyARN: String, versionID: String)
    case deletePolicy(arn: String)
    case tagPolicy(arn: String, tags: [Tag])
    case untagPolicy(arn: String, keys: [String])

    // Attachments (managed policies on identities)
    case attachUserPolicy(userName: String, policyARN: String)
    case detachUserPolicy(userName: String, policyARN: String)
    case attachGroupPolicy(groupName: String, policyARN: String)
    case detachGroupPolicy(groupName: String, policyARN: String)
    case attachRolePolicy(roleName: String, policyARN: String)
    case detachRolePolicy(roleName: String, policyARN: String)

    // Inline policies
    case putUserPolicy(userName: String, policyName: String, document: String)
    case deleteUserPolicy(userName: String, policyName: String)
    case putGroupPolicy(groupName: String, policyName: String, document: String)
    case deleteGroupPolicy(groupName: String, policyName: String)
    case putRolePolicy(roleName: String, policyName: String, document: String)
    case deleteRolePolicy(roleName: String, policyName: String)

    // Instance profiles
    case createInstanceProfile(name: String, path: String, tags: [Tag])
    case deleteInstanceProfile(name: String)
    case tagInstanceProfile(name: String, tags: [Tag])
    case untagInstanceProfile(name: String, keys: [String])
    case addRoleToInstanceProfile(profileName: String, roleName: String)
    case removeRoleFromInstanceProfile(profileName: String, roleName: String)

    // Identity providers
    case createOpenIDConnectProvider(url: String, clientIDs: [String], thumbprints: [String], tags: [Tag])
    case updateOpenIDConnectProviderThumbprint(arn: String, thumbprints: [String])
    case deleteOpenIDConnectProvider(arn: String)
    case createSAMLProvider(name: String, metadataDocument: String, tags: [Tag])
    case updateSAMLProvider(arn: String, metadataDocument: String)
    case deleteSAMLProvider(arn: String)

    // Account settings
    case createAccountAlias(alias: String)
    case deleteAccountAlias(alias: String)
    case updateAccountPasswordPolicy(PasswordPolicy)
    case deleteAccountPasswordPolicy

    // Simulated S3 (the simulator only; an endpoint backend may refuse with `.unsupported`)
    case createBucket(name: String)
    case putBucketPolicy(bucket: String, document: String)
    case deleteBucketPolicy(bucket: String)
    case deleteBucket(name: String)

    // Reads for refresh and import (https://docs.aws.amazon.com/IAM/latest/APIReference/API_Operations.html).
    // Each answers in `IAMResponse.attributes`, named as the state names them and typed as that
    // member's documentation says (lists are arrays, maps objects, flags booleans; documents are
    // their text). A missing object is `NoSuchEntity`.

    /// GetLoginProfile: `user`, `create_date`, `password_reset_required` (a boolean).
    case getLoginProfile(userName: String)
    /// ListAccessKeys (every page): `access_keys` = `["AKIA…"]`, `statuses` = `{"AKIA…":"Active"}`,
    /// `create_dates` = `{"AKIA…":"2026-12-07T05:20:51Z"}` (ISO 8601; how a key left behind by an
    /// interrupted apply is told from an older one made by hand).
    case listAccessKeys(userName: String)
    /// ListGroupsForUser (every page): `groups` = `["developers"]` (names as created).
    case listGroupsForUser(userName: String)
    /// ListAttachedUserPolicies (every page): `policies` = `["arn:aws:iam::…"]`.
    case listAttachedUserPolicies(userName: String)
    /// ListAttachedGroupPolicies (every page): `policies` = policy ARNs.
    case listAttachedGroupPolicies(groupName: String)
    /// ListAttachedRolePolicies (every page): `policies` = policy ARNs.
    case listAttachedRolePolicies(roleName: String)
    /// GetUserPolicy: `entity`, `name`, `document` (the URL-decoded text, as IAM stores it).
    case getUserPolicy(userName: String, policyName: String)
    /// GetGroupPolicy: `entity`, `name`, `document`.
    case getGroupPolicy(groupName: String, policyName: String)
    /// GetRolePolicy: `entity`, `name`, `document`.
    case getRolePolicy(roleName: String, policyName: String)
    /// GetInstanceProfile: `name`, `path`, `arn`, `unique_id`, `create_date`, `tags` (`{"k":"v"}`),
    /// `roles` = `["RoleName"]`.
    case getInstanceProfile(name: String)
    /// GetOpenIDConnectProvider: `url` (as IAM returns it, without `https://`), `client_ids`,
    /// `thumbprints` (lists), `tags`, `create_date`.
    case getOpenIDConnectProvider(arn: String)
    /// GetSAMLProvider: `name` (from the ARN), `metadata` (the SAMLMetadataDocument), `tags`, `create_date`.
    case getSAMLProvider(arn: String)
    /// GetPolicyVersion: `version_id`, `is_default` (a boolean), `document` (the URL-decoded text).
    case getPolicyVersion(policyARN: String, versionID: String)
    /// GetAccountPasswordPolicy: the planner's keys (`minimum_password_length`, `require_symbols`,
    /// `require_numbers`, `require_uppercase_characters`, `require_lowercase_characters`,
    /// `allow_users_to_change_password`, `max_password_age`, `password_reuse_prevention`,
    /// `hard_expiry`), numbers and booleans; absent keys are unset. None set: NoSuchEntity.
    case getAccountPasswordPolicy
    /// ListAccountAliases: `aliases` = `["acme-target"]` (IAM allows at most one).
    case listAccountAliases
    /// S3 HeadBucket (simulated): `name`, `arn` when the bucket exists in this account, else NoSuchEntity.
    case headBucket(name: String)
    /// S3 GetBucketPolicy (simulated): `bucket`, `document`; NoSuchEntity without a bucket or a policy
    /// (S3's NoSuchBucket / NoSuchBucketPolicy).
    case getBucketPolicy(bucket: String)

    // Account-wide lists, for the inventory of an account (objects the configuration does not
    // declare). Each reads every page. AWS-owned objects are listed like any other; callers skip
    // them with `AWSOwned` (service-linked and reserved roles, AWS managed policies).

    /// ListUsers (every page): `users` = names, `paths` = `{"alice":"/"}`, `arns` = `{"alice":"arn:…"}`.
    case listUsers
    /// ListGroups (every page): `groups` = names, `paths`, `arns` (keyed by name).
    case listGroups
    /// ListRoles (every page): `roles` = names, `paths`, `arns` (keyed by name). Service-linked roles
    /// (path `/aws-service-role/`) are listed too.
    case listRoles
    /// ListPolicies (every page). The inventory asks `Scope=Local`, the customer managed policies:
    /// `policies` = ARNs, `names`, `paths`, `default_versions` (`{"arn:…":"v1"}`), keyed by ARN.
    /// The simulator answers only `Local` (its AWS managed policies are a catalog, not listed).
    case listPolicies(scope: String)
    /// ListUserPolicies (every page): `policies` = the user's inline policy names.
    case listUserPolicies(userName: String)
    /// ListGroupPolicies (every page): `policies` = inline policy names.
    case listGroupPolicies(groupName: String)
    /// ListRolePolicies (every page): `policies` = inline policy names.
    case listRolePolicies(roleName: String)
    /// ListInstanceProfiles (every page): `profiles` = names, `roles` = `{"profile":"RoleName"}`
    /// for the ones holding a role (a profile holds at most one).
    case listInstanceProfiles
    /// ListOpenIDConnectProviders: `providers` = ARNs.
    case listOpenIDConnectProviders
    /// ListSAMLProviders: `providers` = ARNs.
    case listSAMLProviders
    /// S3 ListBuckets (simulated): `buckets` = the names of this account's buckets.
    case listBuckets

    // AWS Organizations (IAMRequest+Organizations.swift). Performed in the management account;
    // units are named by their path from the root and policies by name, which the backend
    // resolves to Organizations' ids (units and SCP names are unique where iamconf makes them).
    case createOrganization(featureSet: String)
    /// DescribeOrganization and ListRoots: `id`, `arn`, `feature_set`, `management_account_id`, `root_id`.
    case describeOrganization
    case deleteOrganization
    case createOrganizationalUnit(path: [String])
    case updateOrganizationalUnit(path: [String], newName: String)
    case deleteOrganizationalUnit(path: [String])
    /// DescribeOrganizationalUnit: `name`, `parent` (`root`, `ou/A/B`), `arn`, `unique_id` (the OU id).
    case describeOrganizationalUnit(path: [String])
    /// CreatePolicy with `Type` SERVICE_CONTROL_POLICY.
    case createServiceControlPolicy(name: String, description: String?, document: String)
    case updateServiceControlPolicy(name: String, description: String?, document: String)
    case deleteServiceControlPolicy(name: String)
    /// DescribePolicy: `name`, `description`, `document`, `arn`, `unique_id` (the policy id).
    case describeServiceControlPolicy(name: String)
    case attachServiceControlPolicy(name: String, target: OrganizationTarget)
    case detachServiceControlPolicy(name: String, target: OrganizationTarget)
    /// ListPoliciesForTarget (SERVICE_CONTROL_POLICY): `policies` = names (`FullAWSAccess` too).
    case listServiceControlPoliciesForTarget(target: OrganizationTarget)
    /// InviteAccountToOrganization (the simulator accepts the handshake on the account's behalf).
    case inviteAccountToOrganization(accountID: String)
    case removeAccountFromOrganization(accountID: String)
    /// MoveAccount from wherever the account is to `destination` (`[]`: the root).
    case moveAccount(accountID: String, destination: [String])
    /// ListParents: `parent` (`root`, `ou/A/B`); NoSuchEntity when the account is no member.
    case listParents(accountID: String)

    /// The AWS API action name (`CreateUser`), for messages and the Query API's `Action=`.
    public var actionName: String {
        let label = String(describing: self).prefix { $0 != "(" }
        guard let first = label.first else { return String(label) }
        return first.uppercased() + label.dropFirst()
    }
}
