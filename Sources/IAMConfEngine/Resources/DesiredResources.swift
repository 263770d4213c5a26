import IAMConfCore

/// Turns a resolved configuration into the flat list of resources the planner works on.
///
/// The result is a pure function of the configuration: same input, same resources, same order.
public enum DesiredResources {
    public static func from(_ configuration: Configuration) -> [Resource] {
        var builder = Builder()
        // Every account's ARNs first: a role may trust a user of an account that comes later, and
        // must depend on it (IAM refuses a trust policy naming a user that does not exist yet).
        for account in configuration.accounts { builder.indexARNs(account) }
        for account in configuration.accounts { builder.add(account) }
        builder.deferTrustCycles()
        return builder.resources + OrganizationResources.from(configuration)
    }
}

private struct Builder {
    var resources: [Resource] = []
    /// Customer managed policy ARN -> its address, so attachments depend on the policy they attach.
    var policyAddresses: [String: Address] = [:]
    var providerAddresses: [String: Address] = [:]
    var userAddresses: [String: Address] = [:]
    var roleAddresses: [String: Address] = [:]

    mutating func add(_ account: Account) {
        let acct = account.name
        let id = account.id
        if let alias = account.alias {
            append(Address(account: acct, kind: .alias), .accountAlias, id, ["alias": .string(alias)], [], account.location)
        }
        if let policy = account.passwordPolicy {
            append(Address(account: acct, kind: .passwordPolicy), .passwordPolicy, id, attributes(of: policy), [], policy.location)
        }
        for policy in account.policies { addPolicy(policy, acct, id) }
        for group in account.groups { addGroup(group, acct, id) }
        for user in account.users { addUser(user, acct, id) }
        for role in account.roles { addRole(role, acct, id) }
        for profile in account.instanceProfiles { addInstanceProfile(profile, acct, id) }
        for provider in account.identityProviders { addProvider(provider, acct, id) }
        for linked in account.serviceLinkedRoles {
            var attrs: [String: JSONValue] = ["service": .string(linked.service)]
            attrs["suffix"] = linked.customSuffix.map(JSONValue.string) ?? .null
            attrs["description"] = linked.description.map(JSONValue.string) ?? .null
            append(Address(account: acct, kind: .serviceLinkedRole, name: linked.addressName), .serviceLinkedRole, id, attrs, [], linked.location)
        }
        for bucket in account.buckets { addBucket(bucket, acct, id) }
    }

    mutating func indexARNs(_ account: Account) {
        for policy in account.policies {
            let arn = ARN.iam(account: account.id, type: "policy", path: policy.path, name: policy.name).description
            policyAddresses[arn] = Address(account: account.name, kind: .policy, name: policy.name)
        }
        for provider in account.identityProviders {
            providerAddresses[providerARN(provider, account.id)] = Address(account: account.name, kind: .identityProvider, name: provider.name)
        }
        for user in account.users {
            let arn = ARN.iam(account: account.id, type: "user", path: user.path, name: user.name).description
            userAddresses[arn] = Address(account: account.name, kind: .user, name: user.name)
        }
        for role in account.roles {
            let arn = ARN.iam(account: account.id, type: "role", path: role.path, name: role.name).description
            roleAddresses[arn] = Address(account: account.name, kind: .role, name: role.name)
        }
    }

    mutating func append(
        _ address: Address, _ type: ResourceType, _ accountID: String, _ attributes: [String: JSONValue],
        _ dependencies: [Address], _ location: SourceLocation?
    ) {
        resources.append(Resource(address: address, type: type, accountID: accountID, attributes: attributes, dependencies: dependencies, location: location))
    }

    mutating func addPolicy(_ policy: ManagedPolicy, _ acct: String, _ id: String) {
        append(
            Address(account: acct, kind: .policy, name: policy.name), .policy, id,
            [
                "name": .string(policy.name), "path": .string(policy.path),
                "description": policy.description.map(JSONValue.string) ?? .null,
                "tags": tags(policy.tags), "document": policy.document.document,
            ], [], policy.location)
    }

    mutating func addGroup(_ group: Group, _ acct: String, _ id: String) {
        let owner = Address(account: acct, kind: .group, name: group.name)
        append(owner, .group, id, ["name": .string(group.name), "path": .string(group.path)], [], group.location)
        resources[resources.count - 1].renamedFrom = group.renamedFrom.map { Address(account: acct, kind: .group, name: $0.name) }
        addAttachments(group.policies, owner: owner, entityKey: "group", entity: group.name, type: .groupPolicyAttachment, id)
        addInline(group.inlinePolicies, owner: owner, entity: group.name, type: .groupInlinePolicy, id)
    }

