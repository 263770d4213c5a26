import IAMConfCore
import Yams

/// Phase one: learn every account and entity name, id and ARN before anything is resolved.
extension ConfigurationDecoder {
    /// Reads the top level of every file, registers accounts and entities, and reports names
    /// that break IAM's rules or collide. Returns each file's top-level fields for phase two.
    mutating func collectSymbols(roots: [(file: String, node: Node)]) -> [(file: String, fields: Fields)] {
        var rootFields: [(file: String, fields: Fields)] = []
        for (rootFile, root) in roots {
            file = rootFile
            if root.isNull { continue }
            guard let fields = fields(root, keys: ConfigurationKeys.root, what: "the configuration") else { continue }
            rootFields.append((rootFile, fields))
            guard let accountsNode = fields["accounts"] else { continue }
            for (name, key, value) in namedEntries(accountsNode, what: "accounts") {
                collectAccount(name, key: key, value: value)
            }
        }
        assignARNs()
        return rootFields
    }

    private mutating func collectAccount(_ name: String, key: Node, value: Node) {
        let isNew = symbols.account(named: name) == nil
        if isNew, let problem = NameRules.problem(withAccountName: name) {
            error("invalid-account-name", "invalid account name '\(name)': \(problem)",
                  hint: "the local name is used in references such as ${accounts.prod-eu.id}, so it cannot hold dots or braces", at: key)
        }
        let position = symbols.accountIndex(named: name, location: location(key))
        guard let fields = fields(value, keys: ConfigurationKeys.account, what: "account '\(name)'") else { return }
        symbols.update(position) { $0.fragments.append(AccountFragment(file: file, key: key, fields: fields)) }
        if let idNode = fields["id"] { collectAccountID(idNode, account: name, position: position) }
        if let aliasNode = fields["alias"], case let .scalar(scalar) = aliasNode {
            symbols.update(position) { $0.alias = $0.alias ?? scalar.string }
        }
        let templates = collectTemplates(fields, account: name)
        for kind in EntityKind.allCases {
            guard let node = fields[kind.rawValue] else { continue }
            for (entityName, entityKey, entityValue) in namedEntries(node, what: "\(kind.rawValue) of account '\(name)'") {
                let value = expandingTemplate(entityValue, kind: kind, templates: templates, address: "\(name).\(kind.singular).\(entityName)")
                collectEntity(kind, name: entityName, key: entityKey, value: value, account: position)
            }
        }
    }

    private mutating func collectAccountID(_ node: Node, account: String, position: Int) {
        guard case let .scalar(scalar) = node, !node.isNull else {
            error("wrong-type", "the account id must be a 12-digit string, found \(node.kindDescription)", at: node)
            return
        }
        let id = scalar.string
        let place = location(node)
        defer { if symbols.accounts[position].idLocation == nil { symbols.update(position) { $0.idLocation = place } } }
        guard symbols.accounts[position].id.isEmpty, symbols.accounts[position].idLocation == nil else {
            let first = symbols.accounts[position].idLocation.map { "\($0.file):\($0.line)" } ?? "another file"
            error("duplicate-setting", "the id of account '\(account)' is already set at \(first)",
                  hint: "set each account setting in one file only", at: node)
            return
        }
        guard AccountID.isValid(id) else {
            error("invalid-account-id", "'\(id)' is not a 12-digit account id",
                  hint: "an AWS account id is exactly 12 digits; quote it (\"012345678901\") so YAML keeps leading zeros", at: node)
            return
        }
        if let other = symbols.register(id: id, for: position) {
            error("duplicate-account-id", "account id \(id) is already used by account '\(other.name)'",
                  hint: "each account needs its own id", at: node)
        }
    }

    private mutating func collectEntity(_ kind: EntityKind, name: String, key: Node, value: Node, account position: Int) {
        guard isNewEntity(kind, name: name, key: key, account: position) else { return }
        if kind == .buckets { checkBucketUnique(name, key: key) }
        checkName(name, kind: kind, key: key, account: symbols.accounts[position].name)
        let entry = EntityEntry(name: name, file: file, key: key, value: value, path: rawPath(value))
        // No copy of the account may be alive here: the table is then extended in place, not
        // copied on every insertion (which would make loading quadratic in the entity count).
        symbols.update(position) { $0.tables[kind, default: EntityTable()].add(entry) }
        if kind == .users || kind == .roles, case let .mapping(mapping) = value, let boundary = mapping.value(forKey: "permissions_boundary")?.scalar?.string {
            symbols.update(position) { _ = $0.boundaryNames.insert(boundary) }
        }
    }

