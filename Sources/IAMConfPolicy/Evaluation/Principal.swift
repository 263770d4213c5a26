import IAMConfCore

/// Who makes a request: an IAM user, a role session, an account root, a service or a federated caller.
public struct Principal: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case user, roleSession, root, service, federated
    }

    public var kind: Kind
    /// User, session or root ARN; the service name (`ec2.amazonaws.com`); or the identity provider
    /// (an `oidc-provider`/`saml-provider` ARN, or `accounts.google.com`).
    public var arn: String
    /// The principal's account; nil for services and web identity providers outside IAM.
    public var account: String?
    /// For a role session, the role's ARN (`arn:aws:iam::ACCT:role/PATH/NAME`).
    public var roleARN: String?

    public init(kind: Kind, arn: String, account: String? = nil, roleARN: String? = nil) {
        self.kind = kind
        self.arn = arn
        self.account = account
        self.roleARN = roleARN
    }

    /// Web identity providers that are not IAM resources.
    static let webIdentityProviders: Set<String> = [
        "cognito-identity.amazonaws.com", "accounts.google.com", "graph.facebook.com", "www.amazon.com",
    ]

    /// The session principal created by assuming `roleARN`: `arn:aws:sts::ACCT:assumed-role/NAME/SESSION`
    /// (the role's path is not part of a session ARN). Nil when `roleARN` is not a role ARN.
    /// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-arns
    public static func session(ofRole roleARN: String, sessionName: String) -> Principal? {
        guard let arn = ARN(roleARN), arn.service == "iam", arn.resource.hasPrefix("role/"),
              let name = arn.resource.split(separator: "/").last, arn.resource.count > 5
        else { return nil }
        let session = "arn:\(arn.partition):sts::\(arn.account):assumed-role/\(name)/\(sessionName)"
        return Principal(kind: .roleSession, arn: session, account: arn.account, roleARN: roleARN)
    }

    /// Recognises a caller from its ARN (or service/provider name), the way `simulate` names callers.
    ///
    /// `arn:aws:sts::ACCT:assumed-role/ROLE/SESSION` is a role session; without `roleARN` its role is
    /// taken as `arn:aws:iam::ACCT:role/ROLE` (a role with a path must be given explicitly).
    /// Returns nil for text that names no principal.
    public static func parse(_ text: String, roleARN: String? = nil) -> Principal? {
        if webIdentityProviders.contains(text) { return Principal(kind: .federated, arn: text) }
        guard let arn = ARN(text) else {
            guard text.contains("."), !text.contains(" "), !text.contains(":") else { return nil }
            return Principal(kind: .service, arn: text)
        }
        let resource = arn.resource
        switch arn.service {
        case "iam" where resource == "root":
            return Principal(kind: .root, arn: text, account: arn.account)
        case "iam" where resource.hasPrefix("user/"):
            return Principal(kind: .user, arn: text, account: arn.account)
        case "iam" where resource.hasPrefix("role/"):
            return Principal(kind: .roleSession, arn: text, account: arn.account, roleARN: roleARN ?? text)
        case "iam" where resource.hasPrefix("saml-provider/") || resource.hasPrefix("oidc-provider/"):
            return Principal(kind: .federated, arn: text, account: arn.account)
        case "sts" where resource.hasPrefix("assumed-role/"):
            let parts = resource.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count >= 3, !parts[1].isEmpty else { return nil }
            let role = roleARN ?? "arn:\(arn.partition):iam::\(arn.account):role/\(parts[1])"
            return Principal(kind: .roleSession, arn: text, account: arn.account, roleARN: role)
        case "sts" where resource.hasPrefix("federated-user/"):
            return Principal(kind: .user, arn: text, account: arn.account)
        default:
            return nil
        }
    }
}