    mutating func addUser(_ user: User, _ acct: String, _ id: String) {
        let owner = Address(account: acct, kind: .user, name: user.name)
        append(
            owner, .user, id,
            [
                "name": .string(user.name), "path": .string(user.path), "tags": tags(user.tags),
                "permissions_boundary": user.permissionsBoundary.map { .string($0.arn) } ?? .null,
            ], boundaryDependency(user.permissionsBoundary), user.location)
        resources[resources.count - 1].renamedFrom = user.renamedFrom.map { Address(account: acct, kind: .user, name: $0.name) }
        for group in user.groups {
            append(
                Address(account: acct, kind: .user, name: user.name, sub: "group", key: group), .userGroupMembership, id,
                ["user": .string(user.name), "group": .string(group)],
                [owner, Address(account: acct, kind: .group, name: group)], user.location)
        }
        addAttachments(user.policies, owner: owner, entityKey: "user", entity: user.name, type: .userPolicyAttachment, id)
        addInline(user.inlinePolicies, owner: owner, entity: user.name, type: .userInlinePolicy, id)
        if let login = user.loginProfile {
            append(
                Address(account: acct, kind: .user, name: user.name, sub: "login_profile"), .loginProfile, id,
                ["user": .string(user.name), "password_reset_required": .bool(login.passwordResetRequired)], [owner], user.location)
        }
        if user.mfa {
            append(
                Address(account: acct, kind: .user, name: user.name, sub: "mfa_device"), .mfaDevice, id, ["user": .string(user.name)],
                [owner], user.location)
        }
        if user.accessKeys > 0 {
            for index in 1...user.accessKeys {
                append(
                    Address(account: acct, kind: .user, name: user.name, sub: "access_key", key: String(index)), .accessKey, id,
                    ["user": .string(user.name), "index": .number(String(index))], [owner], user.location)
            }
        }
    }

    mutating func addRole(_ role: Role, _ acct: String, _ id: String) {
        let owner = Address(account: acct, kind: .role, name: role.name)
        var dependencies = boundaryDependency(role.permissionsBoundary)
        dependencies += trustDependencies(role.trustPolicy.document)
        append(
            owner, .role, id,
            [
                "name": .string(role.name), "path": .string(role.path),
                "description": role.description.map(JSONValue.string) ?? .null,
                "max_session_duration": .number(String(role.maxSessionDuration)), "tags": tags(role.tags),
                "permissions_boundary": role.permissionsBoundary.map { .string($0.arn) } ?? .null,
                "assume_role_policy": role.trustPolicy.document,
            ], dependencies, role.location)
        addAttachments(role.policies, owner: owner, entityKey: "role", entity: role.name, type: .rolePolicyAttachment, id)
        addInline(role.inlinePolicies, owner: owner, entity: role.name, type: .roleInlinePolicy, id)
    }

    mutating func addInstanceProfile(_ profile: InstanceProfile, _ acct: String, _ id: String) {
        let owner = Address(account: acct, kind: .instanceProfile, name: profile.name)
        append(owner, .instanceProfile, id, ["name": .string(profile.name), "path": .string(profile.path), "tags": tags(profile.tags)], [], profile.location)
        if let role = profile.role {
            append(
                Address(account: acct, kind: .instanceProfile, name: profile.name, sub: "role", key: role), .instanceProfileRole, id,
                ["profile": .string(profile.name), "role": .string(role)],
                [owner, Address(account: acct, kind: .role, name: role)], profile.location)
        }
    }

    mutating func addProvider(_ provider: IdentityProvider, _ acct: String, _ id: String) {
        let address = Address(account: acct, kind: .identityProvider, name: provider.name)
        switch provider.kind {
        case let .oidc(url, clientIDs, thumbprints):
            append(
                address, .oidcProvider, id,
                [
                    "url": .string(url), "client_ids": .array(clientIDs.map(JSONValue.string)),
                    "thumbprints": .array(thumbprints.map(JSONValue.string)), "tags": tags(provider.tags),
                ], [], provider.location)
        case let .saml(metadata):
            append(
                address, .samlProvider, id,
                ["name": .string(provider.name), "metadata": .string(metadata), "tags": tags(provider.tags)], [], provider.location)
        }
    }

    mutating func addBucket(_ bucket: Bucket, _ acct: String, _ id: String) {
        let owner = Address(account: acct, kind: .bucket, name: bucket.name)
        append(owner, .bucket, id, ["name": .string(bucket.name)], [], bucket.location)
        if let policy = bucket.policy {
            append(
                Address(account: acct, kind: .bucket, name: bucket.name, sub: "policy"), .bucketPolicy, id,
                ["bucket": .string(bucket.name), "document": policy.document], [owner], policy.location)
        }
    }

    mutating func addAttachments(
        _ attachments: [PolicyAttachment], owner: Address, entityKey: String, entity: String, type: ResourceType, _ id: String
    ) {
        for attachment in attachments {
            var dependencies = [owner]
            if let policy = policyAddresses[attachment.arn] { dependencies.append(policy) }
            append(
                Address(account: owner.account, kind: owner.kind, name: owner.name, sub: "policy", key: attachment.name), type, id,
                [entityKey: .string(entity), "policy_arn": .string(attachment.arn)], dependencies, attachment.location)
        }
    }

