import IAMConfCore
import Yams

/// Turns YAML text into a Yams `Node` tree (every node keeps its line:column) plus diagnostics.
///
/// Every scalar stays a string: the decoder decides what a value means from the key it sits
/// under, which also keeps `Version: 2012-10-17` a string rather than a timestamp.
enum YAMLReader {
    /// Parses one file, reporting every duplicate key (the first occurrence is kept).
    static func parse(_ text: String, file: String) -> (root: Node?, diagnostics: [Diagnostic]) {
        YAMLTreeBuilder.parse(text, file: file)
    }
}

extension YAMLReader {
    /// The YAML as plain data, typed the way YAML 1.1 tools (editors, JSON Schema validators) see it:
    /// unquoted true/false are booleans, unquoted integers numbers, unquoted null/~/empty null.
    /// Used to check files against the JSON schema; not part of loading. Merge keys (`<<`) are
    /// applied first, as YAML 1.1 tools apply them.
    static func plainData(_ text: String) -> JSONValue? {
        guard let root = YAMLTreeBuilder.parse(text, file: "").root else { return nil }
        return plainData(root)
    }

    private static func plainData(_ node: Node) -> JSONValue {
        switch node {
        case let .scalar(scalar):
            guard scalar.style == .plain else { return .string(scalar.string) }
            if node.isNull { return .null }
            if ["true", "True", "TRUE"].contains(scalar.string) { return .bool(true) }
            if ["false", "False", "FALSE"].contains(scalar.string) { return .bool(false) }
            if Int(scalar.string) != nil { return .number(scalar.string) }
            return .string(scalar.string)
        case let .sequence(items): return .array(items.map(plainData))
        case let .mapping(mapping): return .object(mapping.map { ($0.key.scalar?.string ?? "", plainData($0.value)) })
        case .alias: return .null
        }
    }
}
