import Foundation
import IAMConfCore

/// The attributes of a read (`GetUser`, `GetGroup`, `GetRole`, `GetPolicy`) in the planner's
/// snake_case spelling (`path`, `trust_policy`, `max_session_duration`, …), typed as
/// `IAMResponse.attributes` documents.
///
/// Policy documents are returned as text, URL-decoded only when needed: AWS always encodes them,
/// moto only in some actions, and a raw document may legitimately contain `%` or `+`.
enum WireAttributes {
    static func attributes(of entity: WireElement, result: WireElement) -> [String: JSONValue] {
        var out: [String: JSONValue] = [:]
        let texts: [(String, String)] = [
            ("UserName", "name"), ("GroupName", "name"), ("RoleName", "name"), ("PolicyName", "name"),
            ("Path", "path"), ("Arn", "arn"), ("UserId", "unique_id"), ("GroupId", "unique_id"),
            ("RoleId", "unique_id"), ("PolicyId", "unique_id"), ("Description", "description"),
            ("DefaultVersionId", "default_version_id"),
        ]
        for (wire, key) in texts {
            if let value = entity.value(wire) { out[key] = .string(value) }
        }
        let numbers = [
            ("MaxSessionDuration", "max_session_duration"), ("AttachmentCount", "attachment_count"),
            ("PermissionsBoundaryUsageCount", "permissions_boundary_usage_count"),
        ]
        for (wire, key) in numbers {
            if let value = entity.value(wire) { out[key] = number(value) }
        }
        if let date = entity.value("CreateDate") { out["create_date"] = .string(WireDate.normalized(date)) }
        if let date = entity.value("UpdateDate") { out["update_date"] = .string(WireDate.normalized(date)) }
        if let trust = entity.value("AssumeRolePolicyDocument") { out["trust_policy"] = .string(decodeDocument(trust)) }
        if let boundary = entity.at("PermissionsBoundary", "PermissionsBoundaryArn")?.text {
            out["permissions_boundary"] = .string(boundary)
        }
        let tagList = entity.child("Tags") ?? result.child("Tags")
        if let tagList { out["tags"] = tags(tagList) }
        if entity.name == "Group", let users = result.child("Users") {
            out["members"] = list(users.members.compactMap { $0.value("UserName") })
        }
        return out
    }

    /// Percent-decodes a policy document unless it is already raw JSON.
    static func decodeDocument(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.hasPrefix("{") ? trimmed : PercentEncoding.decode(trimmed)
    }

    /// Tags as an object in the order the service listed them.
    static func tags(_ list: WireElement) -> JSONValue {
        let pairs = list.members.compactMap { member -> (key: String, value: JSONValue)? in
            guard let key = member.value("Key") else { return nil }
            return (key: key, value: .string(member.value("Value") ?? ""))
        }
        return .object(pairs)
    }

    static func list(_ items: [String]) -> JSONValue { .array(items.map(JSONValue.string)) }

    /// A whole number as a number; anything else stays the text the service sent, which a reader
    /// asking for a number does not take for one.
    static func number(_ text: String) -> JSONValue {
        Int(text).map { .number(String($0)) } ?? .string(text)
    }
}
