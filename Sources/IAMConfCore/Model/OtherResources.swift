/// A container for one role, which EC2 hands to an instance.
public struct InstanceProfile: Sendable, Hashable {
    public var name: String
    public var path: String = "/"
    /// The role in it, by name in the same account (IAM allows one).
    public var role: String?
    public var tags: [Tag] = []
    public var location: SourceLocation?

    public init(name: String, location: SourceLocation? = nil) {
        self.name = name
        self.location = location
    }
}

/// A federated identity provider that roles can trust.
public struct IdentityProvider: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// `url` includes the `https://` scheme as written; IAM stores it without.
        case oidc(url: String, clientIDs: [String], thumbprints: [String])
        /// The SAML metadata document, read from the file the configuration names.
        case saml(metadataDocument: String)
    }

    /// The local name (references use it); for SAML it is also the provider's IAM name.
    public var name: String
    public var kind: Kind
    public var tags: [Tag] = []
    public var location: SourceLocation?

    public init(name: String, kind: Kind, location: SourceLocation? = nil) {
        self.name = name
        self.kind = kind
        self.location = location
    }
}

/// A role that an AWS service creates and owns, requested by service name.
public struct ServiceLinkedRole: Sendable, Hashable {
    /// The service principal, e.g. `autoscaling.amazonaws.com`.
    public var service: String
    public var customSuffix: String?
    public var description: String?
    public var location: SourceLocation?

    public init(service: String, location: SourceLocation? = nil) {
        self.service = service
        self.location = location
    }

    /// The name part of its address: the service, and `_SUFFIX` for a role with a custom suffix,
    /// as the role's own name is `AWSServiceRoleFor…_SUFFIX`. Service principals never contain `_`,
    /// so two roles of one service get two addresses and the state keeps both.
    public var addressName: String {
        customSuffix.map { "\(service)_\($0)" } ?? service
    }
}

/// A simulated S3 bucket, so labs can model resource-based and cross-account access.
public struct Bucket: Sendable, Hashable {
    public var name: String
    public var policy: PolicySource?
    public var location: SourceLocation?

    public init(name: String, location: SourceLocation? = nil) {
        self.name = name
        self.location = location
    }
}

/// An access question kept in the configuration and answered by `iamconf test` and `plan`.
public struct Expectation: Sendable, Hashable {
    public enum Outcome: String, Sendable, Hashable { case allow, deny }
    public var name: String?
    /// An address (`source.user.alice`) or an ARN.
    public var principal: String
    /// Roles assumed in order, by address or ARN.
    public var assume: [String] = []
    public var action: String
    public var resource: String
    public var context: [String: [String]] = [:]
    public var expected: Outcome
    public var location: SourceLocation?

    public init(principal: String, action: String, resource: String, expected: Outcome, location: SourceLocation? = nil) {
        self.principal = principal
        self.action = action
        self.resource = resource
        self.expected = expected
        self.location = location
    }
}
