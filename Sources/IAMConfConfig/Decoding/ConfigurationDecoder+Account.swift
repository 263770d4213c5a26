import IAMConfCore
import Yams

/// One account: its settings (each set in one file only) and its entities from every file.
extension ConfigurationDecoder {
    mutating func decodeAccount(_ symbols: AccountSymbols) -> Account {
        var account = Account(name: symbols.name, id: symbols.id, location: symbols.location)
        if symbols.fragments.isEmpty { return account }
        if symbols.fragments.allSatisfy({ !$0.fields.has("id") }), let first = symbols.fragments.first {
            file = first.file
            error("missing-key", "account '\(symbols.name)' has no id", hint: "add id: \"123456789012\" (the 12-digit AWS account id)",
                  at: first.key, address: symbols.name)
        }
        decodeSettings(into: &account, symbols: symbols)
        var memberships: [GroupMembers] = []
        for entry in symbols.table(.users).entries { account.users.append(decodeUser(entry, in: symbols)) }
        for entry in symbols.table(.groups).entries {
            let (group, members) = decodeGroup(entry, in: symbols)
            account.groups.append(group)
            memberships.append(members)
        }
        applyMemberships(memberships, to: &account)
        checkRenameClaims(account)
        for entry in symbols.table(.policies).entries {
            if let policy = decodeManagedPolicy(entry, in: symbols) { account.policies.append(policy) }
        }
        for entry in symbols.table(.roles).entries {
            if let role = decodeRole(entry, in: symbols) { account.roles.append(role) }
        }
        for entry in symbols.table(.instanceProfiles).entries { account.instanceProfiles.append(decodeInstanceProfile(entry, in: symbols)) }
        for entry in symbols.table(.identityProviders).entries {
            if let provider = decodeIdentityProvider(entry, in: symbols) { account.identityProviders.append(provider) }
        }
        for entry in symbols.table(.buckets).entries { account.buckets.append(decodeBucket(entry, in: symbols)) }
        account.serviceLinkedRoles = decodeServiceLinkedRoles(symbols)
        checkAccountWide(account)
        return account
    }

    /// The node for an account-level setting; a second file setting it again is an error.
    private mutating func setting(_ key: String, in symbols: AccountSymbols) -> Node? {
        var found: Node?
        var first = ""
        for fragment in symbols.fragments {
            guard let node = fragment.fields[key] else { continue }
            file = fragment.file
            if found == nil {
                found = node
                first = "\(fragment.file):\((fragment.fields.keyNode(key) ?? node).mark?.line ?? 1)"
            } else {
                error("duplicate-setting", "'\(key)' of account '\(symbols.name)' is already set at \(first)",
                      hint: "set each account setting in one file only", at: fragment.fields.keyNode(key) ?? node, address: symbols.name)
            }
        }
        if found != nil, let owner = symbols.fragments.first(where: { $0.fields.has(key) }) { file = owner.file }
        return found
    }

    private mutating func decodeSettings(into account: inout Account, symbols: AccountSymbols) {
        if let node = setting("alias", in: symbols), let alias = string(node, what: "the account alias") {
            if let problem = NameRules.problem(withAlias: alias) {
                error("invalid-alias", "invalid account alias '\(alias)': \(problem)", hint: "an alias looks like acme-prod", at: node, address: "\(symbols.name).alias")
            } else {
                account.alias = alias
                aliasLocations[symbols.name] = location(node)
            }
        }
        if let node = setting("access_role", in: symbols), let role = string(node, what: "access_role") {
            if let problem = NameRules.problem(withName: role, maxLength: Quotas.roleNameLength) {
                error("invalid-name", "invalid access role name '\(role)': \(problem)", hint: "the default is OrganizationAccountAccessRole", at: node, address: symbols.name)
            } else {
                account.accessRole = role
            }
        }
        if let node = setting("ownership", in: symbols), let text = string(node, what: "ownership") {
            if let ownership = Ownership(rawValue: text) {
                account.ownership = ownership
            } else {
                error(
                    "invalid-value", "ownership must be additive or exclusive, found '\(text)'",
                    hint: "additive (the default) reports objects the configuration does not declare; exclusive removes them",
                    at: node, address: symbols.name)
            }
        }
        if let node = setting("root", in: symbols) { account.root = decodeRootUser(node, account: symbols.name) }
        if let node = setting("password_policy", in: symbols) { account.passwordPolicy = decodePasswordPolicy(node, account: symbols.name) }
    }

    private mutating func decodeRootUser(_ node: Node, account: String) -> RootUser? {
        guard let fields = fields(node, keys: ConfigurationKeys.rootUser, what: "root") else { return nil }
        var root = RootUser(location: location(node))
        root.email = fields["email"].flatMap { string($0, what: "the root email") }
        if let email = root.email, !email.contains("@") {
            error("invalid-value", "'\(email)' is not an email address", hint: "write the root contact address, e.g. root@example.com", at: fields["email"] ?? node, address: "\(account).root")
        }
        var isKnown = true
        if let mfa = fields["mfa"] {
            let value = bool(mfa, what: "root mfa")
            root.isMFAEnabled = value ?? false
            isKnown = value != nil
        }
        if isKnown, !root.isMFAEnabled {
            warning("root-without-mfa", "the root user of account '\(account)' has no MFA",
                    hint: "AWS recommends MFA on the root user; set mfa: true", at: fields["mfa"] ?? node, address: "\(account).root")
        }
        return root
    }

    private mutating func decodePasswordPolicy(_ node: Node, account: String) -> PasswordPolicy? {
        guard let fields = fields(node, keys: ConfigurationKeys.passwordPolicy, what: "password_policy") else { return nil }
        var policy = PasswordPolicy()
        policy.location = location(node)
        policy.minimumPasswordLength = fields["minimum_length"].flatMap { int($0, what: "minimum_length", range: Quotas.passwordLength) }
        policy.maxPasswordAge = fields["max_age_days"].flatMap { int($0, what: "max_age_days", range: Quotas.passwordMaxAge) }
        policy.passwordReusePrevention = fields["reuse_prevention"].flatMap { int($0, what: "reuse_prevention", range: Quotas.passwordReuse) }
        policy.requireSymbols = fields["require_symbols"].flatMap { bool($0, what: "require_symbols") }
        policy.requireNumbers = fields["require_numbers"].flatMap { bool($0, what: "require_numbers") }
        policy.requireUppercaseCharacters = fields["require_uppercase"].flatMap { bool($0, what: "require_uppercase") }
        policy.requireLowercaseCharacters = fields["require_lowercase"].flatMap { bool($0, what: "require_lowercase") }
        policy.allowUsersToChangePassword = fields["allow_users_to_change"].flatMap { bool($0, what: "allow_users_to_change") }
        policy.hardExpiry = fields["hard_expiry"].flatMap { bool($0, what: "hard_expiry") }
        return policy
    }

    /// The entity's fields; an empty definition (`alice:` with nothing after it) has none.
    mutating func entityFields(_ entry: EntityEntry, keys: [String], kind: EntityKind) -> Fields? {
        file = entry.file
        if entry.value.isNull { return Fields(node: entry.value) }
        return fields(entry.value, keys: keys, what: "\(kind.singular.replacingUnderscores) '\(entry.name)'")
    }
}
