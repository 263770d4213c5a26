import Foundation
import IAMConfCore
import IAMConfSimulator

/// The applied world seen as a configuration, so the access analyzer that answers questions about
/// the YAML can answer them about what was applied (`iamconf check --applied`, and every request
/// `iamconf serve` decides). It lives here, not in the simulator, because the simulator must not
/// know configurations; Operations imports it from here.
///
/// Read-only: building the view never changes the world. Documents come from what the simulator
/// stored; their statements get source locations only from `declared`, while a document still
/// equals what the configuration declares. A document that no longer parses becomes `null` (the
/// analyzer then leaves it out with a note rather than failing).
extension World {
    /// Every account of the world as a configuration `Account`.
    ///
    /// - Parameters:
    ///   - accountNames: local names by account id (from the configuration), so addresses like
    ///     `source.user.alice` work; an account without one is named by its id.
    ///   - declared: where the configuration wrote each document, so a deciding statement can be
    ///     named with its `file:line:column`.
    public func configurationView(accountNames: [String: String] = [:], declared: DeclaredPolicies = DeclaredPolicies()) -> Configuration {
        let accounts = self.accounts.values.sorted { $0.id < $1.id }.map {
            $0.configurationAccount(name: accountNames[$0.id] ?? $0.id, declared: declared)
        }
        var configuration = Configuration(accounts: accounts)
        configuration.organization = organization?.configurationOrganization(accountNames: accountNames)
        return configuration
    }

    /// Unique ids (`AIDA…`, `AROA…`) by user and role ARN, for `aws:userid`.
    public var principalIDs: [String: String] {
        var ids: [String: String] = [:]
        for account in accounts.values {
            for user in account.users.values { ids[user.arn] = user.uniqueID }
            for role in account.roles.values { ids[role.arn] = role.uniqueID }
        }
        return ids
    }
}

extension World.Account {
    func configurationAccount(name: String, declared: DeclaredPolicies) -> IAMConfCore.Account {
        var account = IAMConfCore.Account(name: name, id: id)
        let accountID = id
        // The stored document, located when it still equals the declared one.
        func document(_ text: String, _ kind: DeclaredPolicies.Place.Kind, _ owner: String, _ name: String = "") -> PolicySource {
            let source = Self.source(text)
            return declared.isEmpty ? source : declared.located(source, at: .init(account: accountID, kind: kind, owner: owner, name: name))
        }
        func inline(_ policies: [String: String], _ kind: DeclaredPolicies.Place.Kind, _ owner: String) -> [InlinePolicy] {
            policies.keys.sorted().compactMap { name in
                policies[name].map { InlinePolicy(name: name, document: document($0, kind, owner, name)) }
            }
        }
        account.alias = alias
        account.users = users.values.sorted { $0.name < $1.name }.map { user in
            var out = IAMConfCore.User(name: user.name)
            out.path = user.path
            out.tags = user.tags.map { Tag(key: $0.key, value: $0.value) }
            out.groups = user.groups
            out.policies = user.attachedPolicies.map(Self.attachment)
            out.inlinePolicies = inline(user.inlinePolicies, .userInline, user.name)
            out.permissionsBoundary = user.permissionsBoundary.map(Self.attachment)
            // Console access and key count decide which credential call an escalation path needs.
            out.loginProfile = user.loginProfile.map { LoginProfile(passwordResetRequired: $0.passwordResetRequired) }
            out.accessKeys = user.accessKeys.count
            return out
        }
        account.groups = groups.values.sorted { $0.name < $1.name }.map { group in
            var out = IAMConfCore.Group(name: group.name)
            out.path = group.path
            out.policies = group.attachedPolicies.map(Self.attachment)
            out.inlinePolicies = inline(group.inlinePolicies, .groupInline, group.name)
            return out
        }
        account.roles = roles.values.sorted { $0.name < $1.name }.map { role in
            var out = IAMConfCore.Role(name: role.name, trustPolicy: document(role.trustPolicy, .roleTrust, role.name))
            out.path = role.path
            out.description = role.description
            out.maxSessionDuration = role.maxSessionDuration
            out.tags = role.tags.map { Tag(key: $0.key, value: $0.value) }
            out.policies = role.attachedPolicies.map(Self.attachment)
            out.inlinePolicies = inline(role.inlinePolicies, .roleInline, role.name)
            out.permissionsBoundary = role.permissionsBoundary.map(Self.attachment)
            // So the analyzer names it by its ARN and knows whether its permissions are known.
            out.linkedService = role.linkedService
            return out
        }
        account.policies = policies.values.sorted { $0.name < $1.name }.map { policy in
            var out = IAMConfCore.ManagedPolicy(name: policy.name, document: document(policy.defaultDocument, .managedPolicy, policy.name))
            out.path = policy.path
            out.description = policy.description
            return out
        }
        account.instanceProfiles = instanceProfiles.values.sorted { $0.name < $1.name }.map { profile in
            var out = IAMConfCore.InstanceProfile(name: profile.name)
            out.path = profile.path
            out.role = profile.roles.first
            return out
        }
        // Named by host (OIDC) or name (SAML): the view has no configuration names for them.
        account.identityProviders = oidcProviders.values.sorted { $0.arn < $1.arn }.map { provider in
            IdentityProvider(name: Self.host(provider.url), kind: .oidc(url: provider.url, clientIDs: provider.clientIDs, thumbprints: provider.thumbprints))
        } + samlProviders.values.sorted { $0.name < $1.name }.map { provider in
            IdentityProvider(name: provider.name, kind: .saml(metadataDocument: provider.metadataDocument))
        }
        account.buckets = buckets.values.sorted { $0.name < $1.name }.map { bucket in
            var out = IAMConfCore.Bucket(name: bucket.name)
            out.policy = bucket.policy.map { document($0, .bucketPolicy, bucket.name) }
            return out
        }
        return account
    }

    /// A stored document (JSON text, possibly URL-encoded as IAM returns it) as a policy source.
    static func source(_ text: String) -> PolicySource {
        let decoded = text.hasPrefix("%7B") || text.hasPrefix("%7b") ? (text.removingPercentEncoding ?? text) : text
        return PolicySource(document: (try? JSONParser.parse(decoded)) ?? .null)
    }

    /// `token.actions.githubusercontent.com` for `https://token.actions.githubusercontent.com`.
    static func host(_ url: String) -> String {
        let bare = url.hasPrefix("https://") ? String(url.dropFirst(8)) : url
        return bare.split(separator: "/").first.map(String.init) ?? bare
    }

    static func attachment(_ arn: String) -> PolicyAttachment {
        let name = arn.split(separator: "/").last.map(String.init) ?? arn
        return PolicyAttachment(arn: arn, name: name, isAWSManaged: arn.hasPrefix("arn:aws:iam::aws:policy/"))
    }
}
