import IAMConfPolicy
import IAMConfQueryAPI
import IAMConfSimulator

/// GetAccountAuthorizationDetails: every user, group, role and managed policy of the account with
/// their relationships, the snapshot auditing tools (cloudsplaining, PMapper, Access Analyzer's
/// imports) read. https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountAuthorizationDetails.html
///
/// Policy documents are URL-encoded as AWS sends them. The four lists are paged together (users,
/// then groups, roles and policies; `MaxItems` counts entities of every kind), as AWS pages them.
/// AWS managed policies are listed when the account uses them (attached, or as a boundary): the
/// snapshot describes the account's permissions, not AWS's whole catalog.
extension LabServer {
    enum AuthorizationDetailsFilter: String, CaseIterable {
        case user = "User", role = "Role", group = "Group", localManagedPolicy = "LocalManagedPolicy", awsManagedPolicy = "AWSManagedPolicy"
    }

    private enum Detail {
        case user(String), group(String), role(String), policy(String)
    }

    func authorizationDetails(_ p: QueryParameters, world: World.Account) throws(ServiceError) -> String {
        let requested = p.list("Filter")
        var filters = Set<AuthorizationDetailsFilter>()
        for value in requested {
            guard let filter = AuthorizationDetailsFilter(rawValue: value) else {
                throw .validation(
                    "1 validation error detected: Value '[\(requested.joined(separator: ", "))]' at 'filter' failed to satisfy constraint: "
                        + "Member must satisfy constraint: [Member must satisfy enum value set: [User, Role, LocalManagedPolicy, Group, AWSManagedPolicy]]")
            }
            filters.insert(filter)
        }
        if filters.isEmpty { filters = Set(AuthorizationDetailsFilter.allCases) }

        var details: [Detail] = []
        if filters.contains(.user) {
            details += world.users.values.sorted { $0.name < $1.name }.map { .user(Self.userDetail($0)) }
        }
        if filters.contains(.group) {
            details += world.groups.values.sorted { $0.name < $1.name }.map { .group(Self.groupDetail($0)) }
        }
        if filters.contains(.role) {
            details += world.roles.values.sorted { $0.name < $1.name }.map { .role(Self.roleDetail($0, world: world)) }
        }
        if filters.contains(.awsManagedPolicy) {
            let counts = Self.attachmentCounts(world)
            let used = Set(counts.attached.keys).union(counts.boundaries.keys)
            for arn in used.sorted() {
                guard let managed = ManagedPolicyCatalog.shared.policy(arn: arn) else { continue }
                details.append(.policy(Self.awsManagedPolicyDetail(managed, attached: counts.attached[arn, default: 0], boundaries: counts.boundaries[arn, default: 0])))
            }
        }
        if filters.contains(.localManagedPolicy) {
            details += world.policies.values.sorted { $0.name < $1.name }.map { .policy(Self.managedPolicyDetail($0)) }
        }

        let page = try IAMXML.page(details, parameters: p)
        var users = "", groups = "", roles = "", policies = ""
        for detail in page.items {
            switch detail {
            case let .user(xml): users += "<member>" + xml + "</member>"
            case let .group(xml): groups += "<member>" + xml + "</member>"
            case let .role(xml): roles += "<member>" + xml + "</member>"
            case let .policy(xml): policies += "<member>" + xml + "</member>"
            }
        }
        return "<UserDetailList>\(users)</UserDetailList><GroupDetailList>\(groups)</GroupDetailList>"
            + "<RoleDetailList>\(roles)</RoleDetailList><Policies>\(policies)</Policies>" + page.trailer
    }

    private static func inlinePolicies(_ element: String, _ policies: [String: String]) -> String {
        "<\(element)>"
            + policies.sorted { $0.key < $1.key }.map {
                "<member>" + XMLText.element("PolicyName", $0.key) + XMLText.element("PolicyDocument", PercentEncoding.encode($0.value)) + "</member>"
            }.joined() + "</\(element)>"
    }

    private static func attached(_ arns: [String]) -> String {
        "<AttachedManagedPolicies>" + arns.map(IAMXML.attachedPolicy).joined() + "</AttachedManagedPolicies>"
    }

