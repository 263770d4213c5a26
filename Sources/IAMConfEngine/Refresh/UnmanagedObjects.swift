import IAMConfCore
import IAMConfState

/// An object in a managed account that neither the configuration nor the state declares: a user,
/// group, role or customer managed policy made by hand, or an attachment, group membership or
/// inline policy that someone added to an identity iamconf manages.
public struct UnmanagedObject: Sendable, Hashable {
    /// The object as the account inventory read it (address made from its names).
    public var resource: ResourceState
    /// The account's `ownership:`; `exclusive` means the plan removes it.
    public var ownership: Ownership

    public init(resource: ResourceState, ownership: Ownership) {
        self.resource = resource
        self.ownership = ownership
    }

    public var address: Address { resource.address }
    public var type: ResourceType { resource.type }

    /// "user bob", "AdministratorAccess (arn:…) attached to group developers", …, for the report.
    public var summary: String {
        let a = resource.attributes
        func s(_ name: String) -> String { a[name]?.stringValue ?? "" }
        switch resource.type {
        case .userPolicyAttachment: return "policy \(s("policy_arn")) attached to user \(s("user"))"
        case .groupPolicyAttachment: return "policy \(s("policy_arn")) attached to group \(s("group"))"
        case .rolePolicyAttachment: return "policy \(s("policy_arn")) attached to role \(s("role"))"
        case .userGroupMembership: return "user \(s("user")) is a member of group \(s("group"))"
        case .userInlinePolicy: return "inline policy \(s("name")) of user \(s("entity"))"
        case .groupInlinePolicy: return "inline policy \(s("name")) of group \(s("entity"))"
        case .roleInlinePolicy: return "inline policy \(s("name")) of role \(s("entity"))"
        case .policy: return "customer managed policy \(resource.outputs["arn"] ?? s("name"))"
        default: return "\(resource.type.rawValue) \(s("name"))"
        }
    }
}

/// What the account inventories hold beyond the configuration and the state.
public struct UnmanagedReport: Sendable, Hashable {
    /// What the report lists, in address order.
    public var objects: [UnmanagedObject]
    /// What a plan deletes in `exclusive` accounts: the listed objects and everything that hangs
    /// off an undeclared identity (its keys, login profile, MFA device, memberships, attachments and
    /// inline policies, which IAM requires gone before DeleteUser/DeleteGroup/DeleteRole/DeletePolicy:
    /// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_users_remove.html).
    public var removals: [ResourceState]

    public init(objects: [UnmanagedObject] = [], removals: [ResourceState] = []) {
        self.objects = objects
        self.removals = removals
    }

    public var isEmpty: Bool { objects.isEmpty }

    /// Finds the undeclared objects of one account. `declared` are the configuration's resources and
    /// the state's (something the state still holds is iamconf's, even when the plan deletes it).
    public static func find(
        inventory: [ResourceState], declared: [(type: ResourceType, accountID: String, attributes: [String: JSONValue])],
        ownership: Ownership
    ) -> UnmanagedReport {
        let known = Set(declared.compactMap { identity($0.type, $0.accountID, $0.attributes) })
        var objects: [UnmanagedObject] = []
        var undeclaredOwners = Set<Address>()
        // Identities first, so the relationships below know whether their owner is iamconf's.
        for resource in inventory where identityTypes.contains(resource.type) {
            guard let id = identity(resource.type, resource.accountID, resource.attributes), !known.contains(id) else { continue }
            objects.append(UnmanagedObject(resource: resource, ownership: ownership))
            undeclaredOwners.insert(resource.address)
        }
        var removals = objects.map(\.resource)
        for resource in inventory where !identityTypes.contains(resource.type) {
            if let owner = resource.address.owner, undeclaredOwners.contains(owner) {
                removals.append(resource)
                continue
            }
            if relationshipTypes.contains(resource.type),
               let id = identity(resource.type, resource.accountID, resource.attributes), !known.contains(id) {
                objects.append(UnmanagedObject(resource: resource, ownership: ownership))
                removals.append(resource)
            } else if resource.dependencies.contains(where: undeclaredOwners.contains) {
                // A link to an undeclared identity from elsewhere (a role in an instance profile):
                // IAM refuses DeleteRole while it is there.
                removals.append(resource)
            }
        }
        objects.sort { $0.address < $1.address }
        return UnmanagedReport(objects: objects, removals: ownership == .exclusive ? removals.sorted { $0.address < $1.address } : [])
    }

    /// Reported when undeclared.
    static let identityTypes: Set<ResourceType> = [.user, .group, .role, .policy]
    /// Reported when undeclared on an identity iamconf manages.
    static let relationshipTypes: Set<ResourceType> = [
        .userGroupMembership, .userPolicyAttachment, .groupPolicyAttachment, .rolePolicyAttachment,
        .userInlinePolicy, .groupInlinePolicy, .roleInlinePolicy,
    ]

    /// What makes two resources the same IAM object, whatever their addresses: names compared as
    /// IAM compares them (case-insensitively), policy ARNs exactly. Nil for kinds not compared.
    static func identity(_ type: ResourceType, _ accountID: String, _ attributes: [String: JSONValue]) -> String? {
        func s(_ name: String) -> String { (attributes[name]?.stringValue ?? "").lowercased() }
        let parts: [String]
        switch type {
        case .user, .group, .role, .policy: parts = [s("name")]
        case .userGroupMembership: parts = [s("user"), s("group")]
        case .userPolicyAttachment: parts = [s("user"), attributes["policy_arn"]?.stringValue ?? ""]
        case .groupPolicyAttachment: parts = [s("group"), attributes["policy_arn"]?.stringValue ?? ""]
        case .rolePolicyAttachment: parts = [s("role"), attributes["policy_arn"]?.stringValue ?? ""]
        case .userInlinePolicy, .groupInlinePolicy, .roleInlinePolicy: parts = [s("entity"), attributes["name"]?.stringValue ?? ""]
        default: return nil
        }
        return ([type.rawValue, accountID] + parts).joined(separator: "\u{1F}")
    }
}

extension UnmanagedReport {
    /// The reports of several accounts as one.
    public static func merged(_ reports: [UnmanagedReport]) -> UnmanagedReport {
        UnmanagedReport(
            objects: reports.flatMap(\.objects).sorted { $0.address < $1.address },
            removals: reports.flatMap(\.removals).sorted { $0.address < $1.address })
    }

    /// The state with the removals added, so the planner plans their deletion (dependents first,
    /// by their dependencies) like any resource the configuration no longer declares. Addresses the
    /// state already uses are left alone.
    public func stateWithRemovals(_ state: State) -> State {
        var result = state
        for resource in removals where result.resources[resource.address] == nil {
            result.resources[resource.address] = resource
        }
        return result
    }

    /// The addresses the plan deletes because they are not in the configuration.
    public var removalAddresses: Set<Address> { Set(removals.map(\.address)) }
}
