import IAMConfCore

extension PolicyParser {
    mutating func parseCondition(_ value: JSONValue, path: String) -> [ConditionClause] {
        guard let operators = value.objectValue else {
            error("policy-condition-invalid", "Condition must be an object of condition operators",
                  hint: "Write Condition as {\"StringEquals\": {\"aws:username\": \"alice\"}}.", path: path)
            return []
        }
        var clauses: [ConditionClause] = []
        for (name, block) in operators {
            let operatorPath = "\(path).\(name)"
            guard let condition = ConditionOperator(name) else {
                error("policy-condition-operator-unknown", "Unknown condition operator '\(name)'",
                      hint: "Use an IAM operator such as StringEquals, StringLike, NumericLessThan, DateGreaterThan, Bool, IpAddress, ArnLike or Null, optionally with IfExists and a ForAllValues:/ForAnyValue: prefix.",
                      path: operatorPath)
                continue
            }
            if condition.base == .null, condition.ifExists {
                error("policy-condition-null-ifexists", "Null cannot take the IfExists suffix",
                      hint: "Null already tests whether the key exists; write Null.", path: operatorPath)
            }
            guard let keys = block.objectValue, !keys.isEmpty else {
                error("policy-condition-invalid", "\(name) must be an object of context keys and values",
                      hint: "Write {\"\(name)\": {\"aws:SomeKey\": \"value\"}}.", path: operatorPath)
                continue
            }
            for (key, rawValues) in keys {
                let keyPath = "\(operatorPath).\(key)"
                if key.isEmpty {
                    error("policy-condition-key-empty", "The condition key is empty",
                          hint: "Name a context key such as aws:username or s3:prefix.", path: keyPath)
                    continue
                }
                guard let values = conditionValues(rawValues, path: keyPath) else { continue }
                for (index, text) in values.enumerated() where !ConditionValueSyntax.isValid(text, for: condition.base) {
                    let valuePath = rawValues.arrayValue == nil ? keyPath : "\(keyPath)[\(index)]"
                    error("policy-condition-value-invalid",
                          "'\(text)' is not a valid value for \(condition.base.rawValue)",
                          hint: ConditionValueSyntax.hint(for: condition.base), path: valuePath)
                }
                clauses.append(ConditionClause(condition: condition, key: key, values: values))
            }
        }
        return clauses
    }

    /// Condition values may be strings, numbers or booleans, alone or in a list.
    mutating func conditionValues(_ value: JSONValue, path: String) -> [String]? {
        func scalar(_ value: JSONValue) -> String? {
            switch value {
            case let .string(s): return s
            case let .number(n): return n
            case let .bool(b): return b ? "true" : "false"
            default: return nil
            }
        }
        if let one = scalar(value) { return [one] }
        guard let items = value.arrayValue else {
            error("policy-condition-value-type", "Condition values must be strings, numbers or booleans",
                  hint: "Write one value, or a list of values.", path: path)
            return nil
        }
        if items.isEmpty {
            error("policy-element-empty", "The condition value list is empty",
                  hint: "List at least one value.", path: path)
            return nil
        }
        var result: [String] = []
        for (index, item) in items.enumerated() {
            guard let text = scalar(item) else {
                error("policy-condition-value-type", "Condition values must be strings, numbers or booleans",
                      hint: "Remove nested lists and objects.", path: "\(path)[\(index)]")
                continue
            }
            result.append(text)
        }
        return result
    }
}

/// Checks the spelling of condition values for the operators whose values have a fixed syntax.
enum ConditionValueSyntax {
    static func isValid(_ text: String, for base: ConditionOperator.Base) -> Bool {
        if text.contains("${") { return true }
        switch base {
        case .numericEquals, .numericNotEquals, .numericLessThan, .numericLessThanEquals,
             .numericGreaterThan, .numericGreaterThanEquals:
            return DecimalNumber.parse(text) != nil
        case .dateEquals, .dateNotEquals, .dateLessThan, .dateLessThanEquals, .dateGreaterThan, .dateGreaterThanEquals:
            return DateValue.parse(text) != nil
        case .ipAddress, .notIpAddress:
            return IPRange(text) != nil
        case .bool, .null:
            return text.lowercased() == "true" || text.lowercased() == "false"
        default:
            return true
        }
    }

    static func hint(for base: ConditionOperator.Base) -> String {
        switch base {
        case .ipAddress, .notIpAddress: return "Use an IPv4 or IPv6 address or CIDR block, e.g. 203.0.113.0/24 or 2001:db8::/32."
        case .bool, .null: return "Use true or false."
        case .dateEquals, .dateNotEquals, .dateLessThan, .dateLessThanEquals, .dateGreaterThan, .dateGreaterThanEquals:
            return "Use an ISO 8601 date (2026-01-31T12:00:00Z) or epoch seconds."
        default: return "Use a decimal number, e.g. 10, -2.5 or 0.5 (no hex, exponents, +, inf or nan)."
        }
    }
}