    /// Reports a name already taken in this account (exactly, or differing only in case).
    private mutating func isNewEntity(_ kind: EntityKind, name: String, key: Node, account position: Int) -> Bool {
        let accountName = symbols.accounts[position].name
        if let first = symbols.accounts[position].tables[kind]?.entry(named: name) {
            error("duplicate-name", "\(kind.singular.replacingUnderscores) '\(name)' is defined twice in account '\(accountName)'",
                  hint: "the first definition is at \(first.file):\(first.key.mark?.line ?? 0); rename or remove one", at: key)
            return false
        }
        if kind.isCaseInsensitive, let first = symbols.accounts[position].tables[kind]?.entry(foldedName: name) {
            error("duplicate-name", "\(kind.singular.replacingUnderscores) '\(name)' differs from '\(first.name)' only in case",
                  hint: "IAM names are unique regardless of case within an account", at: key)
            return false
        }
        return true
    }

    /// Bucket names are global in S3, so two accounts cannot both own `reports`.
    private mutating func checkBucketUnique(_ name: String, key: Node) {
        for other in symbols.accounts where other.table(.buckets).entry(named: name) != nil {
            error("duplicate-name", "bucket '\(name)' is already defined in account '\(other.name)'",
                  hint: "S3 bucket names are global across all accounts", at: key)
            return
        }
    }

    private mutating func checkName(_ name: String, kind: EntityKind, key: Node, account: String) {
        let problem: String?
        switch kind {
        case .users: problem = NameRules.problem(withName: name, maxLength: Quotas.userNameLength)
        case .groups: problem = NameRules.problem(withName: name, maxLength: Quotas.groupNameLength)
        case .roles: problem = NameRules.problem(withName: name, maxLength: Quotas.roleNameLength)
        case .policies: problem = NameRules.problem(withName: name, maxLength: Quotas.policyNameLength)
        case .instanceProfiles: problem = NameRules.problem(withName: name, maxLength: Quotas.instanceProfileNameLength)
        case .identityProviders: problem = NameRules.problem(withName: name, maxLength: Quotas.samlProviderNameLength)
        case .buckets: problem = NameRules.problem(withBucketName: name)
        }
        if let problem {
            error("invalid-name", "invalid \(kind.singular.replacingUnderscores) name '\(name)': \(problem)", hint: NameRules.hint(for: kind),
                  at: key, address: "\(account).\(kind.singular).\(name)")
        }
    }

    private func rawPath(_ value: Node) -> String {
        guard case let .mapping(mapping) = value, let node = mapping.value(forKey: "path"), case let .scalar(scalar) = node,
              NameRules.problem(withPath: scalar.string) == nil else { return "/" }
        return scalar.string
    }

    private mutating func assignARNs() {
        for position in symbols.accounts.indices {
            symbols.update(position) { account in
                let id = account.id
                for kind in EntityKind.allCases {
                    account.tables[kind]?.assignARNs { ConfigurationDecoder.arn(of: kind, entry: $0, accountID: id) }
                }
            }
        }
    }

    static func arn(of kind: EntityKind, entry: EntityEntry, accountID: String) -> String {
        switch kind {
        case .users: return ARN.iam(account: accountID, type: "user", path: entry.path, name: entry.name).description
        case .groups: return ARN.iam(account: accountID, type: "group", path: entry.path, name: entry.name).description
        case .roles: return ARN.iam(account: accountID, type: "role", path: entry.path, name: entry.name).description
        case .policies: return ARN.iam(account: accountID, type: "policy", path: entry.path, name: entry.name).description
        case .instanceProfiles:
            return ARN.iam(account: accountID, type: "instance-profile", path: entry.path, name: entry.name).description
        case .buckets: return "arn:aws:s3:::\(entry.name)"
        case .identityProviders:
            guard case let .mapping(mapping) = entry.value else { return "" }
            if mapping.value(forKey: "type")?.scalar?.string == "oidc", let url = mapping.value(forKey: "url")?.scalar?.string {
                return ARN(service: "iam", account: accountID, resource: "oidc-provider/\(IdentityProviderRules.hostAndPath(of: url))").description
            }
            return ARN(service: "iam", account: accountID, resource: "saml-provider/\(entry.name)").description
        }
    }
}

extension String {
    /// `instance_profile` -> `instance profile`, for messages.
    var replacingUnderscores: String { split(separator: "_").joined(separator: " ") }
}
