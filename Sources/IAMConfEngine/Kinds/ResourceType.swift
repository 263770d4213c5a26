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

    /// Attributes whose change cannot be made in place (the kind says which and why).
    public var replacingAttributes: Set<String> { kind.replacingAttributes }

    /// Attributes holding policy documents, compared semantically rather than textually.
    public var documentAttributes: Set<String> { kind.documentAttributes }

    /// The identifiers IAM assigns to an object of this type, kept in the state.
    public var outputs: Set<String> { kind.outputs }

    /// How `iamconf import` names an object of this type.
    public var importIDForm: String { kind.importIDForm }
}
