import IAMConfCore
import IAMConfPolicy

/// Checks over the resolved configuration that are worth a warning but not an error.
///
/// These do not stop `validate` (exit 0): they flag setups AWS's own guidance calls risky.
struct ConfigurationChecks {
    let catalog: ManagedPolicyCatalog

    func warnings(for configuration: Configuration) -> [Diagnostic] {
        var found: [Diagnostic] = []
        // AWS managed documents are parsed from the catalog's text on each ask (ReadOnlyAccess is
        // 85 KB), so each one attached anywhere is decided once for the whole configuration.
        let fullAccessAWS = fullAccessAWSPolicies(in: configuration.accounts)
        for account in configuration.accounts {
            // Which policies grant full access (customer ones by name, AWS managed by ARN), decided once
            // per policy rather than per attachment.
            let fullAccess = Set(account.policies.filter { !Self.fullAccessStatements($0.document.document).isEmpty }.map(\.name))
                .union(fullAccessAWS)
            for user in account.users {
                found += broadAccess(inline: user.inlinePolicies, attached: user.policies, fullAccess: fullAccess, owner: "user '\(user.name)'", address: "\(account.name).user.\(user.name)")
            }
            for group in account.groups where !group.name.lowercased().contains("admin") {
                found += broadAccess(inline: group.inlinePolicies, attached: group.policies, fullAccess: fullAccess, owner: "group '\(group.name)'", address: "\(account.name).group.\(group.name)")
            }
            for role in account.roles {
                let address = "\(account.name).role.\(role.name)"
                found += trustWarnings(role, accountID: account.id, address: address)
                // An admin role (like an admins group) exists to hold full access.
                guard !role.name.lowercased().contains("admin") else { continue }
                found += broadAccess(inline: role.inlinePolicies, attached: role.policies, fullAccess: fullAccess, owner: "role '\(role.name)'", address: address)
            }
        }
        return found
    }

    /// `Action: "*"` on `Resource: "*"` given to an identity outside an admin group.
    private func broadAccess(
        inline: [InlinePolicy], attached: [PolicyAttachment], fullAccess fullAccessPolicies: Set<String>, owner: String, address: String
    ) -> [Diagnostic] {
        var found: [Diagnostic] = []
        let hint = "grant full access through a group whose name says admin (e.g. Admins), or narrow Action and Resource"
        for policy in inline {
            for index in Self.fullAccessStatements(policy.document.document) {
                let place = index < policy.document.statementLocations.count ? policy.document.statementLocations[index] : policy.location
                found.append(.warning("full-access", "\(owner) is allowed every action on every resource (inline policy '\(policy.name)')",
                                      hint: hint, at: place ?? policy.location, address: address))
            }
        }
        for attachment in attached {
            guard fullAccessPolicies.contains(attachment.isAWSManaged ? attachment.arn : attachment.name) else { continue }
            found.append(.warning("full-access", "\(owner) is allowed every action on every resource (policy '\(attachment.name)')",
                                  hint: hint, at: attachment.location, address: address))
        }
        return found
    }

    /// The ARNs of the AWS managed policies attached anywhere that grant full access: each
    /// document is parsed once, however many identities it is attached to.
    private func fullAccessAWSPolicies(in accounts: [Account]) -> Set<String> {
        var attached = Set<String>()
        for account in accounts {
            for user in account.users { attached.formUnion(user.policies.filter(\.isAWSManaged).map(\.arn)) }
            for group in account.groups { attached.formUnion(group.policies.filter(\.isAWSManaged).map(\.arn)) }
            for role in account.roles { attached.formUnion(role.policies.filter(\.isAWSManaged).map(\.arn)) }
        }
        return attached.filter { arn in catalog.policy(arn: arn).map { !Self.fullAccessStatements($0.document).isEmpty } ?? false }
    }

    private func trustWarnings(_ role: Role, accountID: String, address: String) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for (index, statement) in Self.statements(role.trustPolicy.document).enumerated() where statement["Effect"]?.stringValue == "Allow" {
            let place = index < role.trustPolicy.statementLocations.count ? role.trustPolicy.statementLocations[index] : role.trustPolicy.location
            let principals = Self.awsPrincipals(statement)
            if statement["Principal"]?.stringValue == "*" || principals.contains("*") {
                found.append(.warning("trust-everyone", "role '\(role.name)' trusts every principal ('*')",
                                      hint: "name the accounts or principals that may assume it", at: place ?? role.location, address: address))
                continue
            }
            let foreign = principals.contains { principal in
                let id = ARN(principal)?.account ?? principal
                return AccountID.isValid(id) && id != accountID
            }
            let keys = Self.conditionKeys(statement)
            if foreign, !keys.contains("aws:multifactorauthpresent"), !keys.contains("sts:externalid") {
                found.append(.warning("cross-account-trust", "role '\(role.name)' can be assumed from another account without MFA or an external id",
                                      hint: "add require_mfa: true (people) or external_id: (third parties) to the trust", at: place ?? role.location, address: address))
            }
        }
        return found
    }

    static func statements(_ document: JSONValue) -> [JSONValue] {
        switch document["Statement"] {
        case let .array(items)?: return items
        case let .object(members)?: return [.object(members)]
        default: return []
        }
    }

    static func values(_ value: JSONValue?) -> [String] {
        switch value {
        case let .string(text)?: return [text]
        case let .array(items)?: return items.compactMap(\.stringValue)
        default: return []
        }
    }

    /// Indices of statements that allow `*` on `*`.
    static func fullAccessStatements(_ document: JSONValue) -> [Int] {
        statements(document).enumerated().compactMap { index, statement in
            statement["Effect"]?.stringValue == "Allow" && values(statement["Action"]).contains("*")
                && values(statement["Resource"]).contains("*") ? index : nil
        }
    }

    static func awsPrincipals(_ statement: JSONValue) -> [String] {
        values(statement["Principal"]?["AWS"])
    }

    static func conditionKeys(_ statement: JSONValue) -> Set<String> {
        var keys = Set<String>()
        for (_, clause) in statement["Condition"]?.objectValue ?? [] {
            for (key, _) in clause.objectValue ?? [] { keys.insert(key.lowercased()) }
        }
        return keys
    }
}
