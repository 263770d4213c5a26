import IAMConfCore

/// Turning `iamconf access PRINCIPAL` into a principal of the configuration.
extension EffectiveAccess {
    /// The subject an address or ARN names, and the role when it is one (to list who can assume it).
    func resolve(_ text: String) throws(AccessError) -> (AccessSubject, (Account, Role)?) {
        if text.hasPrefix("arn:") { return try resolve(arn: text) }
        guard let address = Address(parsing: text), address.sub == nil else { throw addressError(text) }
        guard let account = configuration.account(named: address.account) ?? configuration.account(id: address.account) else {
            let names = configuration.accounts.map(\.name)
            let hint = NameSuggestion.closest(to: address.account, in: names).map { "did you mean \($0)?" }
                ?? "accounts in this configuration: \(names.isEmpty ? "none" : names.joined(separator: ", "))"
            throw AccessError("unknown-account", "the configuration has no account named '\(address.account)'", hint: hint)
        }
        let sources = self.sources
        switch (address.kind, address.name) {
        case let (.user, name?):
            guard let user = account.users.first(where: { $0.name == name }) else {
                throw unknown("user", name, in: account, known: account.users.map(\.name))
            }
            return (.user(user, in: account, policies: sources), nil)
        case let (.role, name?):
            guard let role = account.accessRoles.first(where: { $0.name == name }) else {
                throw unknown("role", name, in: account, known: account.accessRoles.map(\.name))
            }
            return (.role(role, in: account, policies: sources), (account, role))
        case let (.serviceLinkedRole, service?):
            guard let role = account.serviceLinkedRole(addressName: service) else {
                throw unknown("service_linked_role", service, in: account, known: account.accessRoles.compactMap(\.linkedService))
            }
            return (.role(role, in: account, policies: sources), (account, role))
        case let (.group, name?):
            guard let group = account.groups.first(where: { $0.name == name }) else {
                throw unknown("group", name, in: account, known: account.groups.map(\.name))
            }
            return (.group(group, in: account, policies: sources), nil)
        case (.root, nil):
            throw AccessError(
                "unsupported-principal", "\(text) is the account's root user, which may do everything in its account",
                hint: "ask about a user, role or group: ACCOUNT.user.NAME, ACCOUNT.role.NAME, ACCOUNT.group.NAME")
        default:
            throw addressError(text)
        }
    }

    private func resolve(arn text: String) throws(AccessError) -> (AccessSubject, (Account, Role)?) {
        guard let arn = ARN(text), arn.service == "iam" else {
            throw AccessError(
                "invalid-arn", "'\(text)' is not the ARN of a user, role or group",
                hint: "give arn:aws:iam::123456789012:user/NAME (or role/, group/), or an address like main.user.alice")
        }
        if let (account, user) = configuration.user(arn: arn) { return (.user(user, in: account, policies: sources), nil) }
        if let (account, role) = configuration.role(arn: arn) { return (.role(role, in: account, policies: sources), (account, role)) }
        if let account = configuration.account(id: arn.account),
           let group = account.groups.first(where: { ARN.iam(account: account.id, type: "group", path: $0.path, name: $0.name) == arn }) {
            return (.group(group, in: account, policies: sources), nil)
        }
        throw AccessError(
            "unknown-principal", "no user, role or group with ARN \(text) in the configuration",
            hint: "check the account id, path and name; `iamconf validate` lists what the configuration defines")
    }

    private func addressError(_ text: String) -> AccessError {
        let accounts = configuration.accounts.map(\.name).joined(separator: ", ")
        return AccessError(
            "invalid-address", "'\(text)' is not an address like ACCOUNT.user.NAME, ACCOUNT.role.NAME or ACCOUNT.group.NAME",
            hint: "accounts in this configuration: \(accounts.isEmpty ? "none" : accounts); an ARN works too")
    }

    private func unknown(_ kind: String, _ name: String, in account: Account, known: [String]) -> AccessError {
        let hint = NameSuggestion.closest(to: name, in: known).map { "did you mean \(account.name).\(kind).\($0)?" }
            ?? (known.isEmpty ? "account \(account.name) has no \(kind)s" : "\(kind)s in \(account.name): \(known.sorted().prefix(10).joined(separator: ", "))")
        return AccessError(
            "unknown-\(String(kind.map { $0 == "_" ? "-" : $0 }))", "account \(account.name) has no \(kind) named '\(name)'", hint: hint)
    }
}
