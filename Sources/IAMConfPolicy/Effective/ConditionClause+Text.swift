/// Conditions in words, for grants: `aws:MultiFactorAuthPresent is true`,
/// `aws:SourceIp in 203.0.113.0/24`, `aws:CurrentTime before 2027-01-01T00:00:00Z`.
extension ConditionClause {
    public var text: String {
        let subject: String
        switch condition.qualifier {
        case .forAnyValue?: subject = "any value of \(key)"
        case .forAllValues?: subject = "every value of \(key)"
        case nil: subject = key
        }
        let phrase = "\(subject) \(Self.verb(condition.base, count: values.count)) \(Self.list(values, base: condition.base))"
        if condition.base == .null {
            return "\(key) is " + (values.allSatisfy { $0.lowercased() == "true" } ? "absent" : "present")
        }
        return condition.ifExists ? phrase + " if present" : phrase
    }

    private static func verb(_ base: ConditionOperator.Base, count: Int) -> String {
        let many = count > 1
        switch base {
        case .stringEquals, .stringEqualsIgnoreCase, .arnEquals, .binaryEquals, .bool, .dateEquals:
            return many ? "is one of" : "is"
        case .stringNotEquals, .stringNotEqualsIgnoreCase, .arnNotEquals, .dateNotEquals:
            return many ? "is none of" : "is not"
        case .stringLike, .arnLike: return many ? "matches one of" : "matches"
        case .stringNotLike, .arnNotLike: return many ? "matches none of" : "does not match"
        case .numericEquals: return many ? "is one of" : "="
        case .numericNotEquals: return many ? "is none of" : "!="
        case .numericLessThan: return "<"
        case .numericLessThanEquals: return "<="
        case .numericGreaterThan: return ">"
        case .numericGreaterThanEquals: return ">="
        case .dateLessThan: return "before"
        case .dateLessThanEquals: return "at or before"
        case .dateGreaterThan: return "after"
        case .dateGreaterThanEquals: return "at or after"
        case .ipAddress: return "in"
        case .notIpAddress: return "not in"
        case .null: return "is"
        }
    }

    private static func list(_ values: [String], base: ConditionOperator.Base) -> String {
        let joined = values.joined(separator: ", ")
        return values.count > 1 && [.ipAddress, .notIpAddress, .numericLessThan, .numericLessThanEquals, .numericGreaterThan,
            .numericGreaterThanEquals, .dateLessThan, .dateLessThanEquals, .dateGreaterThan, .dateGreaterThanEquals].contains(base)
            ? "one of \(joined)" : joined
    }
}
