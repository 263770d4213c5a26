import IAMConfBackend
import IAMConfCore
import IAMConfState

/// Everything IAM holds in one account, read as the state would hold it had iamconf applied it:
/// the same resource types, attribute names and value shapes as an applied state, addresses made
/// from the objects' names (`ACCOUNT.user.alice`, `ACCOUNT.role.S3Access.policy[ReadOnlyAccess]`).
///
/// Each object is read through its kind's `read`, the code `refresh` uses, so the shapes cannot
/// drift apart; only the relationships (memberships, attachments), which a list already names
/// completely, are built from the lists. AWS-owned objects (`AWSOwned`: service-linked roles, AWS
/// managed policies) are left out: they are never iamconf's. Secrets cannot be read back: an
/// access key's secret, a console password and an MFA seed are absent, so such objects are there
/// with their identifiers only.
///
/// Not read: signing certificates, SSH public keys and service-specific credentials (iamconf has no
/// kind for them), service-linked roles, and the policy versions besides the default.
public struct AccountInventory: Sendable {
    public var backend: any Backend
    /// How many reads run at once.
    public var parallelism: Int

    /// Whether service-linked roles (`/aws-service-role/`) are read, as roles: `export` declares them
    /// by service; the objects-not-in-the-configuration report never counts them.
    public var includesServiceLinkedRoles = false

    public init(backend: any Backend, parallelism: Int = 10, includesServiceLinkedRoles: Bool = false) {
        self.backend = backend
        self.parallelism = max(1, parallelism)
        self.includesServiceLinkedRoles = includesServiceLinkedRoles
    }

    /// The account's objects, in address order. `account` is the configuration's name for the
    /// account (the first part of each address), `accountID` its 12-digit id.
    public func read(account: String, accountID: String) async throws(BackendError) -> [ResourceState] {
        let reader = Reader(
            calls: BackendCalls(backend: backend), account: account, accountID: accountID, includesServiceLinkedRoles: includesServiceLinkedRoles)
        let lists = try await reader.lists()
        var jobs: [Job] = []
        jobs += lists.users.map { .user($0) }
        jobs += lists.groups.map { .group($0) }
        jobs += lists.roles.map { .role($0) }
        jobs += lists.policies.map { .policy($0) }
        jobs += lists.profiles.map { .instanceProfile($0.name, role: $0.role) }
        jobs += lists.oidc.map { .oidcProvider($0) }
        jobs += lists.saml.map { .samlProvider($0) }
        jobs += lists.buckets.map { .bucket($0) }
        jobs += [.alias, .passwordPolicy]
        let localPolicies = lists.localPolicyNames
        let results = await Refresher.boundedMap(jobs, limit: parallelism) { job -> Result<[ResourceState], BackendError> in
            do throws(BackendError) {
                return .success(try await reader.read(job, localPolicies: localPolicies))
            } catch {
                return .failure(error)
            }
        }
        var resources: [ResourceState] = []
        for result in results { resources += try result.get() }
        return resources.sorted { $0.address < $1.address }
    }

    enum Job: Sendable {
        case user(String), group(String), role(String), policy(ListedPolicy)
        case instanceProfile(String, role: String?)
        case oidcProvider(String), samlProvider(String), bucket(String)
        case alias, passwordPolicy
    }

    struct ListedPolicy: Sendable {
        var arn: String
        var name: String
    }

    struct Lists: Sendable {
        var users: [String] = []
        var groups: [String] = []
        var roles: [String] = []
        var policies: [ListedPolicy] = []
        var profiles: [(name: String, role: String?)] = []
        var oidc: [String] = []
        var saml: [String] = []
        var buckets: [String] = []
        /// Customer managed policy ARN -> name, for the dependencies of attachments and boundaries.
        var localPolicyNames: [String: String] { Dictionary(policies.map { ($0.arn, $0.name) }, uniquingKeysWith: { first, _ in first }) }
    }

    /// One account's reads, with the addresses and dependencies the state gives each object.
    struct Reader: Sendable {
        let calls: BackendCalls
        let account: String
        let accountID: String
        var includesServiceLinkedRoles = false

        var key: ObjectKey { ObjectKey(accountID: accountID, attributes: [:]) }

        func keyed(_ attributes: [String: String], outputs: [String: String] = [:]) -> ObjectKey {
            ObjectKey(accountID: accountID, attributes: attributes.mapValues(JSONValue.string), outputs: outputs)
        }

        func list(_ request: IAMRequest) async throws(BackendError) -> BackendCalls.Read {
            try await calls.get(request, key) ?? BackendCalls.Read(attributes: [:], unreported: [])
        }

