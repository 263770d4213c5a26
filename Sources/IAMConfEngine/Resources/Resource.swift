import IAMConfCore

/// One desired object, derived from the configuration: what the planner diffs against the state.
public struct Resource: Sendable, Hashable {
    public var address: Address
    public var type: ResourceType
    /// The 12-digit id of the account it lives in.
    public var accountID: String
    /// The inputs, spelled as the state records them (`path`, `tags`, `document`, …).
    public var attributes: [String: JSONValue]
    /// Resources that must exist first; deletion runs in the reverse order.
    public var dependencies: [Address]
    /// Roles this role's trust policy names that cannot exist first, because they (in turn) trust
    /// this one, or it is itself: IAM refuses a trust policy naming a role that does not exist, so
    /// the role is created with a placeholder trust and given its own once they exist.
    public var deferredDependencies: [Address] = []
    /// The address this object had in the state before a declared rename (`renamed_from:`); the
    /// planner renames it in place when the state still holds it there.
    public var renamedFrom: Address?
    /// Where the configuration declares it, for messages.
    public var location: SourceLocation?

    public init(
        address: Address, type: ResourceType, accountID: String, attributes: [String: JSONValue],
        dependencies: [Address] = [], location: SourceLocation? = nil
    ) {
        self.address = address
        self.type = type
        self.accountID = accountID
        self.attributes = attributes
        self.dependencies = dependencies
        self.location = location
    }

    public func string(_ key: String) -> String? { attributes[key]?.stringValue }
}
