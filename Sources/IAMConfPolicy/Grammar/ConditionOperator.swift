/// A condition operator such as `ForAnyValue:StringLikeIfExists`, split into its parts.
///
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
public struct ConditionOperator: Sendable, Hashable, CustomStringConvertible {
    /// The comparison without qualifiers.
    public enum Base: String, Sendable, Hashable, CaseIterable {
        case stringEquals = "StringEquals", stringNotEquals = "StringNotEquals"
        case stringEqualsIgnoreCase = "StringEqualsIgnoreCase", stringNotEqualsIgnoreCase = "StringNotEqualsIgnoreCase"
        case stringLike = "StringLike", stringNotLike = "StringNotLike"
        case numericEquals = "NumericEquals", numericNotEquals = "NumericNotEquals"
        case numericLessThan = "NumericLessThan", numericLessThanEquals = "NumericLessThanEquals"
        case numericGreaterThan = "NumericGreaterThan", numericGreaterThanEquals = "NumericGreaterThanEquals"
        case dateEquals = "DateEquals", dateNotEquals = "DateNotEquals"
        case dateLessThan = "DateLessThan", dateLessThanEquals = "DateLessThanEquals"
        case dateGreaterThan = "DateGreaterThan", dateGreaterThanEquals = "DateGreaterThanEquals"
        case bool = "Bool"
        case binaryEquals = "BinaryEquals"
        case ipAddress = "IpAddress", notIpAddress = "NotIpAddress"
        case arnEquals = "ArnEquals", arnLike = "ArnLike", arnNotEquals = "ArnNotEquals", arnNotLike = "ArnNotLike"
        case null = "Null"

        /// Negated operators match when no policy value matches (values NOR), and are true for a missing key.
        /// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-logic-multiple-context-keys-or-values.html
        public var isNegated: Bool {
            switch self {
            case .stringNotEquals, .stringNotEqualsIgnoreCase, .stringNotLike, .numericNotEquals, .dateNotEquals,
                 .notIpAddress, .arnNotEquals, .arnNotLike:
                return true
            default:
                return false
            }
        }

        /// The positive operator a negated one inverts (itself when not negated).
        public var positive: Base {
            switch self {
            case .stringNotEquals: return .stringEquals
            case .stringNotEqualsIgnoreCase: return .stringEqualsIgnoreCase
            case .stringNotLike: return .stringLike
            case .numericNotEquals: return .numericEquals
            case .dateNotEquals: return .dateEquals
            case .notIpAddress: return .ipAddress
            case .arnNotEquals: return .arnEquals
            case .arnNotLike: return .arnLike
            default: return self
            }
        }
    }

    /// `ForAllValues:` / `ForAnyValue:` for multivalued context keys.
    public enum SetQualifier: String, Sendable, Hashable {
        case forAllValues = "ForAllValues"
        case forAnyValue = "ForAnyValue"
    }

    public var base: Base
    public var qualifier: SetQualifier?
    /// `...IfExists`: true when the key is absent, otherwise the plain comparison.
    public var ifExists: Bool

    public init(base: Base, qualifier: SetQualifier? = nil, ifExists: Bool = false) {
        self.base = base
        self.qualifier = qualifier
        self.ifExists = ifExists
    }

    /// Parses an operator name. Names are matched exactly: IAM rejects other spellings.
    public init?(_ name: String) {
        var rest = Substring(name)
        var qualifier: SetQualifier?
        if let colon = rest.firstIndex(of: ":") {
            guard let q = SetQualifier(rawValue: String(rest[..<colon])) else { return nil }
            qualifier = q
            rest = rest[rest.index(after: colon)...]
        }
        var ifExists = false
        if rest.hasSuffix("IfExists") {
            ifExists = true
            rest = rest.dropLast("IfExists".count)
        }
        guard let base = Base(rawValue: String(rest)) else { return nil }
        self.init(base: base, qualifier: qualifier, ifExists: ifExists)
    }

    public var description: String {
        (qualifier.map { $0.rawValue + ":" } ?? "") + base.rawValue + (ifExists ? "IfExists" : "")
    }
}
