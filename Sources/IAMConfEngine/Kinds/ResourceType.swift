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
    public var replacingAttributes: Set<String> { Self.facts[self]?.replacing ?? [] }

    /// Attributes holding policy documents, compared semantically rather than textually.
    public var documentAttributes: Set<String> { Self.facts[self]?.documents ?? [] }

    /// The identifiers IAM assigns to an object of this type, kept in the state.
    public var outputs: Set<String> { Self.facts[self]?.outputs ?? [] }

    /// The kinds' sets, built once: the planner and the renderers ask for them per resource, and
    /// building a set on every question was a measurable part of a large plan.
    private static let facts: [ResourceType: (replacing: Set<String>, documents: Set<String>, outputs: Set<String>)] =
        Dictionary(uniqueKeysWithValues: allCases.map { ($0, ($0.kind.replacingAttributes, $0.kind.documentAttributes, $0.kind.outputs)) })

    /// How `iamconf import` names an object of this type.
    public var importIDForm: String { kind.importIDForm }
}