    static func userDetail(_ user: World.User) -> String {
        XMLText.element("Path", user.path) + XMLText.element("UserName", user.name) + XMLText.element("UserId", user.uniqueID)
            + XMLText.element("Arn", user.arn) + XMLText.element("CreateDate", WireTime.text(user.createDate))
            + inlinePolicies("UserPolicyList", user.inlinePolicies)
            + "<GroupList>" + IAMXML.members(user.groups.map(XMLText.escape)) + "</GroupList>"
            + attached(user.attachedPolicies) + IAMXML.boundary(user.permissionsBoundary) + IAMXML.tags(user.tags)
    }

    static func groupDetail(_ group: World.Group) -> String {
        XMLText.element("Path", group.path) + XMLText.element("GroupName", group.name) + XMLText.element("GroupId", group.uniqueID)
            + XMLText.element("Arn", group.arn) + XMLText.element("CreateDate", WireTime.text(group.createDate))
            + inlinePolicies("GroupPolicyList", group.inlinePolicies) + attached(group.attachedPolicies)
    }

    static func roleDetail(_ role: World.Role, world: World.Account) -> String {
        let profiles = role.instanceProfiles.compactMap { world.instanceProfile(named: $0) }
            .map { "<member>" + IAMXML.instanceProfile($0, roles: world) + "</member>" }.joined()
        return XMLText.element("Path", role.path) + XMLText.element("RoleName", role.name) + XMLText.element("RoleId", role.uniqueID)
            + XMLText.element("Arn", role.arn) + XMLText.element("CreateDate", WireTime.text(role.createDate))
            + XMLText.element("AssumeRolePolicyDocument", PercentEncoding.encode(role.trustPolicy))
            + "<InstanceProfileList>\(profiles)</InstanceProfileList>"
            + inlinePolicies("RolePolicyList", role.inlinePolicies) + attached(role.attachedPolicies)
            + IAMXML.boundary(role.permissionsBoundary) + IAMXML.tags(role.tags)
    }

    static func managedPolicyDetail(_ policy: World.ManagedPolicy) -> String {
        let versions = policy.versions.map { version in
            "<member>" + XMLText.element("Document", PercentEncoding.encode(version.document)) + XMLText.element("VersionId", version.versionID)
                + XMLText.element("IsDefaultVersion", version.versionID == policy.defaultVersionID ? "true" : "false")
                + XMLText.element("CreateDate", WireTime.text(version.createDate)) + "</member>"
        }.joined()
        return XMLText.element("PolicyName", policy.name) + XMLText.element("PolicyId", policy.uniqueID) + XMLText.element("Arn", policy.arn)
            + XMLText.element("Path", policy.path) + XMLText.element("DefaultVersionId", policy.defaultVersionID)
            + XMLText.element("AttachmentCount", String(policy.attachmentCount))
            + XMLText.element("PermissionsBoundaryUsageCount", String(policy.permissionsBoundaryUsageCount))
            + XMLText.element("IsAttachable", "true") + XMLText.element("Description", policy.description)
            + XMLText.element("CreateDate", WireTime.text(policy.createDate)) + XMLText.element("UpdateDate", WireTime.text(policy.updateDate))
            + "<PolicyVersionList>\(versions)</PolicyVersionList>"
    }

    /// The catalog carries an AWS managed policy's default version only, so that is the one listed.
    static func awsManagedPolicyDetail(_ managed: AWSManagedPolicy, attached: Int, boundaries: Int) -> String {
        XMLText.element("PolicyName", managed.name) + XMLText.element("Arn", managed.arn) + XMLText.element("Path", managed.path)
            + XMLText.element("DefaultVersionId", managed.defaultVersionID) + XMLText.element("AttachmentCount", String(attached))
            + XMLText.element("PermissionsBoundaryUsageCount", String(boundaries)) + XMLText.element("IsAttachable", "true")
            + "<PolicyVersionList><member>" + XMLText.element("Document", PercentEncoding.encode(managed.documentText))
            + XMLText.element("VersionId", managed.defaultVersionID) + XMLText.element("IsDefaultVersion", "true") + "</member></PolicyVersionList>"
    }
}
