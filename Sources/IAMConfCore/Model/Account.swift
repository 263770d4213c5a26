/// One AWS account and everything iamconf manages in it.
public struct Account: Sendable, Hashable {
    /// The local name used in references and addresses (`target`, `source`).
    public var name: String
    /// The 12-digit account id.
    public var id: String
    public var alias: String?
    public var passwordPolicy: PasswordPolicy?
    public var root: RootUser?
    /// The role iamconf assumes to reach this account on an endpoint backend; nil means the default.
    public var accessRole: String?
    /// What `plan --refresh` and `refresh` do about objects in the account that the configuration
    /// does not declare: report them (`additive`, the default) or plan their removal (`exclusive`).
    public var ownership: Ownership = .additive
    public var users: [User] = []
    public var groups: [Group] = []
    public var roles: [Role] = []
    public var policies: [ManagedPolicy] = []
    public var instanceProfiles: [InstanceProfile] = []
    public var identityProviders: [IdentityProvider] = []
    public var serviceLinkedRoles: [ServiceLinkedRole] = []
    public var buckets: [Bucket] = []
    public var location: SourceLocation?

    public init(name: String, id: String, location: SourceLocation? = nil) {
        self.name = name
        self.id = id
        self.location = location
    }
}

/// The account root user's settings. Root credentials are never in the configuration.
public struct RootUser: Sendable, Hashable {
    public var email: String?
    public var isMFAEnabled: Bool
    public var location: SourceLocation?

    public init(email: String? = nil, isMFAEnabled: Bool = false, location: SourceLocation? = nil) {
        self.email = email
        self.isMFAEnabled = isMFAEnabled
        self.location = location
    }
}

/// The account password policy (`UpdateAccountPasswordPolicy`); nil members take IAM's defaults.
public struct PasswordPolicy: Sendable, Hashable {
    public var minimumPasswordLength: Int?
    public var requireSymbols: Bool?
    public var requireNumbers: Bool?
    public var requireUppercaseCharacters: Bool?
    public var requireLowercaseCharacters: Bool?
    public var allowUsersToChangePassword: Bool?
    public var maxPasswordAge: Int?
    public var passwordReusePrevention: Int?
    public var hardExpiry: Bool?
    public var location: SourceLocation?

    public init() {}
}
