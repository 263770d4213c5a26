import Foundation
import IAMConfCore
import IAMConfPolicy
import Yams

/// Policy documents: YAML written in AWS's JSON grammar, or a `.json` file beside the YAML.
extension ConfigurationDecoder {
    /// Reads a document, substitutes references, checks the grammar and records where each
    /// statement is, so later answers (simulate, test) can point back at the source.
    /// `bucket` names the bucket whose policy this is: S3 then refuses resources outside it.
    mutating func policyDocument(_ node: Node, kind: PolicyKind, address: String, bucket: String? = nil) -> PolicySource? {
        let refusals = PolicyRefusals(kind: kind, bucket: bucket)
        switch node {
        case .mapping:
            guard let value = jsonValue(node), nodeBudget.remains else { return nil }
            return checked(value, root: node, refusals: refusals, address: address)
        case let .scalar(scalar) where !node.isNull:
            let text = interpolate(scalar.string, at: node)
            if text.lowercased().hasSuffix(".json") { return jsonFileDocument(text, from: node, refusals: refusals, address: address) }
            if text.hasPrefix("{") { return jsonTextDocument(text, at: node, refusals: refusals, address: address) }
            fallthrough
        default:
            error("wrong-type", "a policy document must be a mapping (Version, Statement) or a path to a .json file, found \(describe(node))",
                  hint: "write the document inline as YAML, or give a relative path such as policies/allow.json", at: node, address: address)
            return nil
        }
    }

    /// Grammar problems with a value that is there but wrong: the caret goes under the value.
    static let valueProblems: Set<String> = [
        "policy-effect-invalid", "trust-action-invalid", "bucket-policy-foreign-resource", "bucket-policy-action-invalid",
        "unknown-principal", "policy-action-unknown", "policy-action-unknown-service", "policy-action-matches-nothing",
    ]

    private mutating func checked(_ value: JSONValue, root: Node?, refusals: PolicyRefusals, address: String) -> PolicySource {
        let start = root.map(location) ?? SourceLocation(file: file, line: 1, column: 1)
        for problem in PolicyGrammar.diagnostics(for: value, kind: refusals.kind) + refusalDiagnostics(value, refusals) {
            var located = problem
            if located.location == nil {
                let atValue = Self.valueProblems.contains(problem.code)
                located.location = root.map { location(PolicyPathLocator.node(at: problem.path ?? "", in: $0, value: atValue)) } ?? start
            }
            located.address = located.address ?? address
            diagnostics.append(located)
        }
        let stored = refusals.kind == .trust || refusals.kind == .resource ? PrincipalNormalisation.normalised(value) : value
        return PolicySource(document: stored, location: start, statementLocations: statementLocations(root, value: value, start: start))
    }

    private func statementLocations(_ root: Node?, value: JSONValue, start: SourceLocation) -> [SourceLocation?] {
        if case let .mapping(mapping)? = root, let statements = mapping.value(forKey: "Statement") {
            if case let .sequence(items) = statements { return items.map { location($0) } }
            return [location(statements)]
        }
        switch value["Statement"] {
        case let .array(items)?: return items.map { _ in start }
        case .some: return [start]
        case nil: return []
        }
    }

    private mutating func jsonFileDocument(_ relativePath: String, from node: Node, refusals: PolicyRefusals, address: String) -> PolicySource? {
        let jsonPath = ConfigurationDecoder.resolve(relativePath, relativeTo: file)
        let text: String
        switch SourceReader.read(jsonPath) {
        case let .success(read):
            text = read
        case let .failure(failure):
            diagnostics.append(SourceReader.diagnostic(failure, path: jsonPath, what: "policy file", at: location(node), address: address))
            return nil
        }
        let value: JSONValue
        do {
            value = try JSONParser.parse(text)
        } catch {
            diagnostics.append(.error("json-syntax", "invalid JSON: \(error.message)",
                                      hint: "fix the JSON, or write the document as YAML instead", at: SourceLocation(file: jsonPath, line: error.line, column: error.column), address: address))
            return nil
        }
        let yamlFile = file
        defer { file = yamlFile }
        file = jsonPath
        // JSON is YAML flow style, so composing it again yields nodes with line:column marks.
        if let root = try? Parser(yaml: text, resolver: .basic).singleRoot(), let located = jsonValue(root) {
            return checked(located, root: root, refusals: refusals, address: address)
        }
        return checked(interpolate(json: value, at: node), root: nil, refusals: refusals, address: address)
    }

