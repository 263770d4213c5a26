import IAMConfCore
import IAMConfState

/// Applied resources seen as a configuration, so the access analysis that reads the YAML can read
/// what was applied: the plan's "before" access comes from here, for either backend, since it
/// reads only the state.
///
/// Only what decides access is rebuilt: users (path, tags, groups, policies, boundary), groups,
/// roles (path, tags, trust policy, policies, boundary), service-linked roles, customer managed
/// policies with their documents, identity providers (to name them) and buckets with their
/// policies. Names come from the addresses, so a renamed user or group is seen under the name the
/// plan gives it. Documents carry no source locations.
extension State {
    ///
    /// - Parameter accountNames: local names by account id (the configuration's), so an account
    ///   with nothing in the state (one that is only trusted) is still known by its name.
    public func accessConfiguration(accountNames: [String: String] = [:]) -> Configuration {
        AccessView.configuration(resources.values, accountNames: accountNames)
    }
}

enum AccessView {
    static func configuration(_ resources: some Sequence<ResourceState>, accountNames: [String: String] = [:]) -> Configuration {
        var accounts: [String: Account] = [:]
        var users: [String: [String: User]] = [:]
        var groups: [String: [String: Group]] = [:]
        var roles: [String: [String: Role]] = [:]
        func account(_ resource: ResourceState) {
            if accounts[resource.address.account] == nil {
                accounts[resource.address.account] = Account(name: resource.address.account, id: resource.accountID)
            }
        }
        func user(_ account: String, _ name: String, _ body: (inout User) -> Void) {
            body(&users[account, default: [:]][name, default: User(name: name)])
        }
        func group(_ account: String, _ name: String, _ body: (inout Group) -> Void) {
            body(&groups[account, default: [:]][name, default: Group(name: name)])
        }
        func role(_ account: String, _ name: String, _ body: (inout Role) -> Void) {
            body(&roles[account, default: [:]][name, default: Role(name: name, trustPolicy: PolicySource(document: .null))])
        }
        for resource in resources {
            let address = resource.address
            let attributes = resource.attributes
            guard let name = address.name else { continue }
            let acct = address.account
            account(resource)
            switch resource.type {
            case .user:
                user(acct, name) { user in
                    user.path = attributes["path"]?.stringValue ?? "/"
                    user.tags = tags(attributes["tags"])
                    user.permissionsBoundary = attributes["permissions_boundary"]?.stringValue.map(attachment)
                }
            case .userGroupMembership:
                if let key = address.key { user(acct, name) { $0.groups.append(key) } }
            case .userPolicyAttachment:
                if let arn = attributes["policy_arn"]?.stringValue { user(acct, name) { $0.policies.append(attachment(arn)) } }
            case .userInlinePolicy:
                if let key = address.key { user(acct, name) { $0.inlinePolicies.append(inline(key, attributes)) } }
            case .group:
                group(acct, name) { $0.path = attributes["path"]?.stringValue ?? "/" }
            case .groupPolicyAttachment:
                if let arn = attributes["policy_arn"]?.stringValue { group(acct, name) { $0.policies.append(attachment(arn)) } }
            case .groupInlinePolicy:
                if let key = address.key { group(acct, name) { $0.inlinePolicies.append(inline(key, attributes)) } }
            case .role:
                role(acct, name) { role in
                    role.path = attributes["path"]?.stringValue ?? "/"
                    role.tags = tags(attributes["tags"])
                    role.permissionsBoundary = attributes["permissions_boundary"]?.stringValue.map(attachment)
                    role.trustPolicy = PolicySource(document: attributes["assume_role_policy"] ?? .null)
                }
            case .rolePolicyAttachment:
                if let arn = attributes["policy_arn"]?.stringValue { role(acct, name) { $0.policies.append(attachment(arn)) } }
            case .roleInlinePolicy:
                if let key = address.key { role(acct, name) { $0.inlinePolicies.append(inline(key, attributes)) } }
            default:
                add(resource, to: &accounts[acct]!)
            }
        }
        let known = Set(accounts.values.map(\.id))
        for (id, name) in accountNames where !known.contains(id) && accounts[name] == nil { accounts[name] = Account(name: name, id: id) }
        for (name, var account) in accounts {
            account.users = (users[name] ?? [:]).values.sorted { $0.name < $1.name }.map(sortedParts)
            account.groups = (groups[name] ?? [:]).values.sorted { $0.name < $1.name }.map(sortedParts)
            account.roles = (roles[name] ?? [:]).values.sorted { $0.name < $1.name }.map(sortedParts)
            account.policies.sort { $0.name < $1.name }
            account.serviceLinkedRoles.sort { $0.addressName < $1.addressName }
            account.identityProviders.sort { $0.name < $1.name }
            account.buckets.sort { $0.name < $1.name }
            accounts[name] = account
        }
        return Configuration(accounts: accounts.values.sorted { $0.name < $1.name })
    }

