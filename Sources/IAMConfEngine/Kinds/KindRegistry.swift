import IAMConfCore

/// The registry: every kind this iamconf manages, and the one place that maps a resource type to
/// what iamconf knows about it. Adding a kind is its file in this folder and one line here.
enum KindRegistry {
    static let kinds: [any ResourceKind] = [
        UserKind(),
        GroupMembershipKind(),
        PolicyAttachmentKind(entity: .user),
        InlinePolicyKind(entity: .user),
        LoginProfileKind(),
        AccessKeyKind(),
        MFADeviceKind(),
        GroupKind(),
        PolicyAttachmentKind(entity: .group),
        InlinePolicyKind(entity: .group),
        RoleKind(),
        PolicyAttachmentKind(entity: .role),
        InlinePolicyKind(entity: .role),
        ManagedPolicyKind(),
        InstanceProfileKind(),
        InstanceProfileRoleKind(),
        OIDCProviderKind(),
        SAMLProviderKind(),
        ServiceLinkedRoleKind(),
        BucketKind(),
        BucketPolicyKind(),
        AccountAliasKind(),
        PasswordPolicyKind(),
        // AWS Organizations (docs/organizations.md)
        OrganizationKind(),
        OrganizationalUnitKind(),
        ServiceControlPolicyKind(),
        OrganizationAccountKind(),
        SCPAttachmentKind(),
        SCPDetachmentKind(),
    ]

    /// The kinds and the sets the planner and the renderers ask for per resource, built once:
    /// building a set on every question was a measurable part of a large plan.
    static let byType: [ResourceType: Entry] = Dictionary(
        uniqueKeysWithValues: kinds.map { ($0.type, Entry(kind: $0, replacing: $0.replacingAttributes, documents: $0.documentAttributes, outputs: $0.outputs)) })

    /// A class, so a lookup hands out one reference instead of copying four.
    final class Entry: Sendable {
        let kind: any ResourceKind
        let replacing: Set<String>
        let documents: Set<String>
        let outputs: Set<String>

        init(kind: any ResourceKind, replacing: Set<String>, documents: Set<String>, outputs: Set<String>) {
            self.kind = kind
            self.replacing = replacing
            self.documents = documents
            self.outputs = outputs
        }
    }
}

extension ResourceType {
    /// The type named `text` if this iamconf knows it; nil for a type of another (newer) iamconf.
    public init?(known text: String) {
        let type = ResourceType(rawValue: text)
        guard KindRegistry.byType[type] != nil else { return nil }
        self = type
    }

    /// Whether this iamconf knows the type (a state written by a newer one may name others).
    public var isKnown: Bool { KindRegistry.byType[self] != nil }

    /// What iamconf knows about the type; for a type the registry does not list, a kind that
    /// refuses every call (a state naming one is refused when loaded, before the engine acts).
    var kind: any ResourceKind { KindRegistry.byType[self]?.kind ?? UnknownKind(type: self) }

    /// Attributes whose change cannot be made in place (the kind says which and why).
    public var replacingAttributes: Set<String> { KindRegistry.byType[self]?.replacing ?? [] }

    /// Attributes holding policy documents, compared semantically rather than textually.
    public var documentAttributes: Set<String> { KindRegistry.byType[self]?.documents ?? [] }

    /// The identifiers IAM assigns to an object of this type, kept in the state.
    public var outputs: Set<String> { KindRegistry.byType[self]?.outputs ?? [] }

    /// How `iamconf import` names an object of this type.
    public var importIDForm: String { kind.importIDForm }
}
