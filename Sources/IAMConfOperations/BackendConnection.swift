import IAMConfCore

/// What building a backend needs beyond its descriptor: the region requests are signed for and the
/// role assumed in each account. A saved plan records these, as Terraform's plan records its
/// backend, so `apply PLANFILE` reaches the endpoint exactly as `apply PATH` would.
public struct BackendConnection: Sendable, Hashable {
    /// Which backend, and for an endpoint its URL.
    public var descriptor: BackendDescriptor
    /// The AWS region signed into every request (the configuration's `backend.region`, or us-east-1).
    public var region: String
    /// The role to assume in each account, by 12-digit account id (the configuration's `access_role`).
    /// An account not listed is reached through the backend's default role.
    public var accessRoles: [String: String]

    /// The region when the configuration names none.
    public static let defaultRegion = "us-east-1"

    public init(descriptor: BackendDescriptor, region: String = BackendConnection.defaultRegion, accessRoles: [String: String] = [:]) {
        self.descriptor = descriptor
        self.region = region
        self.accessRoles = accessRoles
    }

    /// The settings the configuration gives for `descriptor` (defaults without a configuration).
    public init(_ descriptor: BackendDescriptor, configuration: Configuration?) {
        var accessRoles: [String: String] = [:]
        for account in configuration?.accounts ?? [] {
            if let role = account.accessRole { accessRoles[account.id] = role }
        }
        self.init(descriptor: descriptor, region: configuration?.backend?.region ?? Self.defaultRegion, accessRoles: accessRoles)
    }
}
