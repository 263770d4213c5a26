/// The AWS Organizations layer over the configured accounts (`organization:`): the management
/// account, the organizational units, where each member account sits, and the service control
/// policies attached to the root, the units and the accounts.
///
/// Attachments are already resolved: `FullAWSAccess` is in every target's list unless the
/// configuration detached it (`full_aws_access: false`), as AWS Organizations attaches it to every
/// root, OU and account when SCPs are enabled.
/// https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_evaluation.html
public struct Organization: Sendable, Hashable {
    /// The configuration's account key of the management account (never restricted by SCPs).
    public var managementAccount: String
    /// The SCP documents the configuration defines, by name (`FullAWSAccess` is not among them).
    public var policies: [ServiceControlPolicy]
    /// The SCP names attached to the root.
    public var rootPolicies: [String]
    /// Every organizational unit, parents before children.
    public var units: [OrganizationalUnit]
    /// Every member account (the management account too), with the unit it sits in.
    public var placements: [AccountPlacement]
    public var location: SourceLocation?

    public init(
        managementAccount: String, policies: [ServiceControlPolicy] = [], rootPolicies: [String] = [ServiceControlPolicy.fullAWSAccessName],
        units: [OrganizationalUnit] = [], placements: [AccountPlacement] = [], location: SourceLocation? = nil
    ) {
        self.managementAccount = managementAccount
        self.policies = policies
        self.rootPolicies = rootPolicies
        self.units = units
        self.placements = placements
        self.location = location
    }

    public func policy(named name: String) -> ServiceControlPolicy? {
        name == ServiceControlPolicy.fullAWSAccessName ? .fullAWSAccess : policies.first { $0.name == name }
    }

    public func unit(path: [String]) -> OrganizationalUnit? { units.first { $0.path == path } }

    public func placement(ofAccount name: String) -> AccountPlacement? { placements.first { $0.account == name } }

    /// The SCP levels that restrict the principals of an account, root first, then each unit on
    /// the path, then the account itself; nil when SCPs do not apply to it: the management account
    /// and accounts outside the organization.
    /// https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html
    public func serviceControlLevels(forAccount name: String) -> [ServiceControlLevel]? {
        guard name != managementAccount, let placement = placement(ofAccount: name) else { return nil }
        var levels = [ServiceControlLevel(target: .root, policies: rootPolicies)]
        for depth in 0..<placement.unitPath.count {
            let path = Array(placement.unitPath[...depth])
            levels.append(ServiceControlLevel(target: .unit(path), policies: unit(path: path)?.policies ?? []))
        }
        levels.append(ServiceControlLevel(target: .account(name), policies: placement.policies))
        return levels
    }
}

/// A service control policy document, by name.
public struct ServiceControlPolicy: Sendable, Hashable {
    public var name: String
    public var description: String?
    public var document: PolicySource
    public var location: SourceLocation?

    public init(name: String, description: String? = nil, document: PolicySource, location: SourceLocation? = nil) {
        self.name = name
        self.description = description
        self.document = document
        self.location = location
    }

    /// The AWS managed SCP every target starts with.
    public static let fullAWSAccessName = "FullAWSAccess"

    /// `FullAWSAccess` as AWS Organizations defines it: allow every action on every resource.
    public static let fullAWSAccess = ServiceControlPolicy(
        name: fullAWSAccessName, description: "Allows access to every operation",
        document: PolicySource(document: .object([
            ("Version", .string("2012-10-17")),
            ("Statement", .array([.object([("Effect", .string("Allow")), ("Action", .string("*")), ("Resource", .string("*"))])])),
        ])))
}

/// One organizational unit: its path of names from the root (`["Workloads", "Prod"]`).
public struct OrganizationalUnit: Sendable, Hashable {
    public var path: [String]
    /// The SCP names attached to the unit.
    public var policies: [String]
    public var location: SourceLocation?

    public init(path: [String], policies: [String] = [ServiceControlPolicy.fullAWSAccessName], location: SourceLocation? = nil) {
        self.path = path
        self.policies = policies
        self.location = location
    }

    public var name: String { path.last ?? "" }
    /// `Workloads/Prod`.
    public var pathText: String { path.joined(separator: "/") }
}

/// Where one account sits (an empty path: directly under the root) and the SCPs attached to it.
public struct AccountPlacement: Sendable, Hashable {
    /// The configuration's account key.
    public var account: String
    public var unitPath: [String]
    public var policies: [String]
    public var location: SourceLocation?

    public init(account: String, unitPath: [String] = [], policies: [String] = [ServiceControlPolicy.fullAWSAccessName], location: SourceLocation? = nil) {
        self.account = account
        self.unitPath = unitPath
        self.policies = policies
        self.location = location
    }
}

/// The SCPs of one level of an account's path: every level must allow a request.
public struct ServiceControlLevel: Sendable, Hashable {
    public enum Target: Sendable, Hashable, CustomStringConvertible {
        case root
        case unit([String])
        case account(String)

        /// `root`, `ou/Workloads/Prod`, `account/target`: how answers name where an SCP is attached.
        public var description: String {
            switch self {
            case .root: return "root"
            case let .unit(path): return "ou/" + path.joined(separator: "/")
            case let .account(name): return "account/\(name)"
            }
        }
    }

    public var target: Target
    public var policies: [String]
}
