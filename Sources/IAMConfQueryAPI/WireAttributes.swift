import Foundation
import IAMConfCore

/// The attributes of a read (`GetUser`, `GetGroup`, `GetRole`, `GetPolicy`) in the planner's
/// snake_case spelling (`path`, `trust_policy`, `max_session_duration`, …).
///
/// Policy documents are returned as JSON text, URL-decoded only when needed: AWS always encodes
/// them, moto only in some actions, and a raw document may legitimately contain `%` or `+`.
enum WireAttributes {
    static func attributes(of entity: WireElement, result: WireElement) -> [String: String] {
        var out: [String: String] = [:]
        let fields: [(String, String)] = [
            ("UserName", "name"), ("GroupName", "name"), ("RoleName", "name"), ("PolicyName", "name"),
            ("Path", "path"), ("Arn", "arn"), ("UserId", "unique_id"), ("GroupId", "unique_id"),
            ("RoleId", "unique_id"), ("PolicyId", "unique_id"), ("CreateDate", "create_date"),
            ("Description", "description"), ("MaxSessionDuration", "max_session_duration"),
            ("DefaultVersionId", "default_version_id"), ("AttachmentCount", "attachment_count"),
        ]
        for (wire, key) in fields {
            if let value = entity.value(wire) { out[key] = value }
        }
        if let date = out["create_date"] { out["create_date"] = WireDate.normalized(date) }
        if let date = entity.value("UpdateDate") { out["update_date"] = WireDate.normalized(date) }
        if let count = entity.value("PermissionsBoundaryUsageCount") { out["permissions_boundary_usage_count"] = count }
        if let trust = entity.value("AssumeRolePolicyDocument") { out["trust_policy"] = decodeDocument(trust) }
        if let boundary = entity.at("PermissionsBoundary", "PermissionsBoundaryArn")?.text {
            out["permissions_boundary"] = boundary
        }
        let tagList = entity.child("Tags") ?? result.child("Tags")
        if let tagList { out["tags"] = tagsJSON(tagList) }
        if entity.name == "Group", let users = result.child("Users") {
            out["members"] = JSONValue.array(users.members.compactMap { $0.value("UserName") }.map(JSONValue.string))
                .compactText()
        }
        return out
    }

    /// Percent-decodes a policy document unless it is already raw JSON.
    static func decodeDocument(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.hasPrefix("{") ? trimmed : PercentEncoding.decode(trimmed)
    }

    /// Tags as a compact JSON object in the order the service listed them.
    static func tagsJSON(_ list: WireElement) -> String {
        let pairs = list.members.compactMap { member -> (key: String, value: JSONValue)? in
            guard let key = member.value("Key") else { return nil }
            return (key: key, value: .string(member.value("Value") ?? ""))
        }
        return JSONValue.object(pairs).compactText()
    }
}
