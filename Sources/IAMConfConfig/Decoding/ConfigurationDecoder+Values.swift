import IAMConfCore
import Yams

/// Reading typed values from nodes: every wrong type is reported where it is written.
extension ConfigurationDecoder {
    /// The mapping's members by key; unknown keys are reported with the nearest known key.
    mutating func fields(_ node: Node, keys: [String], what: String) -> Fields? {
        guard case let .mapping(mapping) = node else {
            error("wrong-type", "\(what) must be a mapping, found \(node.kindDescription)", hint: "write it as 'key: value' lines", at: node)
            return nil
        }
        var result = Fields(node: node)
        for (keyNode, value) in mapping {
            guard case let .scalar(scalar) = keyNode else {
                error("wrong-type", "a key in \(what) must be a plain name", hint: "keys are plain words such as path or users", at: keyNode)
                continue
            }
            let key = scalar.string
            guard keys.contains(key) else {
                let hint = EditDistance.hint(for: key, in: keys) ?? "allowed keys: \(keys.joined(separator: ", "))"
                error("unknown-key", "unknown key '\(key)' in \(what)", hint: hint, at: keyNode)
                continue
            }
            result.entries[key] = (keyNode, value)
        }
        return result
    }

    /// Named entries of a mapping (`users: {alice: …}`), keys as written, placeholders skipped.
    mutating func namedEntries(_ node: Node, what: String) -> [(name: String, key: Node, value: Node)] {
        if node.isNull { return [] }
        guard case let .mapping(mapping) = node else {
            error("wrong-type", "\(what) must be a mapping of names to definitions, found \(node.kindDescription)", hint: "write one 'name: { ... }' line per entry", at: node)
            return []
        }
        var result: [(name: String, key: Node, value: Node)] = []
        for (keyNode, value) in mapping {
            guard case let .scalar(scalar) = keyNode else {
                error("wrong-type", "a name in \(what) must be a plain string", hint: "names are plain strings such as alice", at: keyNode)
                continue
            }
            result.append((scalar.string, keyNode, value))
        }
        return result
    }

    /// A string value with `${accounts…}` references substituted.
    mutating func string(_ node: Node, what: String) -> String? {
        guard case let .scalar(scalar) = node, !node.isNull else {
            error("wrong-type", "\(what) must be a string, found \(node.kindDescription)", hint: "write a single value; quote it if it contains special characters", at: node)
            return nil
        }
        // A broken reference is reported once; the value then counts as missing, so checks
        // further on do not pile a second error onto the same spot.
        let before = diagnostics.count
        let text = interpolate(scalar.string, at: node)
        return diagnostics.count == before ? text : nil
    }

    /// `true` or `false`, unquoted.
    mutating func bool(_ node: Node, what: String) -> Bool? {
        if case let .scalar(scalar) = node, scalar.style == .plain {
            switch scalar.string {
            case "true", "True", "TRUE": return true
            case "false", "False", "FALSE": return false
            default: break
            }
        }
        error("wrong-type", "\(what) must be true or false, found \(describe(node))", hint: "write true or false without quotes", at: node)
        return nil
    }

    /// A whole number, unquoted, within `range` when one is given.
    mutating func int(_ node: Node, what: String, range: ClosedRange<Int>? = nil, code: String = "out-of-range") -> Int? {
        guard case let .scalar(scalar) = node, scalar.style == .plain, let value = Int(scalar.string) else {
            error("wrong-type", "\(what) must be a whole number, found \(describe(node))", hint: "write the number without quotes", at: node)
            return nil
        }
        if let range, !range.contains(value) {
            error(code, "\(what) is \(value); it must be between \(range.lowerBound) and \(range.upperBound)", hint: "IAM accepts \(range.lowerBound) to \(range.upperBound)", at: node)
            return nil
        }
        return value
    }

    /// A list of strings; a single string counts as a list of one.
    mutating func stringList(_ node: Node, what: String) -> [(value: String, node: Node)] {
        switch node {
        case .scalar:
            if node.isNull { return [] }
            return string(node, what: what).map { [($0, node)] } ?? []
        case let .sequence(sequence):
            var result: [(value: String, node: Node)] = []
            for item in sequence {
                if let text = string(item, what: "each entry of \(what)") { result.append((text, item)) }
            }
            return result
        default:
            error("wrong-type", "\(what) must be a list of strings, found \(node.kindDescription)", hint: "write [a, b] or one '- item' per line", at: node)
            return []
        }
    }

    /// `stringList` of an optional node: nothing when the key is absent.
    mutating func stringList(_ node: Node?, what: String) -> [(value: String, node: Node)] {
        guard let node else { return [] }
        return stringList(node, what: what)
    }

    /// `tags: {key: value}`, checked against IAM's tag rules and the 50-tag quota.
    mutating func tags(_ node: Node, address: String) -> [IAMConfCore.Tag] {
        var tags: [IAMConfCore.Tag] = []
        for (key, keyNode, valueNode) in namedEntries(node, what: "tags") {
            let value: String
            if valueNode.isNull {
                value = ""
            } else if let text = string(valueNode, what: "the value of tag '\(key)'") {
                value = text
            } else {
                continue
            }
            if let problem = NameRules.problem(withTagKey: key, value: value) {
                error("invalid-tag", "invalid tag '\(key)': \(problem)", hint: "tags look like team: platform", at: keyNode, address: address)
                continue
            }
            // IAM: "Duplicate tag keys found. Please note that Tag keys are case insensitive."
            // (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_tags.html, tag naming rules).
            if let first = tags.first(where: { $0.key.lowercased() == key.lowercased() }) {
                error("duplicate-tag", "tag key '\(key)' repeats '\(first.key)'; IAM tag keys are case insensitive",
                      hint: "keep one of the two keys", at: keyNode, address: address)
                continue
            }
            tags.append(IAMConfCore.Tag(key: key, value: value))
        }
        if tags.count > Quotas.tagsPerResource {
            error("too-many-tags", "\(tags.count) tags; IAM allows at most \(Quotas.tagsPerResource) per resource", hint: "remove tags, or combine values into one tag", at: node, address: address)
        }
        return tags
    }

    /// A path (`/` or `/a/b/`), checked against IAM's path rules; `/` when absent or invalid.
    mutating func path(_ fields: Fields, address: String) -> String {
        guard let node = fields["path"], let path = string(node, what: "path") else { return "/" }
        if let problem = NameRules.problem(withPath: path) {
            error("invalid-path", "invalid path '\(path)': \(problem)", hint: "write a path like /engineering/ or just /", at: node, address: address)
            return "/"
        }
        return path
    }

    func describe(_ node: Node) -> String {
        if case let .scalar(scalar) = node, !node.isNull {
            return scalar.style == .plain ? "'\(scalar.string)'" : "the quoted string '\(scalar.string)'"
        }
        return node.kindDescription
    }
}
