/// The registry: the one place that maps a resource type to what iamconf knows about it.
extension ResourceType {
    var kind: any ResourceKind {
        switch self {
        case .user: return UserKind()
        case .userGroupMembership: return GroupMembershipKind()
        case .userPolicyAttachment: return PolicyAttachmentKind(entity: .user)
        case .userInlinePolicy: return InlinePolicyKind(entity: .user)
        case .loginProfile: return LoginProfileKind()
        case .accessKey: return AccessKeyKind()
        case .group: return GroupKind()
        case .groupPolicyAttachment: return PolicyAttachmentKind(entity: .group)
        case .groupInlinePolicy: return InlinePolicyKind(entity: .group)
        case .role: return RoleKind()
        case .rolePolicyAttachment: return PolicyAttachmentKind(entity: .role)
        case .roleInlinePolicy: return InlinePolicyKind(entity: .role)
        case .policy: return ManagedPolicyKind()
        case .instanceProfile: return InstanceProfileKind()
        case .instanceProfileRole: return InstanceProfileRoleKind()
        case .oidcProvider: return OIDCProviderKind()
        case .samlProvider: return SAMLProviderKind()
        case .serviceLinkedRole: return ServiceLinkedRoleKind()
        case .bucket: return BucketKind()
        case .bucketPolicy: return BucketPolicyKind()
        case .accountAlias: return AccountAliasKind()
        case .passwordPolicy: return PasswordPolicyKind()
        }
    }
}