        /// The account-wide lists, AWS-owned objects left out. A backend without S3 has no buckets.
        func lists() async throws(BackendError) -> Lists {
            var lists = Lists()
            lists.users = try await list(.listUsers).strings("users")
            lists.groups = try await list(.listGroups).strings("groups")
            let roles = try await list(.listRoles)
            let rolePaths = roles.object("paths")
            lists.roles = roles.strings("roles").filter { name in
                let path = rolePaths[name] ?? "/"
                return !AWSOwned.isRole(path: path) || (includesServiceLinkedRoles && path.hasPrefix("/aws-service-role/"))
            }
            let policies = try await list(.listPolicies(scope: "Local"))
            let names = policies.object("names")
            lists.policies = policies.strings("policies").filter { !AWSOwned.isPolicy(arn: $0) }.map {
                ListedPolicy(arn: $0, name: names[$0] ?? String($0.split(separator: "/").last ?? ""))
            }
            let profiles = try await list(.listInstanceProfiles)
            let profileRoles = profiles.object("roles")
            lists.profiles = profiles.strings("profiles").map { ($0, profileRoles[$0]) }
            lists.oidc = try await list(.listOpenIDConnectProviders).strings("providers")
            lists.saml = try await list(.listSAMLProviders).strings("providers")
            do {
                lists.buckets = try await list(.listBuckets).strings("buckets")
            } catch where error.code == .unsupported {
                lists.buckets = []
            }
            return lists
        }

        func read(_ job: Job, localPolicies: [String: String]) async throws(BackendError) -> [ResourceState] {
            switch job {
            case let .user(name): return try await user(name, localPolicies)
            case let .group(name): return try await group(name, localPolicies)
            case let .role(name): return try await role(name, localPolicies)
            case let .policy(policy):
                let address = Address(account: account, kind: .policy, name: policy.name)
                return try await object(ManagedPolicyKind(), keyed(["name": policy.name], outputs: ["arn": policy.arn]), address)
            case let .instanceProfile(name, role):
                let owner = Address(account: account, kind: .instanceProfile, name: name)
                var found = try await object(InstanceProfileKind(), keyed(["name": name]), owner)
                if let role, !found.isEmpty {
                    found.append(state(
                        Address(account: account, kind: .instanceProfile, name: name, sub: "role", key: role), .instanceProfileRole,
                        ["profile": .string(name), "role": .string(role)], dependencies: [owner, Address(account: account, kind: .role, name: role)]))
                }
                return found
            case let .oidcProvider(arn):
                let host = arn.range(of: ":oidc-provider/").map { String(arn[$0.upperBound...]) } ?? arn
                return try await object(
                    OIDCProviderKind(), keyed([:], outputs: ["arn": arn]), Address(account: account, kind: .identityProvider, name: host))
            case let .samlProvider(arn):
                let name = String(arn.split(separator: "/").last ?? "")
                return try await object(
                    SAMLProviderKind(), keyed(["name": name], outputs: ["arn": arn]), Address(account: account, kind: .identityProvider, name: name))
            case let .bucket(name):
                let owner = Address(account: account, kind: .bucket, name: name)
                var found = try await object(BucketKind(), keyed(["name": name]), owner)
                found += try await object(
                    BucketPolicyKind(), keyed(["bucket": name]), Address(account: account, kind: .bucket, name: name, sub: "policy"),
                    dependencies: [owner])
                return found
            case .alias:
                return try await object(AccountAliasKind(), key, Address(account: account, kind: .alias))
            case .passwordPolicy:
                return try await object(PasswordPolicyKind(), key, Address(account: account, kind: .passwordPolicy))
            }
        }

        /// One object through its kind's read; empty when it is gone by now.
        func object(
            _ kind: some ResourceKind, _ key: ObjectKey, _ address: Address, dependencies: [Address] = []
        ) async throws(BackendError) -> [ResourceState] {
            guard let live = try await kind.read(key, calls) else { return [] }
            var outputs = key.outputs
            outputs.merge(live.outputs) { _, new in new }
            return [ResourceState(
                address: address, type: kind.type, accountID: accountID, attributes: live.attributes, outputs: outputs,
                dependencies: dependencies)]
        }

        func state(_ address: Address, _ type: ResourceType, _ attributes: [String: JSONValue], outputs: [String: String] = [:], dependencies: [Address]) -> ResourceState {
            ResourceState(address: address, type: type, accountID: accountID, attributes: attributes, outputs: outputs, dependencies: dependencies)
        }

        /// The address of a customer managed policy of this account, for dependencies.
        func policyAddress(_ arn: String?, _ localPolicies: [String: String]) -> Address? {
            guard let arn, let name = localPolicies[arn] else { return nil }
            return Address(account: account, kind: .policy, name: name)
        }

