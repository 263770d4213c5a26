/// IAM quotas the validator enforces, at their default values.
///
/// Source: IAM and AWS STS quotas, https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
/// ("IAM object quotas" and "IAM and STS character limits"). Sizes are counted without whitespace,
/// as IAM counts them. Quotas AWS lets you raise are checked at their defaults, since a
/// configuration cannot know an account's raised quota.
enum Quotas {
    static let userNameLength = 64
    static let groupNameLength = 128
    static let roleNameLength = 64
    static let policyNameLength = 128
    static let instanceProfileNameLength = 128
    static let samlProviderNameLength = 128
    static let samlMetadataLength = 1_000...10_000_000

    static let managedPolicySize = 6_144
    static let userInlinePolicySize = 2_048
    static let groupInlinePolicySize = 5_120
    static let roleInlinePolicySize = 10_240
    /// Role trust policy length (default quota; can be raised to 4,096).
    static let trustPolicySize = 2_048
    /// S3: "Bucket policies are limited to 20 KB in size", counted in bytes of the document sent.
    /// https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-policies.html
    static let bucketPolicySize = 20_480

    /// Managed policies attached per user, group or role (default quota; can be raised to 20).
    static let attachedPolicies = 10
    static let groupsPerUser = 10
    static let tagsPerResource = 50
    static let accessKeysPerUser = 2
    static let rolesPerInstanceProfile = 1
    static let maxSessionDuration = 3_600...43_200
    static let descriptionLength = 1_000
    static let passwordLength = 6...128
    static let passwordReuse = 1...24
    static let passwordMaxAge = 1...1_095
    static let oidcClientIDs = 100
    static let oidcThumbprints = 5
}

extension Quotas {
    /// Entities per account (default quotas, "IAM object quotas" in
    /// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html).
    /// Apply fails with LimitExceeded past these, so validate reports them first.
    static let usersPerAccount = 5_000
    static let groupsPerAccount = 300
    static let rolesPerAccount = 1_000
    static let customerManagedPoliciesPerAccount = 1_500
    static let instanceProfilesPerAccount = 1_000
    static let oidcProvidersPerAccount = 100
    static let samlProvidersPerAccount = 100
}
