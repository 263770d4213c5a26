/// The stable, readable name of one resource in the plan and the state.
///
/// Shapes: `ACCOUNT.KIND.NAME` for an object (`target.role.S3Access`), `ACCOUNT.KIND.NAME.SUB[KEY]`
/// for a relationship or a part of one (`source.user.alice.group[developers]`,
/// `target.role.S3Access.policy[AmazonS3FullAccess]`, `source.user.alice.inline[AllowAssume]`), and
/// `ACCOUNT.KIND` for an account's singletons (`target.alias`, `target.password_policy`).
public struct Address: Sendable, Hashable, Comparable, CustomStringConvertible, Codable {
    public var account: String
    public var kind: Kind
    public var name: String?
    public var sub: String?
    public var key: String?

    public init(account: String, kind: Kind, name: String? = nil, sub: String? = nil, key: String? = nil) {
        self.account = account
        self.kind = kind
        self.name = name
        self.sub = sub
        self.key = key
    }

    public var description: String {
        var text = "\(account).\(kind.rawValue)"
        if let name { text += ".\(name)" }
        if let sub { text += ".\(sub)" }
        if let key { text += "[\(key)]" }
        return text
    }

    /// The address of the object a relationship hangs off (`source.user.alice` for its group membership).
    public var owner: Address? {
        guard sub != nil else { return nil }
        return Address(account: account, kind: kind, name: name)
    }

    /// Parses the printed form. Names may contain `.` (IAM allows it), so the account and kind are
    /// taken from the front and a trailing `.SUB[KEY]` from the back.
    public init?(parsing text: String) {
        let head = text.split(separator: ".", maxSplits: 2, omittingEmptySubsequences: false)
        guard head.count >= 2, !head[0].isEmpty, let kind = Kind(rawValue: String(head[1])) else { return nil }
        account = String(head[0])
        self.kind = kind
        name = nil
        sub = nil
        key = nil
        guard head.count == 3 else { return }
        var rest = String(head[2])
        if rest.hasSuffix("]"), let open = rest.lastIndex(of: "[") {
            let keyText = String(rest[rest.index(after: open)..<rest.index(before: rest.endIndex)])
            let beforeKey = rest[..<open]
            guard let dot = beforeKey.lastIndex(of: "."), beforeKey.index(after: dot) < beforeKey.endIndex else { return nil }
            key = keyText
            sub = String(beforeKey[beforeKey.index(after: dot)...])
            rest = String(beforeKey[..<dot])
        }
        if sub == nil, let dot = rest.lastIndex(of: "."),
           Address.keylessParts(of: kind).contains(String(rest[rest.index(after: dot)...])) {
            sub = String(rest[rest.index(after: dot)...])
            rest = String(rest[..<dot])
        }
        guard !rest.isEmpty else { return nil }
        name = rest
    }

    /// Parts of an object addressed without a key (`source.user.alice.login_profile`,
    /// `target.bucket.reports.policy`). A name ending in one of these is read as the part, since
    /// IAM names may contain dots; the printed form of every address still parses back to itself.
    public static func keylessParts(of kind: Kind) -> Set<String> {
        switch kind {
        case .user: return ["login_profile", "mfa_device"]
        case .bucket: return ["policy"]
        default: return []
        }
    }

    public static func < (lhs: Address, rhs: Address) -> Bool { lhs.description < rhs.description }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let parsed = Address(parsing: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a resource address: \(text)"))
        }
        self = parsed
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension Address {
    /// The account part of every organization resource's address (`organization.unit.Data`).
    public static let organizationAccount = "organization"

    /// What an address names: an object family of an account (its users, roles, …), an account's
    /// singleton (`alias`, `password_policy`), or, in access questions, the account's root user.
    /// Relationships and parts hang off their owner's kind (`user.alice.group[developers]`).
    public enum Kind: String, Sendable, Hashable, CaseIterable, Codable {
        case user
        case group
        case role
        case policy
        case instanceProfile = "instance_profile"
        case identityProvider = "identity_provider"
        case serviceLinkedRole = "service_linked_role"
        case bucket
        case alias
        case passwordPolicy = "password_policy"
        /// `ACCOUNT.root`: the account's root user, a caller in `check` and `test`, never a resource;
        /// `organization.root` is the organization itself (docs/organizations.md).
        case root
        /// The organization's units (`organization.unit.Workloads/Prod`), service control policies
        /// (`organization.scp.DenyWrites`, and their attachments `….attachment[ou/Data]`) and
        /// member accounts (`organization.account.target`), under the pseudo-account `organization`.
        case unit
        case scp
        case account
    }
}
