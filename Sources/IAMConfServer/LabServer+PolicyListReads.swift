import IAMConfPolicy
import IAMConfSimulator

/// ListPolicies and the tag list calls (ListUserTags, ListRoleTags, ListPolicyTags).
/// https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListPolicies.html
extension LabServer {
    static let policyListActions: Set<String> = ["ListPolicies", "ListUserTags", "ListRoleTags", "ListPolicyTags"]

    func policyListRead(
        _ action: String, _ p: QueryParameters, world: World.Account, authorize: (String) async throws(ServiceError) -> Void
    ) async throws(ServiceError) -> String {
        switch action {
        case "ListPolicies":
            // iam:ListPolicies takes no resource type: the request's resource is "*"
            // (https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsidentityandaccessmanagementiam.html).
            try await authorize("*")
            let scope = p["Scope"] ?? "All"
            guard ["All", "AWS", "Local"].contains(scope) else {
                throw .validation("1 validation error detected: Value '\(scope)' at 'scope' failed to satisfy constraint: Member must satisfy enum value set: [All, AWS, Local]")
            }
            let onlyAttached = p["OnlyAttached"]?.lowercased() == "true"
            let prefix = p["PathPrefix"] ?? "/"
            var entries: [(path: String, name: String, xml: String)] = []
            if scope != "Local" {
                let counts = Self.attachmentCounts(world)
                for managed in ManagedPolicyCatalog.shared.policies where managed.path.hasPrefix(prefix) {
                    let count = counts.attached[managed.arn, default: 0]
                    if onlyAttached && count == 0 { continue }
                    let xml = XMLText.element("PolicyName", managed.name) + XMLText.element("Arn", managed.arn)
                        + XMLText.element("Path", managed.path) + XMLText.element("DefaultVersionId", managed.defaultVersionID)
                        + XMLText.element("AttachmentCount", String(count))
                        + XMLText.element("PermissionsBoundaryUsageCount", String(counts.boundaries[managed.arn, default: 0]))
                        + XMLText.element("IsAttachable", "true")
                    entries.append((managed.path, managed.name, xml))
                }
            }
            if scope != "AWS" {
                for policy in world.policies.values where policy.path.hasPrefix(prefix) {
                    if onlyAttached && policy.attachmentCount == 0 { continue }
                    entries.append((policy.path, policy.name, IAMXML.policy(policy)))
                }
            }
            entries.sort { ($0.name, $0.path) < ($1.name, $1.path) }
            let page = try IAMXML.page(entries, parameters: p)
            return "<Policies>" + page.items.map { "<member>" + $0.xml + "</member>" }.joined() + "</Policies>" + page.trailer
        case "ListUserTags":
            let name = try p.required("UserName")
            let user = try Self.found(world.user(named: name), "user", name)
            try await authorize(user.arn)
            return try Self.tagPage(user.tags, p)
        case "ListRoleTags":
            let name = try p.required("RoleName")
            let role = try Self.found(world.role(named: name), "role", name)
            try await authorize(role.arn)
            return try Self.tagPage(role.tags, p)
        default:
            let arn = try p.required("PolicyArn")
            let policy = try Self.found(world.policy(arn: arn), "policy", arn)
            try await authorize(policy.arn)
            return try Self.tagPage(policy.tags, p)
        }
    }

    /// The tags in the order they were set, paged (`<Tags>` is always present, empty or not).
    static func tagPage(_ tags: [StoredTag], _ p: QueryParameters) throws(ServiceError) -> String {
        let page = try IAMXML.page(tags, parameters: p)
        return "<Tags>" + page.items.map { "<member>" + XMLText.element("Key", $0.key) + XMLText.element("Value", $0.value) + "</member>" }.joined()
            + "</Tags>" + page.trailer
    }

    /// How many users, groups and roles of the account attach each AWS managed policy, and how many
    /// users and roles use it as their permissions boundary (a customer managed policy counts its own).
    static func attachmentCounts(_ world: World.Account) -> (attached: [String: Int], boundaries: [String: Int]) {
        var attached: [String: Int] = [:]
        var boundaries: [String: Int] = [:]
        for user in world.users.values {
            for arn in user.attachedPolicies { attached[arn, default: 0] += 1 }
            if let boundary = user.permissionsBoundary { boundaries[boundary, default: 0] += 1 }
        }
        for group in world.groups.values { for arn in group.attachedPolicies { attached[arn, default: 0] += 1 } }
        for role in world.roles.values {
            for arn in role.attachedPolicies { attached[arn, default: 0] += 1 }
            if let boundary = role.permissionsBoundary { boundaries[boundary, default: 0] += 1 }
        }
        return (attached, boundaries)
    }
}
