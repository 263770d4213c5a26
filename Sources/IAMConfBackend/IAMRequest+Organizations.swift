/// Where an AWS Organizations policy is attached: the root, a unit (its path of names from the
/// root) or a member account (its 12-digit id).
public enum OrganizationTarget: Sendable, Hashable, CustomStringConvertible {
    case root
    case unit([String])
    case account(String)

    /// `root`, `ou/Workloads/Prod`, `account/111111111111`: how the state spells a target.
    public var description: String {
        switch self {
        case .root: return "root"
        case let .unit(path): return "ou/" + path.joined(separator: "/")
        case let .account(id): return "account/\(id)"
        }
    }

    /// Reads the spelling `description` writes; nil for anything else.
    public init?(parsing text: String) {
        if text == "root" {
            self = .root
        } else if text.hasPrefix("ou/"), text.count > 3 {
            self = .unit(text.dropFirst(3).split(separator: "/", omittingEmptySubsequences: false).map(String.init))
        } else if text.hasPrefix("account/"), text.count > 8 {
            self = .account(String(text.dropFirst(8)))
        } else {
            return nil
        }
    }
}

extension IAMRequest {
    /// The Organizations action (`CreatePolicy`, `AttachPolicy`, …) for an Organizations request;
    /// nil for IAM, STS and S3 requests. The case names differ from the actions where IAM has an
    /// action of the same name (CreatePolicy, AttachPolicy).
    /// https://docs.aws.amazon.com/organizations/latest/APIReference/API_Operations.html
    public var organizationsAction: String? {
        switch self {
        case .createOrganization: return "CreateOrganization"
        case .describeOrganization: return "DescribeOrganization"
        case .deleteOrganization: return "DeleteOrganization"
        case .createOrganizationalUnit: return "CreateOrganizationalUnit"
        case .updateOrganizationalUnit: return "UpdateOrganizationalUnit"
        case .deleteOrganizationalUnit: return "DeleteOrganizationalUnit"
        case .describeOrganizationalUnit: return "DescribeOrganizationalUnit"
        case .createServiceControlPolicy: return "CreatePolicy"
        case .updateServiceControlPolicy: return "UpdatePolicy"
        case .deleteServiceControlPolicy: return "DeletePolicy"
        case .describeServiceControlPolicy: return "DescribePolicy"
        case .attachServiceControlPolicy: return "AttachPolicy"
        case .detachServiceControlPolicy: return "DetachPolicy"
        case .listServiceControlPoliciesForTarget: return "ListPoliciesForTarget"
        case .inviteAccountToOrganization: return "InviteAccountToOrganization"
        case .removeAccountFromOrganization: return "RemoveAccountFromOrganization"
        case .moveAccount: return "MoveAccount"
        case .listParents: return "ListParents"
        default: return nil
        }
    }

    /// Whether this is an AWS Organizations call rather than IAM, STS or S3.
    public var isOrganizations: Bool { organizationsAction != nil }

    /// The Organizations calls that change nothing.
    public var isOrganizationsRead: Bool {
        switch self {
        case .describeOrganization, .describeOrganizationalUnit, .describeServiceControlPolicy,
            .listServiceControlPoliciesForTarget, .listParents:
            return true
        default: return false
        }
    }
}