    private mutating func jsonTextDocument(_ text: String, at node: Node, refusals: PolicyRefusals, address: String) -> PolicySource? {
        do {
            let value = try JSONParser.parse(text)
            var source = checked(value, root: nil, refusals: refusals, address: address)
            source.location = location(node)
            return source
        } catch {
            self.error("json-syntax", "invalid JSON in the policy string: \(error)", hint: "write the document as YAML instead of a JSON string", at: node, address: address)
            return nil
        }
    }

    /// `relative` against the directory of `file`; absolute paths are kept.
    static func resolve(_ relative: String, relativeTo file: String) -> String {
        if relative.hasPrefix("/") { return relative }
        let directory = (file as NSString).deletingLastPathComponent
        return directory.isEmpty ? relative : (directory as NSString).appendingPathComponent(relative)
    }

    /// YAML node -> JSON value: quoted scalars are strings; plain ones may be true, false, null or numbers.
    mutating func jsonValue(_ node: Node) -> JSONValue? {
        let left = nodeBudget.spend()
        if left == 0 {
            error("document-too-large", "the configuration expands to too many nodes (YAML aliases?)",
                  hint: "write documents out instead of nesting aliases", at: node)
        }
        guard left > 0 else { return nil }
        switch node {
        case let .scalar(scalar):
            if scalar.style == .plain {
                if node.isNull { return .null }
                if scalar.string == "true" { return .bool(true) }
                if scalar.string == "false" { return .bool(false) }
                if ConfigurationDecoder.isJSONNumber(scalar.string) { return .number(scalar.string) }
            }
            return .string(interpolate(scalar.string, at: node))
        case let .sequence(sequence):
            var items: [JSONValue] = []
            for item in sequence { if let value = jsonValue(item) { items.append(value) } }
            return .array(items)
        case let .mapping(mapping):
            var members: [(key: String, value: JSONValue)] = []
            for (key, value) in mapping {
                guard case let .scalar(keyScalar) = key else {
                    error("wrong-type", "a key in a policy document must be a string", hint: "keys are element names such as Effect or Action", at: key)
                    continue
                }
                if let converted = jsonValue(value) { members.append((keyScalar.string, converted)) }
            }
            return .object(members)
        case .alias:
            return nil
        }
    }

    /// Substitutes references in every string of an already parsed JSON value.
    mutating func interpolate(json: JSONValue, at node: Node) -> JSONValue {
        switch json {
        case let .string(text): return .string(interpolate(text, at: node))
        case let .array(items): return .array(items.map { interpolate(json: $0, at: node) })
        case let .object(members): return .object(members.map { ($0.key, interpolate(json: $0.value, at: node)) })
        default: return json
        }
    }

    static func isJSONNumber(_ text: String) -> Bool {
        var scalars = Substring(text).unicodeScalars[...]
        if scalars.first == "-" { scalars = scalars.dropFirst() }
        let digits = scalars.prefix { ("0"..."9").contains($0) }
        guard !digits.isEmpty, !(digits.count > 1 && digits.first == "0") else { return false }
        scalars = scalars.dropFirst(digits.count)
        if scalars.first == "." {
            let fraction = scalars.dropFirst().prefix { ("0"..."9").contains($0) }
            guard !fraction.isEmpty else { return false }
            scalars = scalars.dropFirst(1 + fraction.count)
        }
        if scalars.first == "e" || scalars.first == "E" {
            scalars = scalars.dropFirst()
            if scalars.first == "+" || scalars.first == "-" { scalars = scalars.dropFirst() }
            let exponent = scalars.prefix { ("0"..."9").contains($0) }
            guard !exponent.isEmpty else { return false }
            scalars = scalars.dropFirst(exponent.count)
        }
        return scalars.isEmpty
    }
}
