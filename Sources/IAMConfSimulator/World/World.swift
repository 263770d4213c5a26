import Foundation

/// Everything the simulator holds: every account's IAM entities and simulated S3 buckets.
///
/// A plain value, so the policy engine can evaluate "what was applied" from a snapshot without
/// touching the actor, and so persistence is one encode of one value. Entities are keyed by their
/// lowercased name because IAM names are unique case-insensitively per kind and account
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html#reference_iam-quotas-names);
/// each entity keeps its name as created.
public struct World: Sendable, Hashable, Codable {
    /// Accounts by 12-digit id; an account appears on its first mutating call.
    public var accounts: [String: Account]
    /// The AWS Organizations organization the world's accounts belong to (one, made by one
    /// management account's CreateOrganization); nil before one is created, and in a world
    /// written before organizations were kept.
    public var organization: StoredOrganization?

    public init(accounts: [String: Account] = [:], organization: StoredOrganization? = nil) {
        self.accounts = accounts
        self.organization = organization
    }

    /// One account's IAM: its entities, settings and buckets.
    public struct Account: Sendable, Hashable, Codable {
        public var id: String
        public var alias: String?
        public var passwordPolicy: StoredPasswordPolicy?
        /// Keyed by lowercased name.
        public var users: [String: User] = [:]
        public var groups: [String: Group] = [:]
        public var roles: [String: Role] = [:]
        /// Customer managed policies, keyed by lowercased name (unique per account whatever the path).
        public var policies: [String: ManagedPolicy] = [:]
        public var instanceProfiles: [String: InstanceProfile] = [:]
        /// OIDC providers keyed by ARN.
        public var oidcProviders: [String: OIDCProvider] = [:]
        /// SAML providers keyed by lowercased name.
        public var samlProviders: [String: SAMLProvider] = [:]
        /// Buckets keyed by name (S3 bucket names are lowercase and global).
        public var buckets: [String: Bucket] = [:]
        /// Virtual MFA devices by serial, enabled for a user or not; nil in a world written before
        /// they were kept (such a world's devices are only on their users, `User.mfaDevice`).
        public var virtualMFADevices: [String: VirtualMFADevice]?

        public init(id: String) {
            self.id = id
        }

        public func user(named name: String) -> User? { users[name.lowercased()] }
        public func group(named name: String) -> Group? { groups[name.lowercased()] }
        public func role(named name: String) -> Role? { roles[name.lowercased()] }
        public func instanceProfile(named name: String) -> InstanceProfile? { instanceProfiles[name.lowercased()] }

        /// The customer managed policy with this ARN (exact path and name), if any.
        public func policy(arn: String) -> ManagedPolicy? {
            guard let name = arn.split(separator: "/").last.map(String.init),
                  let policy = policies[name.lowercased()], policy.arn == arn else { return nil }
            return policy
        }
    }

    /// The account with this id, if anything was ever created in it.
    public func account(_ id: String) -> Account? { accounts[id] }
}

/// A key/value tag as IAM stores it (keys are unique case-insensitively, order as given).
public struct StoredTag: Sendable, Hashable, Codable {
    public var key: String
    public var value: String

    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }
}

/// The account password policy with IAM's defaults filled in (GetAccountPasswordPolicy's shape).
public struct StoredPasswordPolicy: Sendable, Hashable, Codable {
    public var minimumPasswordLength: Int = 6
    public var requireSymbols = false
    public var requireNumbers = false
    public var requireUppercaseCharacters = false
    public var requireLowercaseCharacters = false
    public var allowUsersToChangePassword = false
    /// Days; nil means passwords never expire.
    public var maxPasswordAge: Int?
    /// How many previous passwords cannot be reused; nil means no restriction.
    public var passwordReusePrevention: Int?
    public var hardExpiry = false

    public init() {}
}
