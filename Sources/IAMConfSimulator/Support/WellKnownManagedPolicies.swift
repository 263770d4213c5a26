import IAMConfCore

/// What the simulator knows of an AWS managed policy, from the catalog the integrator injects.
public struct AWSManagedPolicyInfo: Sendable, Hashable {
    /// The catalog's default version (`v3`), when known.
    public var defaultVersionID: String?
    /// The default version's document as JSON text, when known.
    public var document: String?

    public init(defaultVersionID: String? = nil, document: String? = nil) {
        self.defaultVersionID = defaultVersionID
        self.document = document
    }
}

/// A few AWS managed policies every account has, the default catalog when none is injected.
///
/// The integrator passes the full catalog (IAMConfPolicy's `ManagedPolicyCatalog`); this short
/// list keeps the simulator usable on its own and in tests. It includes the service-linked role
/// policies, so a service-linked role gets its permissions with this list too.
public enum WellKnownManagedPolicies {
    public static let arns: Set<String> = Set([
        "arn:aws:iam::aws:policy/AdministratorAccess",
        "arn:aws:iam::aws:policy/PowerUserAccess",
        "arn:aws:iam::aws:policy/ReadOnlyAccess",
        "arn:aws:iam::aws:policy/IAMReadOnlyAccess",
        "arn:aws:iam::aws:policy/IAMFullAccess",
        "arn:aws:iam::aws:policy/AmazonS3FullAccess",
        "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
        "arn:aws:iam::aws:policy/AmazonEC2ReadOnlyAccess",
        "arn:aws:iam::aws:policy/AmazonEC2FullAccess",
        "arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess",
        "arn:aws:iam::aws:policy/SecurityAudit",
        "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess",
        "arn:aws:iam::aws:policy/job-function/Billing",
        "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
        "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
    ] + ServiceLinkedRolePolicy.allARNs)
}
