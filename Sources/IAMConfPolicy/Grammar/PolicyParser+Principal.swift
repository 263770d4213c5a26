import IAMConfCore

extension PolicyParser {
    mutating func parsePrincipalElement(_ statement: JSONValue, path: String) -> PrincipalElement? {
        if !kind.requiresPrincipal {
            for name in ["Principal", "NotPrincipal"] where statement[name] != nil {
                error("policy-principal-not-allowed", "A \(kind.rawValue) policy cannot have \(name)",
                      hint: "Remove \(name): an identity-based policy applies to the identity it is attached to.",
                      path: "\(path).\(name)")
            }
            return nil
        }
        guard let (value, isNegated, name) = pick(statement, "Principal", "NotPrincipal", path: path) else {
            if statement["Principal"] == nil, statement["NotPrincipal"] == nil {
                error("policy-principal-missing", "The statement has neither Principal nor NotPrincipal",
                      hint: "Name who the statement applies to, e.g. \"Principal\": {\"AWS\": \"arn:aws:iam::111122223333:root\"}.",
                      path: path)
            }
            return nil
        }
        let elementPath = "\(path).\(name)"
        if case let .string(text) = value {
            guard text == "*" else {
                error("policy-principal-invalid", "A \(name) string must be \"*\"",
                      hint: "Write {\"AWS\": \"\(text)\"} (or Service/Federated) for a specific principal.", path: elementPath)
                return nil
            }
            return PrincipalElement(isNegated: isNegated, isWildcard: true)
        }
        guard let members = value.objectValue, !members.isEmpty else {
            error("policy-principal-invalid", "\(name) must be \"*\" or an object of principal types",
                  hint: "Use keys AWS, Service, Federated or CanonicalUser.", path: elementPath)
            return nil
        }
        var entries: [PrincipalEntry] = []
        for member in members {
            let memberPath = "\(elementPath).\(member.key)"
            guard let type = PrincipalType(rawValue: member.key) else {
                error("policy-principal-type-unknown", "Unknown principal type '\(member.key)'",
                      hint: "Principal types are AWS, Service, Federated and CanonicalUser (case-sensitive).", path: memberPath)
                continue
            }
            guard let items = stringList(member.value, path: memberPath, element: "\(name).\(member.key)") else { continue }
            for item in items {
                if let problem = Self.principalProblem(type: type, value: item.value) {
                    error("policy-principal-invalid", problem.summary, hint: problem.hint, path: item.path)
                } else {
                    entries.append(PrincipalEntry(type: type, value: item.value))
                }
            }
        }
        return PrincipalElement(isNegated: isNegated, entries: entries)
    }

    /// Checks one principal value's shape; nil when it is acceptable.
    /// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
    static func principalProblem(type: PrincipalType, value: String) -> (summary: String, hint: String)? {
        if value != "*", value.contains("*") || value.contains("?") {
            return ("'\(value)' uses a wildcard inside a principal",
                    "Principals cannot be matched partly; name each principal, or use \"*\" with a condition such as ArnLike on aws:PrincipalArn.")
        }
        switch type {
        case .aws:
            if value == "*" || AccountID.isValid(value) { return nil }
            if let arn = ARN(value), ["iam", "sts"].contains(arn.service) { return nil }
            return ("'\(value)' is not an AWS principal",
                    "Use \"*\", a 12-digit account ID, or an IAM/STS ARN such as arn:aws:iam::111122223333:role/Name.")
        case .service:
            if value == "*" || (value.contains(".") && !value.contains(" ") && !value.hasPrefix("arn:")) { return nil }
            return ("'\(value)' is not a service principal", "Use a service name such as ec2.amazonaws.com.")
        case .federated:
            if value.isEmpty || value.contains(" ") {
                return ("'\(value)' is not a federated principal",
                        "Use an identity provider ARN (arn:aws:iam::ACCOUNT:oidc-provider/...) or a provider such as accounts.google.com.")
            }
            return nil
        case .canonicalUser:
            return value.isEmpty ? ("CanonicalUser must not be empty", "Give the 64-character canonical user ID.") : nil
        }
    }
}
