/// What a planned change does to access: `Access changes:` in the plan text, `access_changes` in
/// `plan --json` (docs/json-output.md).
public enum AccessChange: Sendable, Hashable {
    /// A user's or role's own permissions (identity policies, groups, boundary).
    case permissions(PermissionsChange)
    /// Who may assume a role.
    case trust(TrustChange)
    /// What a bucket's policy grants or denies the principals it names.
    case bucketPolicy(BucketPolicyChange)

    /// Whether anyone gains anything (`plan --deny-new-access` refuses such a plan).
    public var hasGains: Bool {
        switch self {
        case let .permissions(change): return !change.gains.isEmpty
        case let .trust(change): return !change.gains.isEmpty
        case let .bucketPolicy(change): return change.principals.contains { !$0.gains.isEmpty || !$0.noLongerDenied.isEmpty }
        }
    }
}

/// A principal's permissions before and after the plan.
public struct PermissionsChange: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable {
        /// The plan creates the principal: everything it may do is new.
        case created
        /// The plan deletes it: everything it could do goes.
        case deleted
        case changed
    }

    public var principal: PrincipalRef
    public var status: Status
    public var gains: [GrantGroup]
    public var losses: [GrantGroup]
    public var notes: [String]

    public init(principal: PrincipalRef, status: Status, gains: [GrantGroup], losses: [GrantGroup], notes: [String] = []) {
        self.principal = principal
        self.status = status
        self.gains = gains
        self.losses = losses
        self.notes = notes
    }
}

/// Who may assume a role, before and after the plan.
public struct TrustChange: Sendable, Hashable {
    public var role: PrincipalRef
    /// Who can now assume it (or assume it under fewer conditions).
    public var gains: [Assumer]
    /// Who no longer can (or only under more conditions).
    public var losses: [Assumer]

    public init(role: PrincipalRef, gains: [Assumer], losses: [Assumer]) {
        self.role = role
        self.gains = gains
        self.losses = losses
    }
}

/// What a bucket policy grants and denies, before and after the plan, per principal it names.
public struct BucketPolicyChange: Sendable, Hashable {
    /// The bucket's address (`main.bucket.reports`).
    public var bucket: String
    public var arn: String
    public var principals: [Entry]

    public struct Entry: Sendable, Hashable {
        public var principal: PrincipalRef
        /// Newly allowed by the bucket policy.
        public var gains: [GrantGroup]
        /// No longer allowed by it.
        public var losses: [GrantGroup]
        /// Newly denied by it (a loss, whatever the principal's own policies say).
        public var nowDenied: [GrantGroup]
        /// No longer denied by it (a gain where the principal's own policies allow).
        public var noLongerDenied: [GrantGroup]

        public init(principal: PrincipalRef, gains: [GrantGroup], losses: [GrantGroup], nowDenied: [GrantGroup], noLongerDenied: [GrantGroup]) {
            self.principal = principal
            self.gains = gains
            self.losses = losses
            self.nowDenied = nowDenied
            self.noLongerDenied = noLongerDenied
        }
    }

    public init(bucket: String, arn: String, principals: [Entry]) {
        self.bucket = bucket
        self.arn = arn
        self.principals = principals
    }
}
