/// How effective access names a principal: by its configuration address when it has one
/// (`main.user.alice`), otherwise as a policy names it (an ARN, a service, `*`).
public struct PrincipalRef: Sendable, Hashable, Comparable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        case user, role, group, account, service, federated, anyone
    }

    public var kind: Kind
    /// The address (`main.user.alice`, `other.root`) or, outside the configuration, the ARN,
    /// service principal or `*`.
    public var name: String
    /// The ARN, when the principal has one (users, roles, groups, accounts, IAM identity providers).
    public var arn: String?

    public init(kind: Kind, name: String, arn: String? = nil) {
        self.kind = kind
        self.name = name
        self.arn = arn
    }

    public static func < (a: PrincipalRef, b: PrincipalRef) -> Bool { (a.name, a.kind.rawValue) < (b.name, b.kind.rawValue) }

    /// `main.user.alice (arn:aws:iam::111111111111:user/alice)`, or the name alone when it is the ARN.
    public var description: String {
        guard let arn, arn != name else { return name }
        return "\(name) (\(arn))"
    }
}
