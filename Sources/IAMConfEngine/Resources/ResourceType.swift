import IAMConfBackend
/// Every kind of object iamconf manages. Relationships (memberships, attachments) are resources of
/// their own so that changing one never rewrites an identity.
public enum ResourceType: String, Sendable, Hashable, CaseIterable, Codable {
    case user
    case userGroupMembership = "user_group_membership"
    case userPolicyAttachment = "user_policy_attachment"
    case userInlinePolicy = "user_inline_policy"
    case loginProfile = "login_profile"
    case accessKey = "access_key"
    case group
    case groupPolicyAttachment = "group_policy_attachment"
    case groupInlinePolicy = "group_inline_policy"
    case role
    case rolePolicyAttachment = "role_policy_attachment"
    case roleInlinePolicy = "role_inline_policy"
    case policy
    case instanceProfile = "instance_profile"
    case instanceProfileRole = "instance_profile_role"
    case oidcProvider = "oidc_provider"
    case samlProvider = "saml_provider"
    case serviceLinkedRole = "service_linked_role"
    case bucket
    case bucketPolicy = "bucket_policy"
    case accountAlias = "account_alias"
    case passwordPolicy = "password_policy"

    /// Attributes whose change cannot be made in place, following what IAM's Update* actions allow:
    /// a role's path is fixed at creation (UpdateRole has no NewPath), a managed policy's path and
    /// description likewise (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreatePolicy.html),
    /// while UpdateUser and UpdateGroup take NewPath.
    public var replacingAttributes: Set<String> {
        switch self {
        case .user, .group: return ["name"]
        case .role: return ["name", "path"]
        // Policies and instance profiles are retagged in place (TagPolicy, TagInstanceProfile). Identity
        // providers are not yet: the Backend contract has no Tag*/Untag* calls for them.
        case .policy: return ["name", "path", "description"]
        case .instanceProfile: return ["name", "path"]
        case .oidcProvider: return ["url", "client_ids", "tags"]
        case .samlProvider: return ["name", "tags"]
        case .serviceLinkedRole: return ["service", "suffix", "description"]
        case .userInlinePolicy, .groupInlinePolicy, .roleInlinePolicy: return ["entity", "name"]
        case .loginProfile: return ["user"]
        case .accessKey: return ["user", "index"]
        case .bucket: return ["name"]
        case .bucketPolicy: return ["bucket"]
        case .accountAlias, .passwordPolicy: return []
        case .userGroupMembership, .userPolicyAttachment, .groupPolicyAttachment, .rolePolicyAttachment,
            .instanceProfileRole:
            return Set(["user", "group", "role", "entity", "policy_arn", "profile"])
        }
    }

    /// Attributes holding policy documents, compared semantically rather than textually.
    public var documentAttributes: Set<String> {
        switch self {
        case .role: return ["assume_role_policy"]
        case .policy, .userInlinePolicy, .groupInlinePolicy, .roleInlinePolicy, .bucketPolicy: return ["document"]
        default: return []
        }
    }
}
