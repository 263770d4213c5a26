import Foundation

/// An AWS Organizations organization as the simulator keeps it: its root, units, member accounts,
/// service control policies and where each policy is attached.
///
/// Units are keyed by their path of names from the root joined with `/` (iamconf names units by
/// path; Organizations by id, which each unit also keeps). Policy attachments are lists of policy
/// names on each target, `FullAWSAccess` included: AWS attaches it to the root, every new unit
/// and every joining account.
/// https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html
public struct StoredOrganization: Sendable, Hashable, Codable {
    /// `o-` and ten characters.
    public var id: String
    public var arn: String
    /// `ALL` (SCPs need every feature enabled).
    public var featureSet: String
    public var managementAccountID: String
    /// `r-` and four characters.
    public var rootID: String
    public var rootPolicies: [String]
    /// Keyed by path (`Workloads/Prod`).
    public var units: [String: StoredOrganizationalUnit] = [:]
    /// Customer SCPs keyed by name; `FullAWSAccess` is AWS's and not stored.
    public var policies: [String: StoredServiceControlPolicy] = [:]
    /// Member accounts (the management account too) keyed by account id.
    public var members: [String: StoredMember] = [:]

    public init(id: String, arn: String, featureSet: String, managementAccountID: String, rootID: String) {
        self.id = id
        self.arn = arn
        self.featureSet = featureSet
        self.managementAccountID = managementAccountID
        self.rootID = rootID
        self.rootPolicies = [Self.fullAWSAccess]
        self.members = [managementAccountID: StoredMember(accountID: managementAccountID, parent: [], policies: [Self.fullAWSAccess])]
    }

    /// The AWS managed SCP attached by default.
    public static let fullAWSAccess = "FullAWSAccess"

    public func unit(path: [String]) -> StoredOrganizationalUnit? { units[Self.key(path)] }

    static func key(_ path: [String]) -> String { path.joined(separator: "/") }
}

/// One organizational unit.
public struct StoredOrganizationalUnit: Sendable, Hashable, Codable {
    /// `ou-` root part `-` eight characters.
    public var id: String
    public var arn: String
    /// Names from the root, this unit's last.
    public var path: [String]
    public var policies: [String]

    public var name: String { path.last ?? "" }
}

/// One customer service control policy.
public struct StoredServiceControlPolicy: Sendable, Hashable, Codable {
    /// `p-` and eight characters.
    public var id: String
    public var arn: String
    public var name: String
    public var description: String?
    /// The text as given.
    public var document: String
}

/// One member account: the unit it sits in (`[]`: the root) and the SCPs attached to it.
public struct StoredMember: Sendable, Hashable, Codable {
    public var accountID: String
    public var parent: [String]
    public var policies: [String]
}
