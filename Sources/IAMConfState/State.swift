import IAMConfCore

/// What iamconf last applied: every resource with the attributes it was given and what the backend
/// reported back. The planner diffs the configuration against this.
///
/// This is the in-memory model; `StateFile` owns the on-disk format and its versions.
public struct State: Sendable, Hashable {
    /// Set once when the state is first created; a plan made against another lineage is refused.
    public var lineage: String
    /// Incremented on every write; a saved plan records the serial it was made against.
    public var serial: Int
    public var backend: BackendDescriptor
    public var resources: [Address: ResourceState]

    public init(lineage: String, serial: Int = 0, backend: BackendDescriptor = .simulator, resources: [Address: ResourceState] = [:]) {
        self.lineage = lineage
        self.serial = serial
        self.backend = backend
        self.resources = resources
    }

    /// Resources in address order, the order every view shows them in.
    public var sortedResources: [ResourceState] {
        // Descriptions built once each: Address's `<` builds both strings per comparison.
        resources.values.map { ($0.address.description, $0) }.sorted { $0.0 < $1.0 }.map(\.1)
    }
}

/// One applied resource.
public struct ResourceState: Sendable, Hashable {
    public var address: Address
    /// The resource type (`user`, `group_membership`, `role_policy_attachment`, …).
    public var type: ResourceType
    /// The account id the resource lives in.
    public var accountID: String
    /// The inputs as applied, in the planner's spelling (`path`, `document`, `tags`, …).
    public var attributes: [String: JSONValue]
    /// What the backend assigned (`arn`, `unique_id`, `create_date`, `default_version_id`, …).
    public var outputs: [String: String]
    /// Secrets the backend created (`secret_access_key`, `password`); never shown unless asked.
    public var secrets: [String: String]
    /// Resources this one needs; deletion runs in reverse of these.
    public var dependencies: [Address]

    public init(
        address: Address, type: ResourceType, accountID: String, attributes: [String: JSONValue] = [:],
        outputs: [String: String] = [:], secrets: [String: String] = [:], dependencies: [Address] = []
    ) {
        self.address = address
        self.type = type
        self.accountID = accountID
        self.attributes = attributes
        self.outputs = outputs
        self.secrets = secrets
        self.dependencies = dependencies
    }
}
