import IAMConfCore

extension SimulationRequest {
    /// SimulateCustomPolicy's length limit for one policy document.
    /// https://docs.aws.amazon.com/IAM/latest/APIReference/API_SimulateCustomPolicy.html
    static let maxPolicyLength = 131_072
    /// A bound on action × resource results, so hostile input cannot exhaust memory.
    static let maxResults = 100_000

    static func policyList(
        _ json: JSONValue, _ member: String, kind: PolicyKind, sourceType: String, warnings: inout [Diagnostic]
    ) throws -> [SimulationPolicy] {
        guard let value = json[member] else { return [] }
        guard let items = value.arrayValue else {
            throw SimulationInputError(member: member, message: "must be a list of policy documents (JSON objects or JSON strings)")
        }
        return try items.enumerated().map { index, item in
            try policy(item, member: "\(member)[\(index)]", id: "\(member).\(index + 1)", kind: kind, sourceType: sourceType, warnings: &warnings)
        }
    }

    /// Reads one policy given as a JSON object or as a JSON string; `kind` nil means a resource
    /// policy, read as a trust policy when no statement names a Resource.
    static func policy(
        _ value: JSONValue, member: String, id: String, kind: PolicyKind?, sourceType: String, warnings: inout [Diagnostic]
    ) throws -> SimulationPolicy {
        let text: String
        let document: JSONValue
        switch value {
        case let .string(s):
            text = s
            do {
                document = try JSONParser.parse(s)
            } catch {
                throw SimulationInputError(member: member, message: "the policy string is not valid JSON at \(error.line):\(error.column): \(error.message)")
            }
        case .object:
            text = value.compactText()
            document = value
        default:
            throw SimulationInputError(member: member, message: "a policy must be a JSON object or a JSON string")
        }
        guard text.count <= maxPolicyLength else {
            throw SimulationInputError(member: member, message: "the policy is longer than \(maxPolicyLength) characters, SimulateCustomPolicy's limit")
        }
        let effectiveKind = kind ?? (namesResource(document) ? .resource : .trust)
        let (compiled, diagnostics) = CompiledPolicy.compile(document, kind: effectiveKind, id: id)
        if let problem = diagnostics.first(where: { $0.severity == .error }) {
            let at = problem.path.map { " at \($0)" } ?? ""
            throw SimulationInputError(member: member, message: "\(problem.summary)\(at) [\(problem.code)]")
        }
        for diagnostic in diagnostics {
            var located = diagnostic
            located.address = member
            warnings.append(located)
        }
        guard let compiled else { throw SimulationInputError(member: member, message: "the policy could not be read") }
        return SimulationPolicy(id: id, sourceType: sourceType, compiled: compiled, spans: StatementSpan.scan(text))
    }

    static func namesResource(_ document: JSONValue) -> Bool {
        let statements = document["Statement"].map { $0.arrayValue ?? [$0] } ?? []
        return statements.contains { $0["Resource"] != nil || $0["NotResource"] != nil }
    }

    static func decodeContext(_ value: JSONValue?) throws -> RequestContext {
        guard let value, value != .null else { return RequestContext() }
        guard let entries = value.arrayValue else {
            throw SimulationInputError(member: "ContextEntries", message: "must be a list of {ContextKeyName, ContextKeyValues, ContextKeyType}")
        }
        var context = RequestContext()
        for (index, entry) in entries.enumerated() {
            let member = "ContextEntries[\(index)]"
            guard entry.objectValue != nil else { throw SimulationInputError(member: member, message: "must be an object") }
            if let unknown = entry.objectValue?.first(where: { !["ContextKeyName", "ContextKeyValues", "ContextKeyType"].contains($0.key) }) {
                throw SimulationInputError(member: "\(member).\(unknown.key)", message: "unknown member; expected ContextKeyName, ContextKeyValues, ContextKeyType")
            }
            guard let name = entry["ContextKeyName"]?.stringValue, !name.isEmpty else {
                throw SimulationInputError(member: "\(member).ContextKeyName", message: "required: the context key name, e.g. aws:SourceIp")
            }
            var type: RequestContext.ValueType?
            if let typeValue = entry["ContextKeyType"], typeValue != .null {
                guard let text = typeValue.stringValue, let parsed = RequestContext.ValueType(rawValue: text) else {
                    throw SimulationInputError(member: "\(member).ContextKeyType", message: "must be one of \(RequestContext.ValueType.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                type = parsed
            }
            let values = try contextValues(entry["ContextKeyValues"], member: "\(member).ContextKeyValues", type: type)
            context.set(name, values, type: type)
        }
        return context
    }

    static func contextValues(_ value: JSONValue?, member: String, type: RequestContext.ValueType?) throws -> [String] {
        guard let value, value != .null else { return [] }
        // ContextKeyValues is a list of strings in the API (ContextKeyValues.member.N); a bare
        // string, a number or a boolean is a client mistake, reported rather than guessed at.
        // https://docs.aws.amazon.com/IAM/latest/APIReference/API_ContextEntry.html
        guard let items = value.arrayValue else {
            throw SimulationInputError(member: member, message: "must be a list of strings, e.g. [\"value\"]")
        }
        let values = try items.enumerated().map { index, item -> String in
            guard let text = item.stringValue else {
                throw SimulationInputError(member: "\(member)[\(index)]", message: "context values must be strings (quote numbers and booleans: \"10\", \"true\")")
            }
            return text
        }
        if let type, !type.rawValue.hasSuffix("List"), values.count > 1 {
            throw SimulationInputError(member: member, message: "a \(type.rawValue) key takes one value; use \(type.rawValue)List for several")
        }
        for (index, text) in values.enumerated() where !isValid(text, type) {
            throw SimulationInputError(member: "\(member)[\(index)]", message: "'\(text)' is not a valid \(type?.rawValue ?? "") value")
        }
        return values
    }

    static func isValid(_ text: String, _ type: RequestContext.ValueType?) -> Bool {
        switch type {
        case .numeric?, .numericList?: return DecimalNumber.parse(text) != nil
        case .boolean?, .booleanList?: return ["true", "false"].contains(text.lowercased())
        case .ip?, .ipList?: return IPRange(text) != nil
        case .date?, .dateList?: return DateValue.parse(text) != nil
        case .binary?, .binaryList?: return Base64.decode(text) != nil
        default: return true
        }
    }
}