    mutating func addInline(_ policies: [InlinePolicy], owner: Address, entity: String, type: ResourceType, _ id: String) {
        for policy in policies {
            append(
                Address(account: owner.account, kind: owner.kind, name: owner.name, sub: "inline", key: policy.name), type, id,
                ["entity": .string(entity), "name": .string(policy.name), "document": policy.document.document], [owner],
                policy.location)
        }
    }

    func boundaryDependency(_ boundary: PolicyAttachment?) -> [Address] {
        guard let boundary, let address = policyAddresses[boundary.arn] else { return [] }
        return [address]
    }

    /// IAM checks that the users, roles and identity providers a trust policy names exist
    /// (MalformedPolicyDocument "Invalid principal in policy"), so a role waits for them. Roles
    /// that trust each other (or themselves) cannot all wait: `deferTrustCycles` breaks those.
    func trustDependencies(_ document: JSONValue) -> [Address] {
        var found: [Address] = []
        func visit(_ value: JSONValue) {
            switch value {
            case let .string(text):
                if let address = userAddresses[text] ?? roleAddresses[text] ?? providerAddresses[text], !found.contains(address) {
                    found.append(address)
                }
            case let .array(items): items.forEach(visit)
            case let .object(members):
                for member in members where member.key == "Statement" || member.key == "Principal" || member.key == "AWS" || member.key == "Federated" {
                    visit(member.value)
                }
            default: break
            }
        }
        if let statements = document["Statement"] { visit(.object([("Statement", statements)])) }
        return found
    }

    /// Turns the role-to-role trust dependencies that close a cycle into deferred ones, walking
    /// the roles in configuration order so the same configuration always breaks the same edges.
    mutating func deferTrustCycles() {
        var roleIndex: [Address: Int] = [:]
        for (index, resource) in resources.enumerated() where resource.type == .role { roleIndex[resource.address] = index }
        guard !roleIndex.isEmpty else { return }
        enum Mark { case visiting, done }
        var marks: [Address: Mark] = [:]
        // Depth-first with an explicit stack (a long chain of trusts must not exhaust the call stack):
        // each frame is a role and how many of its dependencies were looked at.
        for start in roleIndex.values.sorted() where marks[resources[start].address] == nil {
            var stack: [(index: Int, next: Int)] = [(start, 0)]
            marks[resources[start].address] = .visiting
            while let (index, next) = stack.last {
                let dependencies = resources[index].dependencies
                guard next < dependencies.count else {
                    marks[resources[index].address] = .done
                    stack.removeLast()
                    continue
                }
                stack[stack.count - 1].next += 1
                let dependency = dependencies[next]
                guard let target = roleIndex[dependency] else { continue }
                switch marks[dependency] {
                case .visiting?:
                    resources[index].dependencies.remove(at: next)
                    resources[index].deferredDependencies.append(dependency)
                    stack[stack.count - 1].next -= 1
                case .done?: continue
                case nil:
                    marks[dependency] = .visiting
                    stack.append((target, 0))
                }
            }
        }
    }

    func providerARN(_ provider: IdentityProvider, _ accountID: String) -> String {
        switch provider.kind {
        case let .oidc(url, _, _):
            let host = url.hasPrefix("https://") ? String(url.dropFirst(8)) : url
            return ARN.iam(account: accountID, type: "oidc-provider", path: "/", name: host).description
        case .saml:
            return ARN.iam(account: accountID, type: "saml-provider", path: "/", name: provider.name).description
        }
    }

    func tags(_ tags: [Tag]) -> JSONValue {
        .object(tags.sorted { $0.key < $1.key }.map { (key: $0.key, value: JSONValue.string($0.value)) })
    }

    func attributes(of policy: PasswordPolicy) -> [String: JSONValue] {
        var attrs: [String: JSONValue] = [:]
        func put(_ key: String, _ value: Int?) { attrs[key] = value.map { .number(String($0)) } ?? .null }
        func put(_ key: String, _ value: Bool?) { attrs[key] = value.map(JSONValue.bool) ?? .null }
        put("minimum_password_length", policy.minimumPasswordLength)
        put("require_symbols", policy.requireSymbols)
        put("require_numbers", policy.requireNumbers)
        put("require_uppercase_characters", policy.requireUppercaseCharacters)
        put("require_lowercase_characters", policy.requireLowercaseCharacters)
        put("allow_users_to_change_password", policy.allowUsersToChangePassword)
        put("max_password_age", policy.maxPasswordAge)
        put("password_reuse_prevention", policy.passwordReusePrevention)
        put("hard_expiry", policy.hardExpiry)
        return attrs
    }
}
