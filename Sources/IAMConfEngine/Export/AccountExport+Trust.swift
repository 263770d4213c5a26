import IAMConfCore
import IAMConfState

/// The `trust:` shorthand written the way the loader reads it back to the same document.
extension AccountExport {
    /// The shorthand's keys, or nil when a part cannot be said in the shorthand (a root ARN after a
    /// user ARN, a federated provider the loader would name with another action).
    func trustEntries(_ trust: TrustShorthand) -> [YAMLText.Entry]? {
        var accounts: [YAMLText] = []
        var principals: [YAMLText] = []
        for arn in trust.awsPrincipals {
            if let parsed = ARN(arn), parsed.service == "iam", parsed.resource == "root", AccountID.isValid(parsed.account) {
                // `accounts:` come first in the expansion: a root after a user or role cannot be written.
                guard principals.isEmpty else { return nil }
                accounts.append(.string(references.accountKeys[parsed.account] ?? parsed.account))
            } else {
                // What the shorthand takes: `*`, or a user or role ARN (not a unique id IAM shows for a deleted principal).
                let type = ARN(arn).flatMap { ["iam", "sts"].contains($0.service) ? $0.resource.split(separator: "/").first.map(String.init) : nil }
                guard arn == "*" || ["user", "role", "assumed-role", "federated-user"].contains(type ?? "") else { return nil }
                principals.append(.string(principal(arn)))
            }
        }
        var entries: [YAMLText.Entry] = []
        if !accounts.isEmpty { entries.append(.init("accounts", .list(accounts))) }
        if !principals.isEmpty { entries.append(.init("principals", .list(principals))) }
        if !trust.services.isEmpty { entries.append(.init("services", .list(trust.services.map(YAMLText.string)))) }
        if let federated = trust.federated {
            guard let written = provider(federated.arn, action: federated.action) else { return nil }
            entries.append(.init("federated", .string(written)))
        }
        if trust.requireMFA { entries.append(.init("require_mfa", .literal("true"))) }
        if let id = trust.externalID { entries.append(.init("external_id", .string(id))) }
        if !trust.conditions.isEmpty { entries.append(.init("conditions", YAMLText(references.substituted(.object(trust.conditions))))) }
        return entries
    }

    /// A trusted user or role by address (`prod.user.alice`) when it is in the export, else its ARN.
    private func principal(_ arn: String) -> String {
        if let reference = references.reference(toARN: arn) {
            // `${accounts.KEY.users.NAME.arn}` -> `KEY.user.NAME`, the address form the shorthand takes.
            let parts = reference.dropFirst("${accounts.".count).dropLast(".arn}".count).split(separator: ".", maxSplits: 2)
            if parts.count == 3, let kind = ["users": "user", "roles": "role"][String(parts[1])] {
                return "\(parts[0]).\(kind).\(parts[2])"
            }
        }
        return arn
    }

    /// `federated:` as the loader reads it: this account's provider by name, else the ARN, each only
    /// when the loader would choose `action` for it.
    private func provider(_ arn: String, action: String) -> String? {
        let isSAML: Bool
        if let parsed = ARN(arn) {
            isSAML = parsed.resource.hasPrefix("saml-provider/")
        } else if ["cognito-identity.amazonaws.com", "accounts.google.com", "graph.facebook.com", "www.amazon.com"].contains(arn) {
            isSAML = false
        } else {
            return nil
        }
        guard action == (isSAML ? "sts:AssumeRoleWithSAML" : "sts:AssumeRoleWithWebIdentity") else { return nil }
        if let reference = references.reference(toARN: arn), reference.hasPrefix("${accounts.\(key).identity_providers.") {
            return String(reference.dropFirst("${accounts.\(key).identity_providers.".count).dropLast(".arn}".count))
        }
        return arn
    }
}
