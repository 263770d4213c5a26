import IAMConfCore

/// Who makes one request of a chain, with everything that decides what it may do.
struct AccessCaller: Sendable {
    var principal: Principal
    /// The caller as the question named it (an address when there is one).
    var name: String
    /// The IAM user name; only users have `aws:username`.
    var userName: String?
    /// `aws:userid`: the user's unique id, `ROLEID:SESSION` for a session, the account id for root.
    var userID: String
    var tags: [Tag]
    var identityPolicies: [NamedPolicy]
    var permissionsBoundaries: [NamedPolicy]
    /// Role sessions use temporary credentials, where `aws:MultiFactorAuthPresent` is always present.
    var isTemporary: Bool
    var isMFAAuthenticated: Bool
    /// The session's own session policies (role sessions only).
    var sessionPolicies: [NamedPolicy] = []
    /// The context keys that describe the principal (`RequestContextBuilder.principalKeys`), built
    /// once by `prepareCaller` for a server asking many questions; nil: built for each question.
    var principalKeys: RequestContext?
    /// The SCPs that restrict the caller, one list per level (root, units, account); empty when
    /// none apply (no organization, the management account, a service-linked role, an outsider).
    var serviceControlPolicies: [SCPLevel] = []

    var policies: [NamedPolicy] { identityPolicies + permissionsBoundaries + sessionPolicies + serviceControlPolicies.flatMap(\.policies) }

    /// The SCPs attached to one level of the caller's path, and where (`root`, `ou/Data`, `account/target`).
    struct SCPLevel: Sendable {
        var target: String
        var policies: [NamedPolicy]
    }

    /// Users and role sessions have an identity side; services, providers and root do not.
    var hasIdentitySide: Bool { principal.kind == .user || principal.kind == .roleSession }

    /// The STS action that creates a role session for this caller.
    /// https://docs.aws.amazon.com/STS/latest/APIReference/API_Operations.html
    var assumeRoleAction: String {
        guard principal.kind == .federated else { return "sts:AssumeRole" }
        return principal.arn.contains(":saml-provider/") ? "sts:AssumeRoleWithSAML" : "sts:AssumeRoleWithWebIdentity"
    }
}

/// How iamconf names the principal types in `aws:PrincipalType`.
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principaltype
extension Principal.Kind {
    var principalType: String {
        switch self {
        case .user: return "User"
        case .roleSession: return "AssumedRole"
        case .root: return "Account"
        case .service: return "AWSService"
        case .federated: return "FederatedUser"
        }
    }
}

/// A stable stand-in for an IAM unique id when the configuration (not a backend) is asked:
/// the configuration has no ids, and a fixed value keeps answers reproducible.
enum StandInID {
    static func make(prefix: String, for text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0100_0000_01b3
        }
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
        var out = prefix
        for _ in 0..<17 {
            out.append(alphabet[Int(hash % 32)])
            hash = (hash / 32) ^ (hash &* 0x9E37_79B9_7F4A_7C15)
        }
        return out
    }
}
