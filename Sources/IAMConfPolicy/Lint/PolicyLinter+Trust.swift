import IAMConfCore

/// Trust policy checks: the assume action must fit the principal, and a role trusted by an OIDC
/// provider must say which tokens (audience) and, for shared issuers such as GitHub, whose (subject).
extension PolicyLinter {
    static func trustFindings(_ statement: LintStatement) -> [PolicyFinding] {
        guard let principal = statement.json["Principal"]?.objectValue else { return [] }
        var found: [PolicyFinding] = []
        let actions = statement.strings("Action") ?? []
        for (type, value) in principal {
            let principals = LintStatement(json: .object([(type, value)]), path: "\(statement.path).Principal", index: statement.index).strings(type) ?? []
            for principal in principals {
                let kind = TrustedPrincipal(type: type, value: principal.value)
                for action in actions where !kind.accepts(action.value) {
                    found.append(PolicyFinding(.mismatchedActionForPrincipal,
                        "The \(action.value) action is invalid with the principal \(principal.value): \(kind.expectedAction). The statement never lets it assume the role.",
                        path: action.path, isAboutValue: true))
                }
                if statement.isAllow, let issuer = kind.oidcIssuer,
                   actions.contains(where: { actionPattern($0.value, matches: "sts:AssumeRoleWithWebIdentity") }) {
                    found += oidcFindings(statement, issuer: issuer, principalPath: principal.path)
                }
            }
        }
        return found
    }

    /// The conditions an OIDC trust needs: `ISSUER:aud` always, `ISSUER:sub` for issuers every
    /// customer of a platform shares (a GitHub token from any repository in the world has the same issuer).
    private static func oidcFindings(_ statement: LintStatement, issuer: String, principalPath: String) -> [PolicyFinding] {
        var keys: [(key: String, values: [String])] = []
        for (_, block) in statement.json["Condition"]?.objectValue ?? [] {
            for (key, raw) in block.objectValue ?? [] {
                keys.append((key.lowercased(), (raw.arrayValue ?? [raw]).compactMap(scalarText)))
            }
        }
        let prefix = issuer.lowercased() + ":"
        var found: [PolicyFinding] = []
        let audience = prefix + "aud"
        if !keys.contains(where: { $0.key == audience || $0.key == prefix + "azp" }) {
            found.append(PolicyFinding(.oidcTrustWithoutAudience,
                "Tokens of \(issuer) for any client (audience) can assume this role: add a condition on \(issuer):aud naming your client ID\(issuer == "token.actions.githubusercontent.com" ? " (sts.amazonaws.com for GitHub Actions)" : "").",
                path: principalPath, isAboutValue: true))
        }
        if TrustedPrincipal.sharedIssuers.contains(where: { issuer.lowercased().hasPrefix($0) }) {
            let subjects = keys.filter { $0.key == prefix + "sub" }.flatMap(\.values)
            if subjects.isEmpty || subjects.contains(where: TrustedPrincipal.matchesEverySubject) {
                found.append(PolicyFinding(.oidcTrustWithoutSubject,
                    "\(issuer) issues tokens to every \(TrustedPrincipal.tenantWord(issuer)) on the platform, so without a condition on \(issuer):sub naming yours (repo:ORG/REPO:ref:refs/heads/main), anyone's workflow can assume this role.",
                    path: principalPath, isAboutValue: true))
            }
        }
        return found
    }

    /// Two statements that grant exactly the same (Sid aside): one of them is redundant.
    static func redundantStatementFindings(_ statements: [LintStatement]) -> [PolicyFinding] {
        var seen: [JSONValue: LintStatement] = [:]
        var found: [PolicyFinding] = []
        for statement in statements {
            let key = canonical(.object((statement.json.objectValue ?? []).filter { $0.key != "Sid" }))
            if let first = seen[key] {
                found.append(PolicyFinding(.redundantStatement,
                    "This statement is identical to \(first.path)\(first.json["Sid"]?.stringValue.map { " (\($0))" } ?? ""): the statements provide identical permissions. Remove one of them.",
                    path: statement.path))
            } else {
                seen[key] = statement
            }
        }
        return found
    }

    /// Keys sorted and a member's lone string as a one-element list, so that spelling does not hide a repeat.
    private static func canonical(_ value: JSONValue) -> JSONValue {
        switch value {
        case let .object(members):
            return .object(members.map { member -> (key: String, value: JSONValue) in
                if case let .string(text) = member.value { return (member.key, .array([.string(text)])) }
                return (member.key, canonical(member.value))
            }.sorted { $0.key < $1.key })
        case let .array(items):
            return .array(items.map(canonical))
        default:
            return value
        }
    }
}

/// A principal of a trust policy and the assume action it can use.
struct TrustedPrincipal {
    enum Kind { case aws, service, saml, webIdentity }
    var kind: Kind
    /// For a web identity provider, the issuer its condition keys start with.
    var oidcIssuer: String?

    /// Issuers every customer of a platform shares: a condition on `sub` is what limits the role to yours.
    static let sharedIssuers = ["token.actions.githubusercontent.com", "gitlab.com", "app.terraform.io", "oidc.circleci.com", "token.buildkite.com"]

    init(type: String, value: String) {
        switch type {
        case "Federated":
            if value.contains(":saml-provider/") {
                kind = .saml
            } else {
                kind = .webIdentity
                if let range = value.firstRange(of: ":oidc-provider/") {
                    oidcIssuer = String(value[range.upperBound...])
                } else if !value.hasPrefix("arn:") {
                    oidcIssuer = value
                }
            }
        case "Service":
            kind = .service
        default:
            kind = .aws
        }
    }

    /// Whether this principal can use the action (only exact sts: actions are judged).
    func accepts(_ action: String) -> Bool {
        switch action.lowercased() {
        case "sts:assumerole": kind == .aws || kind == .service
        case "sts:assumerolewithsaml": kind == .saml
        case "sts:assumerolewithwebidentity": kind == .webIdentity
        default: true
        }
    }

    var expectedAction: String {
        switch kind {
        case .aws, .service: "an AWS account, user, role or service principal assumes a role with sts:AssumeRole"
        case .saml: "a SAML provider principal needs sts:AssumeRoleWithSAML"
        case .webIdentity: "an OIDC provider principal needs sts:AssumeRoleWithWebIdentity"
        }
    }

    /// A `sub` pattern any token of the platform satisfies: `*`, `repo:*`, `project_path:*`.
    static func matchesEverySubject(_ value: String) -> Bool {
        if value.allSatisfy({ $0 == "*" }) { return true }
        guard let colon = value.firstIndex(of: ":") else { return false }
        return value[value.index(after: colon)...].allSatisfy { $0 == "*" }
    }

    static func tenantWord(_ issuer: String) -> String {
        issuer.hasPrefix("token.actions.githubusercontent.com") ? "repository" : issuer == "gitlab.com" ? "project" : "organization"
    }
}
