import IAMConfCore

/// Shorthands for the typed read values the tests expect (see `IAMResponse.attributes`).
extension JSONValue {
    /// An array of strings: `.stringList("devs")`.
    static func stringList(_ items: String...) -> JSONValue { .array(items.map(JSONValue.string)) }

    /// An object of strings in the order given, as tags and maps read: `.stringMap(["k": "v"])`.
    static func stringMap(_ pairs: KeyValuePairs<String, String>) -> JSONValue {
        .object(pairs.map { (key: $0.key, value: .string($0.value)) })
    }
}
