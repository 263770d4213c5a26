import Foundation
import IAMConfCore
import IAMConfBackend

/// What one operation needs besides the account it changes: the time, the id source, the AWS
/// managed policy catalog and the quotas. Passed `inout` so the id sequence advances.
struct OperationEnvironment {
    let now: Date
    var ids: IDGenerator
    let awsManagedPolicy: @Sendable (String) -> AWSManagedPolicyInfo?
    let limits: SimulatorLimits
    /// The other accounts of the world, for the checks that look across accounts (trust principals).
    var otherAccounts: [String: World.Account] = [:]

    func isAWSManagedPolicy(_ arn: String) -> Bool { awsManagedPolicy(arn) != nil }

    /// Throws IAM's quota error when adding one more would pass `limit`.
    func checkQuota(_ current: Int, _ limit: Int, _ name: String) throws(BackendError) {
        guard current < limit else { throw IAMErrors.quota(name, limit) }
    }
}

/// IAM's default quotas. https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
///
/// Per-identity limits are always IAM's; the per-account entity counts can be raised (as AWS lets
/// an account owner do) so very large labs still fit.
public struct SimulatorLimits: Sendable, Hashable {
    public var usersPerAccount = 5000
    public var groupsPerAccount = 300
    public var rolesPerAccount = 1000
    public var policiesPerAccount = 1500
    public var instanceProfilesPerAccount = 1000
    public var managedPoliciesPerIdentity = 10
    public var groupsPerUser = 10
    public var accessKeysPerUser = 2
    public var versionsPerPolicy = 5
    public var samlProvidersPerAccount = 100
    public var oidcProvidersPerAccount = 100

    public init() {}

    /// IAM's default quotas.
    public static let aws = SimulatorLimits()

    /// IAM's per-identity limits, but no cap on how many entities an account holds.
    public static var unboundedAccounts: SimulatorLimits {
        var limits = SimulatorLimits()
        limits.usersPerAccount = .max
        limits.groupsPerAccount = .max
        limits.rolesPerAccount = .max
        limits.policiesPerAccount = .max
        limits.instanceProfilesPerAccount = .max
        limits.samlProvidersPerAccount = .max
        limits.oidcProvidersPerAccount = .max
        return limits
    }
}

/// How reads type values in `IAMResponse.attributes` (see its documentation).
enum AttributeValue {
    /// Tags in stored order (IAM's listing order); the reader orders them as it keeps them.
    static func tags(_ tags: [StoredTag]) -> JSONValue {
        .object(tags.map { (key: $0.key, value: .string($0.value)) })
    }

    static func list(_ items: [String]) -> JSONValue { .array(items.map(JSONValue.string)) }

    static func number(_ value: Int) -> JSONValue { .number(String(value)) }

    /// ISO 8601 in UTC with whole seconds, as IAM prints CreateDate.
    static func date(_ date: Date) -> JSONValue {
        .string(date.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(secondsFromGMT: 0) ?? .current)))
    }
}
