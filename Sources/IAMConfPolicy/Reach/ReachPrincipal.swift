import IAMConfCore

/// Someone who can make requests: a node of the trust graph and a possible answer to who-can.
///
/// Users, roles and account roots of the configuration are named by address; principals the
/// configuration only mentions (a service in a trust policy, an account outside the configuration,
/// an identity provider given by URL) are named as the policy names them.
public struct ReachPrincipal: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case user
        case role
        /// The root user of a configured account.
        case accountRoot
        /// An OIDC or SAML provider (configured, or named in a trust policy).
        case identityProvider
        /// An AWS service principal named in a trust or resource policy (`ec2.amazonaws.com`).
        case service
        /// An account outside the configuration, named by a policy (`arn:aws:iam::999999999999:root`):
        /// it stands for whichever of its principals its own administrators allow.
        case externalAccount
        /// A user or role of an account outside the configuration, named by ARN in a policy.
        case externalPrincipal
        /// `"Principal": "*"`: any AWS principal of any account.
        case anyone
    }

    public var kind: Kind
    /// How answers name it: an address (`source.user.alice`), a service-linked role's ARN, a service
    /// name, an ARN outside the configuration, or `*`.
    public var name: String
    /// The resource address when the principal is a configured resource (`graph` draws it there).
    public var address: String?
    /// The principal's ARN (a role's, not a session's), or the service name.
    public var arn: String
    /// The 12-digit account, when it has one.
    public var account: String?

    public init(kind: Kind, name: String, address: String? = nil, arn: String, account: String? = nil) {
        self.kind = kind
        self.name = name
        self.address = address
        self.arn = arn
        self.account = account
    }

    /// Only IAM users and role sessions are governed by identity policies iamconf knows.
    public var hasKnownIdentitySide: Bool { kind == .user || kind == .role }

    /// Outside the configuration: what its own account allows is not known, so every answer that
    /// starts there also needs that account's own policies to allow it.
    public var isOutsideConfiguration: Bool { kind == .externalAccount || kind == .externalPrincipal || kind == .anyone }

    /// Whether its requests can carry `aws:MultiFactorAuthPresent = true`: people sign in with MFA,
    /// and a role session carries its creator's; services and identity providers never do.
    var canUseMFA: Bool { kind != .service && kind != .identityProvider }

    /// `user`, `role`, `account root`, ...: the word answers print beside the name.
    public var kindLabel: String {
        switch kind {
        case .user: return "user"
        case .role: return "role"
        case .accountRoot: return "account root"
        case .identityProvider: return "identity provider"
        case .service: return "AWS service"
        case .externalAccount: return "account outside the configuration"
        case .externalPrincipal: return "principal outside the configuration"
        case .anyone: return "any AWS principal"
        }
    }
}
