/// A policy document together with where it was written, so answers can point back at the YAML.
public struct PolicySource: Sendable, Hashable {
    /// The document with iamconf references substituted; IAM policy variables are left as written.
    public var document: JSONValue
    /// Where the document starts (the `document:` value, or line 1 of a `.json` file).
    public var location: SourceLocation?
    /// Where each statement starts, by index in `Statement` (one entry for a single-object Statement).
    public var statementLocations: [SourceLocation?]

    public init(document: JSONValue, location: SourceLocation? = nil, statementLocations: [SourceLocation?] = []) {
        self.document = document
        self.location = location
        self.statementLocations = statementLocations
    }
}

/// A managed policy attached to an identity, by ARN.
public struct PolicyAttachment: Sendable, Hashable {
    /// `arn:aws:iam::ACCOUNT:policy/PATH/NAME` or `arn:aws:iam::aws:policy/NAME`.
    public var arn: String
    /// The policy's name, used as the key in addresses (`role.S3Access.policy[AmazonS3FullAccess]`).
    public var name: String
    public var isAWSManaged: Bool
    public var location: SourceLocation?

    public init(arn: String, name: String, isAWSManaged: Bool, location: SourceLocation? = nil) {
        self.arn = arn
        self.name = name
        self.isAWSManaged = isAWSManaged
        self.location = location
    }
}

/// A policy embedded in one user, group or role.
public struct InlinePolicy: Sendable, Hashable {
    public var name: String
    public var document: PolicySource
    public var location: SourceLocation?

    public init(name: String, document: PolicySource, location: SourceLocation? = nil) {
        self.name = name
        self.document = document
        self.location = location
    }
}

/// A customer managed policy.
public struct ManagedPolicy: Sendable, Hashable {
    public var name: String
    public var path: String = "/"
    public var description: String?
    public var tags: [Tag] = []
    public var document: PolicySource
    public var location: SourceLocation?

    public init(name: String, document: PolicySource, location: SourceLocation? = nil) {
        self.name = name
        self.document = document
        self.location = location
    }
}