    /// The resources that live in an account of their own: managed policies, service-linked roles,
    /// identity providers and buckets (and their policies).
    private static func add(_ resource: ResourceState, to account: inout Account) {
        let attributes = resource.attributes
        guard let name = resource.address.name else { return }
        switch resource.type {
        case .policy:
            var policy = ManagedPolicy(name: name, document: PolicySource(document: attributes["document"] ?? .null))
            policy.path = attributes["path"]?.stringValue ?? "/"
            account.policies.append(policy)
        case .serviceLinkedRole:
            guard let service = attributes["service"]?.stringValue else { return }
            var linked = ServiceLinkedRole(service: service)
            linked.customSuffix = attributes["suffix"]?.stringValue
            account.serviceLinkedRoles.append(linked)
        case .oidcProvider:
            let url = attributes["url"]?.stringValue ?? ""
            account.identityProviders.append(IdentityProvider(name: name, kind: .oidc(url: url, clientIDs: [], thumbprints: [])))
        case .samlProvider:
            account.identityProviders.append(IdentityProvider(name: name, kind: .saml(metadataDocument: "")))
        case .bucket:
            if !account.buckets.contains(where: { $0.name == name }) { account.buckets.append(Bucket(name: name)) }
        case .bucketPolicy:
            let document = PolicySource(document: attributes["document"] ?? .null)
            if let at = account.buckets.firstIndex(where: { $0.name == name }) {
                account.buckets[at].policy = document
            } else {
                var bucket = Bucket(name: name)
                bucket.policy = document
                account.buckets.append(bucket)
            }
        default:
            return
        }
    }

    static func attachment(_ arn: String) -> PolicyAttachment {
        let name = arn.split(separator: "/").last.map(String.init) ?? arn
        return PolicyAttachment(arn: arn, name: name, isAWSManaged: arn.hasPrefix("arn:aws:iam::aws:policy/"))
    }

    static func inline(_ name: String, _ attributes: [String: JSONValue]) -> InlinePolicy {
        InlinePolicy(name: name, document: PolicySource(document: attributes["document"] ?? .null))
    }

    static func tags(_ value: JSONValue?) -> [Tag] {
        guard case let .object(members)? = value else { return [] }
        return members.compactMap { member in member.value.stringValue.map { Tag(key: member.key, value: $0) } }.sorted { $0.key < $1.key }
    }

    /// Parts in name order, so the view does not depend on the order the state was read in.
    private static func sortedParts(_ user: User) -> User {
        var user = user
        user.groups.sort()
        user.policies.sort { $0.arn < $1.arn }
        user.inlinePolicies.sort { $0.name < $1.name }
        return user
    }

    private static func sortedParts(_ group: Group) -> Group {
        var group = group
        group.policies.sort { $0.arn < $1.arn }
        group.inlinePolicies.sort { $0.name < $1.name }
        return group
    }

    private static func sortedParts(_ role: Role) -> Role {
        var role = role
        role.policies.sort { $0.arn < $1.arn }
        role.inlinePolicies.sort { $0.name < $1.name }
        return role
    }
}
