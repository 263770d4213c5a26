import IAMConfQueryAPI
import IAMConfSimulator

/// IAM's entity elements as the Query API writes them (botocore's `iam` service model shapes:
/// `User`, `Role`, `Group`, `Policy`, `AttachedPolicy`, `AccessKeyMetadata`).
enum IAMXML {
    static func user(_ user: World.User) -> String {
        XMLText.element("Path", user.path) + XMLText.element("UserName", user.name) + XMLText.element("UserId", user.uniqueID)
            + XMLText.element("Arn", user.arn) + XMLText.element("CreateDate", WireTime.text(user.createDate))
            + boundary(user.permissionsBoundary) + tags(user.tags)
    }

    static func role(_ role: World.Role) -> String {
        XMLText.element("Path", role.path) + XMLText.element("RoleName", role.name) + XMLText.element("RoleId", role.uniqueID)
            + XMLText.element("Arn", role.arn) + XMLText.element("CreateDate", WireTime.text(role.createDate))
            // IAM returns the trust policy URL-encoded (https://docs.aws.amazon.com/IAM/latest/APIReference/API_Role.html).
            + XMLText.element("AssumeRolePolicyDocument", PercentEncoding.encode(role.trustPolicy))
            + XMLText.element("Description", role.description) + XMLText.element("MaxSessionDuration", String(role.maxSessionDuration))
            + boundary(role.permissionsBoundary) + tags(role.tags)
    }

    static func group(_ group: World.Group) -> String {
        XMLText.element("Path", group.path) + XMLText.element("GroupName", group.name) + XMLText.element("GroupId", group.uniqueID)
            + XMLText.element("Arn", group.arn) + XMLText.element("CreateDate", WireTime.text(group.createDate))
    }

    static func policy(_ policy: World.ManagedPolicy) -> String {
        XMLText.element("PolicyName", policy.name) + XMLText.element("PolicyId", policy.uniqueID) + XMLText.element("Arn", policy.arn)
            + XMLText.element("Path", policy.path) + XMLText.element("DefaultVersionId", policy.defaultVersionID)
            + XMLText.element("AttachmentCount", String(policy.attachmentCount))
            + XMLText.element("PermissionsBoundaryUsageCount", String(policy.permissionsBoundaryUsageCount))
            + XMLText.element("IsAttachable", "true") + XMLText.element("Description", policy.description)
            + XMLText.element("CreateDate", WireTime.text(policy.createDate))
            + XMLText.element("UpdateDate", WireTime.text(policy.updateDate)) + tags(policy.tags)
    }

    static func instanceProfile(_ profile: World.InstanceProfile) -> String {
        XMLText.element("Path", profile.path) + XMLText.element("InstanceProfileName", profile.name)
            + XMLText.element("InstanceProfileId", profile.uniqueID) + XMLText.element("Arn", profile.arn)
            + XMLText.element("CreateDate", WireTime.text(profile.createDate)) + "<Roles/>" + tags(profile.tags)
    }

    /// The profile with its role (`Roles`), as ListInstanceProfiles and GetInstanceProfile answer it.
    static func instanceProfile(_ profile: World.InstanceProfile, roles account: World.Account) -> String {
        let roles = profile.roles.compactMap { account.role(named: $0) }.map { "<member>" + role($0) + "</member>" }.joined()
        return instanceProfile(profile).replacingOccurrences(of: "<Roles/>", with: "<Roles>\(roles)</Roles>")
    }

    static func attachedPolicy(_ arn: String) -> String {
        let name = arn.split(separator: "/").last.map(String.init) ?? arn
        return "<member>" + XMLText.element("PolicyName", name) + XMLText.element("PolicyArn", arn) + "</member>"
    }

    static func members(_ items: [String]) -> String { items.map { "<member>\($0)</member>" }.joined() }

    static func tags(_ tags: [StoredTag]) -> String {
        guard !tags.isEmpty else { return "" }
        return "<Tags>" + tags.map { "<member>" + XMLText.element("Key", $0.key) + XMLText.element("Value", $0.value) + "</member>" }.joined()
            + "</Tags>"
    }

    static func boundary(_ arn: String?) -> String {
        guard let arn else { return "" }
        return "<PermissionsBoundary>" + XMLText.element("PermissionsBoundaryType", "Policy")
            + XMLText.element("PermissionsBoundaryArn", arn) + "</PermissionsBoundary>"
    }

    /// A page of a list: `MaxItems` (default 100) from `Marker` (our markers are offsets).
    static func page<T>(_ items: [T], parameters: QueryParameters) throws(ServiceError) -> (items: ArraySlice<T>, trailer: String) {
        var start = 0
        if let marker = parameters["Marker"] {
            guard let offset = Int(marker), (0...items.count).contains(offset) else {
                throw ServiceError("InvalidInput", "Invalid Marker: \(marker)", status: 400)
            }
            start = offset
        }
        var size = 100
        if let text = parameters["MaxItems"] {
            guard let value = Int(text), (1...1000).contains(value) else {
                throw .validation(
                    "1 validation error detected: Value '\(text)' at 'maxItems' failed to satisfy constraint: Member must have value between 1 and 1000")
            }
            size = value
        }
        let end = min(items.count, start + size)
        let truncated = end < items.count
        let trailer = XMLText.element("IsTruncated", truncated ? "true" : "false") + (truncated ? XMLText.element("Marker", String(end)) : "")
        return (items[start..<end], trailer)
    }
}
