import Foundation
import IAMConfCore

/// A JSON Schema (2020-12) checker for the subset `schemas/iamconf.schema.json` uses: type,
/// properties, additionalProperties, required, items, oneOf, enum, pattern, minimum, maximum,
/// maxLength, maxProperties and local `$ref`s. Enough to prove the examples match the schema.
struct SchemaChecker {
    let root: JSONValue

    /// Problems as `path: message`; empty when the value conforms.
    func check(_ value: JSONValue) -> [String] { check(value, against: root, at: "$") }

    /// Checks against one definition of `$defs`, for precise problem lists in tests.
    func check(_ value: JSONValue, definition: String) -> [String] {
        check(value, against: .object([("$ref", .string("#/$defs/\(definition)"))]), at: "$")
    }

    private func resolve(_ schema: JSONValue) -> JSONValue {
        guard let ref = schema["$ref"]?.stringValue, ref.hasPrefix("#/$defs/") else { return schema }
        return root["$defs"]?[String(ref.dropFirst("#/$defs/".count))] ?? .null
    }

    private func check(_ value: JSONValue, against rawSchema: JSONValue, at path: String) -> [String] {
        let schema = resolve(rawSchema)
        var problems: [String] = []
        if let types = schema["type"], !Self.types(types).contains(where: { Self.matches(value, type: $0) }) {
            return ["\(path): expected \(Self.types(types).joined(separator: " or "))"]
        }
        if let options = schema["enum"]?.arrayValue, !options.contains(value) { problems.append("\(path): not one of the allowed values") }
        if let alternatives = schema["oneOf"]?.arrayValue {
            let passing = alternatives.filter { check(value, against: $0, at: path).isEmpty }.count
            if passing != 1 { problems.append("\(path): matches \(passing) of the oneOf alternatives, not exactly one") }
        }
        switch value {
        case let .string(text):
            if let pattern = schema["pattern"]?.stringValue, text.range(of: pattern, options: .regularExpression) == nil {
                problems.append("\(path): does not match \(pattern)")
            }
            if let max = schema["maxLength"].flatMap(Self.number), Double(text.count) > max { problems.append("\(path): too long") }
        case let .number(text):
            let number = Double(text) ?? 0
            if let min = schema["minimum"].flatMap(Self.number), number < min { problems.append("\(path): below minimum") }
            if let max = schema["maximum"].flatMap(Self.number), number > max { problems.append("\(path): above maximum") }
        case let .array(items):
            if let itemSchema = schema["items"] {
                for (index, item) in items.enumerated() { problems += check(item, against: itemSchema, at: "\(path)[\(index)]") }
            }
        case let .object(members):
            problems += checkObject(members, schema: schema, at: path)
        default: break
        }
        return problems
    }

    private func checkObject(_ members: [(key: String, value: JSONValue)], schema: JSONValue, at path: String) -> [String] {
        var problems: [String] = []
        let properties = schema["properties"]?.objectValue ?? []
        for required in schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where !members.contains(where: { $0.key == required }) {
            problems.append("\(path): missing \(required)")
        }
        if let max = schema["maxProperties"].flatMap(Self.number), Double(members.count) > max { problems.append("\(path): too many properties") }
        for (key, value) in members {
            if let property = properties.first(where: { $0.key == key }) {
                problems += check(value, against: property.value, at: "\(path).\(key)")
            } else if let additional = schema["additionalProperties"] {
                if additional == .bool(false) {
                    problems.append("\(path): unexpected property \(key)")
                } else if additional != .bool(true) {
                    problems += check(value, against: additional, at: "\(path).\(key)")
                }
            }
        }
        return problems
    }

    private static func types(_ value: JSONValue) -> [String] {
        if let single = value.stringValue { return [single] }
        return value.arrayValue?.compactMap(\.stringValue) ?? []
    }

    private static func number(_ value: JSONValue) -> Double? {
        if case let .number(text) = value { return Double(text) }
        return nil
    }

    private static func matches(_ value: JSONValue, type: String) -> Bool {
        switch (type, value) {
        case ("object", .object), ("array", .array), ("string", .string), ("boolean", .bool), ("null", .null): return true
        case let ("number", .number(text)): return Double(text) != nil
        case let ("integer", .number(text)): return Int(text) != nil
        default: return false
        }
    }
}
