/// The whole desired setup, after loading, merging and resolving references.
///
/// Every reference (`${accounts.NAME.roles.ROLE.arn}`, group names, policy names) is already
/// resolved to concrete names and ARNs here; later layers never see the YAML's indirections.
public struct Configuration: Sendable, Hashable {
    public var accounts: [Account]
    public var expectations: [Expectation]
    public var backend: BackendSettings?
    /// Where the state lives, when the configuration says so (`state:`).
    public var state: StateSettings?
    /// The files the configuration was read from, in load order.
    public var files: [String]
    /// Lint findings accepted on purpose (`lint: { suppress: [...] }`).
    public var lintSuppressions: [LintSuppression] = []
    /// The AWS Organizations layer (`organization:`): units, placements and SCPs; nil when none.
    public var organization: Organization?

    public init(accounts: [Account] = [], expectations: [Expectation] = [], backend: BackendSettings? = nil, files: [String] = []) {
        self.accounts = accounts
        self.expectations = expectations
        self.backend = backend
        self.files = files
    }

    public func account(named name: String) -> Account? { accounts.first { $0.name == name } }
    public func account(id: String) -> Account? { accounts.first { $0.id == id } }
}

/// Where `apply` sends its changes, when the configuration says so (`backend:`).
public struct BackendSettings: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable { case simulator, endpoint }
    public var kind: Kind
    public var url: String?
    public var region: String?
    public var location: SourceLocation?

    public init(kind: Kind, url: String? = nil, region: String? = nil, location: SourceLocation? = nil) {
        self.kind = kind
        self.url = url
        self.region = region
        self.location = location
    }
}

/// Where the state lives (`state:`): a local file, S3-compatible storage or PostgreSQL.
public struct StateSettings: Sendable, Hashable {
    public enum Store: Sendable, Hashable {
        case local(path: String)
        case s3(bucket: String, key: String, region: String?, endpointURL: String?)
        /// `url` without a password (that comes from `PGPASSWORD` or `~/.pgpass`); `nil` for the `PG*` variables.
        case postgres(url: String?, name: String)
    }

    public var store: Store
    /// Whether state objects are encrypted (AES-GCM, key from `IAMCONF_STATE_KEY`).
    public var encrypt: Bool
    public var location: SourceLocation?

    public init(store: Store, encrypt: Bool = false, location: SourceLocation? = nil) {
        self.store = store
        self.encrypt = encrypt
        self.location = location
    }
}
