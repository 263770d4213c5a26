import Foundation
import IAMConfBackend
import IAMConfCore

/// Conversions between the state's JSON values and the requests' parameters, shared by the kinds
/// (a read's typed values have their accessors on `BackendCalls.Read`).
enum Values {
    static func tags(_ value: JSONValue?) -> [Tag] {
        value?.objectValue?.map { Tag(key: $0.key, value: $0.value.stringValue ?? "") } ?? []
    }

    static func strings(_ value: JSONValue?) -> [String] { value?.arrayValue?.compactMap(\.stringValue) ?? [] }

    /// A document as the compact JSON text a request carries.
    static func text(_ value: JSONValue?) -> String { value?.compactText() ?? "{}" }

    static func int(_ value: JSONValue?) -> Int? {
        if case let .number(n)? = value { return Int(n) }
        return nil
    }

    /// A policy document as the state keeps it. A read carries a document as the text IAM stores
    /// (not JSON a backend wrote), so parsing it is the reader's. IAM's API returns documents
    /// URL-encoded (https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetRolePolicy.html);
    /// a backend should decode them, and one that did not is decoded here. Text that is not JSON
    /// is kept as a string.
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

    /// IAM names are unique case-insensitively; the list spells the name as created.
    static func member(_ name: String, of names: [String]) -> String? {
        names.first { $0 == name } ?? names.first { $0.lowercased() == name.lowercased() }
    }
}

/// Import ids: a name, an ARN, or two parts joined by the first `/`.
enum ImportIDs {
    static func trimmed(_ id: String, _ resource: Resource, form: String) throws(ImportError) -> String {
        let trimmed = id.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw ImportError(.badID, "the import id is empty; \(resource.address) takes \(form)") }
        return trimmed
    }

    static func pair(_ id: String, _ resource: Resource, form: String) throws(ImportError) -> (String, String) {
        let text = try trimmed(id, resource, form: form)
        guard let slash = text.firstIndex(of: "/"), slash != text.startIndex, text.index(after: slash) != text.endIndex else {
            throw ImportError(.badID, "'\(id)' is not an import id for \(resource.address), which takes \(form)")
        }
        return (String(text[..<slash]), String(text[text.index(after: slash)...]))
    }

    static func arn(_ id: String, _ resource: Resource, service: String, form: String) throws(ImportError) -> String {
        let text = try trimmed(id, resource, form: form)
        guard text.hasPrefix("arn:"), text.contains(":\(service)") else {
            throw ImportError(.badID, "'\(id)' is not an ARN; \(resource.address) takes \(form)")
        }
        return text
    }
}
