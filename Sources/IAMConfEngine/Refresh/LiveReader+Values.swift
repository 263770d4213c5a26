import Foundation
import IAMConfCore

/// Turning a read's text attributes into the state's values.
extension LiveReader {
    /// What the backend assigned: `arn`, `unique_id`, `create_date`.
    static func identifiers(_ a: [String: String]) -> [String: String] {
        var outputs: [String: String] = [:]
        for key in ["arn", "unique_id", "create_date"] { outputs[key] = a[key] }
        return outputs
    }

    static func optional(_ value: String?) -> JSONValue {
        guard let value, !value.isEmpty else { return .null }
        return .string(value)
    }

    /// `{"k":"v"}` text as the state's tags: an object sorted by key (how DesiredResources orders them).
    static func tags(_ text: String?) -> JSONValue {
        guard let text, case let .object(members)? = try? JSONParser.parse(text) else { return .object([]) }
        return .object(members.sorted { $0.key < $1.key })
    }

    /// A JSON list of strings.
    static func list(_ text: String?) -> [String] {
        guard let text, case let .array(items)? = try? JSONParser.parse(text) else { return [] }
        return items.compactMap(\.stringValue)
    }

    /// A policy document as the state keeps it. IAM's API returns documents URL-encoded
    /// (https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetRolePolicy.html); a backend
    /// should decode them, and one that did not is decoded here.
    static func document(_ text: String?) -> JSONValue {
        guard let text else { return .null }
        if let parsed = try? JSONParser.parse(text) { return parsed }
        if let decoded = text.removingPercentEncoding, let parsed = try? JSONParser.parse(decoded) { return parsed }
        return .string(text)
    }

    /// The live list, in the state's order when it holds the same items (IAM keeps no order here).
    static func sameSet(_ live: [String], as stored: JSONValue?) -> JSONValue {
        let storedItems = stored?.arrayValue?.compactMap(\.stringValue) ?? []
        if Set(storedItems) == Set(live), storedItems.count == live.count { return .array(storedItems.map(JSONValue.string)) }
        return .array(live.map(JSONValue.string))
    }

    /// The host and path of an OIDC URL: without `https://` and trailing slashes, as IAM keys it.
    static func host(_ url: String) -> String {
        var host = url.hasPrefix("https://") ? String(url.dropFirst("https://".count)) : url
        while host.hasSuffix("/") { host.removeLast() }
        return host
    }

    /// GetAccountPasswordPolicy's answer in the planner's keys; a key the backend did not report is unset.
    static func passwordPolicy(_ a: [String: String]) -> [String: JSONValue] {
        var attributes: [String: JSONValue] = [:]
        for key in ["minimum_password_length", "max_password_age", "password_reuse_prevention"] {
            attributes[key] = a[key].flatMap { Int($0) }.map { .number(String($0)) } ?? .null
        }
        for key in [
            "require_symbols", "require_numbers", "require_uppercase_characters", "require_lowercase_characters",
            "allow_users_to_change_password", "hard_expiry",
        ] {
            attributes[key] = a[key].map { .bool($0 == "true") } ?? .null
        }
        return attributes
    }
}
