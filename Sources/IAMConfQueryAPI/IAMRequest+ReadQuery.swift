import IAMConfBackend

extension IAMRequest {
    /// The refresh and import reads that the Query API answers (every one but the simulated-S3 ones).
    ///
    /// The list reads are encoded without `Marker`/`MaxItems`: `RefreshReader` adds those per page.
    var isQueryRefreshRead: Bool {
        switch self {
        case .getLoginProfile, .listAccessKeys, .listGroupsForUser, .listAttachedUserPolicies, .listAttachedGroupPolicies,
            .listAttachedRolePolicies, .getUserPolicy, .getGroupPolicy, .getRolePolicy, .getInstanceProfile,
            .getOpenIDConnectProvider, .getSAMLProvider, .getPolicyVersion, .getAccountPasswordPolicy, .listAccountAliases,
            .listMFADevices, .listVirtualMFADevices:
            return true
        default: return isAccountList
        }
    }

    /// The account-wide lists of an inventory (`listUsers`, …; not S3's `listBuckets`).
    var isAccountList: Bool {
        switch self {
        case .listUsers, .listGroups, .listRoles, .listPolicies, .listUserPolicies, .listGroupPolicies, .listRolePolicies,
            .listInstanceProfiles, .listOpenIDConnectProviders, .listSAMLProviders:
            return true
        default: return false
        }
    }

    /// The reads that follow `Marker` until `IsTruncated` is false
    /// (https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListAccessKeys.html, "IsTruncated").
    var isPagedRead: Bool {
        switch self {
        case .listAccessKeys, .listGroupsForUser, .listAttachedUserPolicies, .listAttachedGroupPolicies,
            .listAttachedRolePolicies, .listAccountAliases, .listMFADevices, .listVirtualMFADevices,
            // ListOpenIDConnectProviders and ListSAMLProviders have no Marker: one answer holds all.
            .listUsers, .listGroups, .listRoles, .listPolicies, .listUserPolicies, .listGroupPolicies, .listRolePolicies,
            .listInstanceProfiles:
            return true
        default: return false
        }
    }

    /// Parameters of the refresh reads, named as in the IAM API reference.
    func readParameters(into p: inout ParameterList) -> Bool {
        switch self {
        case let .getLoginProfile(user), let .listAccessKeys(user), let .listGroupsForUser(user),
            let .listAttachedUserPolicies(user), let .listMFADevices(user):
            p.add("UserName", user)
        case let .listAttachedGroupPolicies(group): p.add("GroupName", group)
        case let .listAttachedRolePolicies(role): p.add("RoleName", role)
        case let .getUserPolicy(user, policy): p.add("UserName", user); p.add("PolicyName", policy)
        case let .getGroupPolicy(group, policy): p.add("GroupName", group); p.add("PolicyName", policy)
        case let .getRolePolicy(role, policy): p.add("RoleName", role); p.add("PolicyName", policy)
        case let .getInstanceProfile(name): p.add("InstanceProfileName", name)
        case let .getOpenIDConnectProvider(arn): p.add("OpenIDConnectProviderArn", arn)
        case let .getSAMLProvider(arn): p.add("SAMLProviderArn", arn)
        case let .getPolicyVersion(arn, version): p.add("PolicyArn", arn); p.add("VersionId", version)
        case .getAccountPasswordPolicy, .listAccountAliases, .listVirtualMFADevices: break
        case .listUsers, .listGroups, .listRoles, .listInstanceProfiles, .listOpenIDConnectProviders, .listSAMLProviders: break
        case let .listPolicies(scope): p.add("Scope", scope)
        case let .listUserPolicies(user): p.add("UserName", user)
        case let .listGroupPolicies(group): p.add("GroupName", group)
        case let .listRolePolicies(role): p.add("RoleName", role)
        default: return false
        }
        return true
    }
}