        func user(_ name: String, _ localPolicies: [String: String]) async throws(BackendError) -> [ResourceState] {
            let owner = Address(account: account, kind: .user, name: name)
            guard var found = try await object(UserKind(), keyed(["name": name]), owner).first else { return [] }
            found.dependencies = policyAddress(found.attributes["permissions_boundary"]?.stringValue, localPolicies).map { [$0] } ?? []
            var resources = [found]
            let userKey = keyed(["user": name])
            for group in try await list(.listGroupsForUser(userName: name)).strings("groups") {
                resources.append(state(
                    Address(account: account, kind: .user, name: name, sub: "group", key: group), .userGroupMembership,
                    ["user": .string(name), "group": .string(group)], dependencies: [owner, Address(account: account, kind: .group, name: group)]))
            }
            resources += try await attachments(.listAttachedUserPolicies(userName: name), owner: owner, entity: "user", type: .userPolicyAttachment, localPolicies)
            resources += try await inline(.listUserPolicies(userName: name), owner: owner, kind: InlinePolicyKind(entity: .user))
            resources += try await object(
                LoginProfileKind(), userKey, Address(account: account, kind: .user, name: name, sub: "login_profile"), dependencies: [owner])
            // Keys are numbered as `access_keys: N` numbers them: oldest first.
            let keys = try await list(.listAccessKeys(userName: name))
            let dates = keys.object("create_dates")
            let ids = keys.strings("access_keys").sorted { (dates[$0] ?? "", $0) < (dates[$1] ?? "", $1) }
            for (offset, id) in ids.enumerated() {
                resources.append(state(
                    Address(account: account, kind: .user, name: name, sub: "access_key", key: String(offset + 1)), .accessKey,
                    ["user": .string(name), "index": .number(String(offset + 1))], outputs: ["access_key_id": id], dependencies: [owner]))
            }
            if let serial = try await list(.listMFADevices(userName: name)).strings("serials").first {
                resources.append(state(
                    Address(account: account, kind: .user, name: name, sub: "mfa_device"), .mfaDevice, ["user": .string(name)],
                    outputs: ["arn": serial], dependencies: [owner]))
            }
            return resources
        }

        func group(_ name: String, _ localPolicies: [String: String]) async throws(BackendError) -> [ResourceState] {
            let owner = Address(account: account, kind: .group, name: name)
            var resources = try await object(GroupKind(), keyed(["name": name]), owner)
            guard !resources.isEmpty else { return [] }
            resources += try await attachments(
                .listAttachedGroupPolicies(groupName: name), owner: owner, entity: "group", type: .groupPolicyAttachment, localPolicies)
            resources += try await inline(.listGroupPolicies(groupName: name), owner: owner, kind: InlinePolicyKind(entity: .group))
            return resources
        }

        func role(_ name: String, _ localPolicies: [String: String]) async throws(BackendError) -> [ResourceState] {
            let owner = Address(account: account, kind: .role, name: name)
            guard var found = try await object(RoleKind(), keyed(["name": name]), owner).first else { return [] }
            found.dependencies = policyAddress(found.attributes["permissions_boundary"]?.stringValue, localPolicies).map { [$0] } ?? []
            var resources = [found]
            resources += try await attachments(
                .listAttachedRolePolicies(roleName: name), owner: owner, entity: "role", type: .rolePolicyAttachment, localPolicies)
            resources += try await inline(.listRolePolicies(roleName: name), owner: owner, kind: InlinePolicyKind(entity: .role))
            return resources
        }

        /// Attachments are keyed by the policy's name, as the configuration names them.
        func attachments(
            _ request: IAMRequest, owner: Address, entity: String, type: ResourceType, _ localPolicies: [String: String]
        ) async throws(BackendError) -> [ResourceState] {
            try await list(request).strings("policies").map { arn in
                var dependencies = [owner]
                if let policy = policyAddress(arn, localPolicies) { dependencies.append(policy) }
                return state(
                    Address(account: account, kind: owner.kind, name: owner.name, sub: "policy", key: String(arn.split(separator: "/").last ?? "")),
                    type, [entity: .string(owner.name ?? ""), "policy_arn": .string(arn)], dependencies: dependencies)
            }
        }

        func inline(_ request: IAMRequest, owner: Address, kind: InlinePolicyKind) async throws(BackendError) -> [ResourceState] {
            var resources: [ResourceState] = []
            for name in try await list(request).strings("policies") {
                resources += try await object(
                    kind, keyed(["entity": owner.name ?? "", "name": name]),
                    Address(account: account, kind: owner.kind, name: owner.name, sub: "inline", key: name), dependencies: [owner])
            }
            return resources
        }
    }
}
