import Yams

/// The members of one YAML mapping by key, after unknown keys were reported.
struct Fields {
    /// Where the mapping itself starts, for "missing key" problems.
    var node: Node
    var entries: [String: (key: Node, value: Node)] = [:]

    subscript(key: String) -> Node? { entries[key]?.value }
    func keyNode(_ key: String) -> Node? { entries[key]?.key }
    func has(_ key: String) -> Bool { entries[key] != nil }
}

extension Node {
    /// A short noun for messages: "a mapping", "a list", "a string".
    var kindDescription: String {
        switch self {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case let .scalar(scalar):
            if scalar.style == .plain, scalar.string.isEmpty || scalar.string == "~" || scalar.string == "null" { return "nothing" }
            return "a value"
        }
    }

    /// True for an empty plain scalar, `~` or `null`.
    var isNull: Bool {
        guard case let .scalar(scalar) = self, scalar.style == .plain else { return false }
        return scalar.string.isEmpty || scalar.string == "~" || scalar.string == "null" || scalar.string == "Null" || scalar.string == "NULL"
    }
}

extension Node.Mapping {
    /// The value under a plain string key. Yams' `mapping["key"]` builds a node and compares tags
    /// for every key; comparing the key text is all a configuration needs, and several times faster.
    func value(forKey key: String) -> Node? {
        for (candidate, value) in self where candidate.scalar?.string == key { return value }
        return nil
    }
}
