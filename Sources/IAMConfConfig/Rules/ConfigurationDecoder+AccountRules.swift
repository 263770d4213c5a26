import IAMConfCore

/// Rules over a whole decoded account, and across accounts, that IAM enforces at apply time.
extension ConfigurationDecoder {
    /// Entity counts against the account quotas, and OIDC providers sharing a URL.
    mutating func checkAccountWide(_ account: Account) {
        let counts: [(count: Int, limit: Int, what: String)] = [
            (account.users.count, Quotas.usersPerAccount, "users"),
            (account.groups.count, Quotas.groupsPerAccount, "groups"),
            // Service-linked roles are roles too, and count against the same quota.
            (account.roles.count + account.serviceLinkedRoles.count, Quotas.rolesPerAccount, "roles"),
            (account.policies.count, Quotas.customerManagedPoliciesPerAccount, "customer managed policies"),
            (account.instanceProfiles.count, Quotas.instanceProfilesPerAccount, "instance profiles"),
            (account.identityProviders.filter(\.isOIDC).count, Quotas.oidcProvidersPerAccount, "OIDC identity providers"),
            (account.identityProviders.filter { !$0.isOIDC }.count, Quotas.samlProvidersPerAccount, "SAML identity providers"),
        ]
        for (count, limit, what) in counts where count > limit {
            diagnostics.append(.error("account-quota-exceeded", "account '\(account.name)' has \(count) \(what); IAM allows \(limit) per account by default",
                                      hint: "split them across accounts, or ask AWS for a higher quota",
                                      at: account.location, address: account.name))
        }
        var urls: [String: String] = [:]
        for provider in account.identityProviders {
            guard case let .oidc(url, _, _) = provider.kind else { continue }
            let key = Self.providerKey(url)
            if let first = urls[key] {
                // IAM names an OIDC provider by its URL: a second one is EntityAlreadyExists.
                diagnostics.append(.error("duplicate-provider-url", "identity provider '\(provider.name)' has the same url as '\(first)'",
                                          hint: "an account holds one OIDC provider per URL; add client ids to the first instead",
                                          at: provider.location, address: "\(account.name).identity_provider.\(provider.name)"))
            } else {
                urls[key] = provider.name
            }
        }
    }

    /// An OIDC URL as IAM compares it: host names ignore case, paths do not.
    static func providerKey(_ url: String) -> String {
        let hostAndPath = IdentityProviderRules.hostAndPath(of: url)
        guard let slash = hostAndPath.firstIndex(of: "/") else { return hostAndPath.lowercased() }
        return hostAndPath[..<slash].lowercased() + hostAndPath[slash...]
    }

    /// Account aliases are unique across all of AWS, so two accounts cannot share one.
    mutating func checkAliases(_ accounts: [Account], locations: [String: SourceLocation]) {
        var owners: [String: String] = [:]
        for account in accounts {
            guard let alias = account.alias else { continue }
            if let first = owners[alias] {
                diagnostics.append(.error("duplicate-alias", "account alias '\(alias)' is already used by account '\(first)'",
                                          hint: "aliases are unique across all AWS accounts; choose another",
                                          at: locations[account.name] ?? account.location, address: "\(account.name).alias"))
            } else {
                owners[alias] = account.name
            }
        }
    }
}

extension IdentityProvider {
    var isOIDC: Bool {
        if case .oidc = kind { return true }
        return false
    }
}
