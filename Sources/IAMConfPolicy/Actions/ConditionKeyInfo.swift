/// A condition key's declared type, as the Service Authorization Reference gives it.
public enum ConditionKeyType: String, Sendable, Hashable {
    case string = "String"
    case arrayOfString = "ArrayOfString"
    case arn = "ARN"
    case arrayOfARN = "ArrayOfARN"
    case bool = "Bool"
    case arrayOfBool = "ArrayOfBool"
    case numeric = "Numeric"
    case date = "Date"
    case ipAddress = "IPAddress"

    init?(code: Substring) {
        switch code {
        case "S": self = .string
        case "AS": self = .arrayOfString
        case "A": self = .arn
        case "AA": self = .arrayOfARN
        case "B": self = .bool
        case "AB": self = .arrayOfBool
        case "N": self = .numeric
        case "D": self = .date
        case "I": self = .ipAddress
        default: return nil
        }
    }

    /// Multivalued keys (the ArrayOf types) are the ones set operators (`ForAllValues:`, `ForAnyValue:`) are for.
    /// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
    public var isMultivalued: Bool { self == .arrayOfString || self == .arrayOfARN || self == .arrayOfBool }

    /// The type of one value of the key (`ArrayOfString` -> `String`).
    public var elementType: ConditionKeyType {
        switch self {
        case .arrayOfString: .string
        case .arrayOfARN: .arn
        case .arrayOfBool: .bool
        default: self
        }
    }
}

/// A condition key: a service's, or a global `aws:` key.
public struct ConditionKeyInfo: Sendable, Hashable {
    /// As AWS writes it; a key with a variable part keeps its template (`aws:RequestTag/${TagKey}`).
    public var name: String
    public var type: ConditionKeyType

    /// True when the name ends in a template (`/${TagKey}`, `/<key>`, and the reference's other
    /// spellings of one: `/tag-key`, a bare `/`): any text may follow the slash.
    public var isTemplate: Bool { templateStem != nil }

    /// `aws:requesttag/` for `aws:RequestTag/${TagKey}`: the lower-cased part before the variable.
    var templateStem: String? {
        guard let slash = name.firstIndex(of: "/") else { return nil }
        let rest = name[name.index(after: slash)...]
        // The reference writes a few templated keys as `secretsmanager:ResourceTag/tag-key`,
        // `ssm:resourceTag/tag-key` or `sagemaker:ResourceTag/`; read literally they refused
        // `secretsmanager:ResourceTag/owner`, which AWS documents and the generated configurations use.
        guard rest.hasPrefix("${") || rest.hasPrefix("<") || rest == "tag-key" || rest.isEmpty else { return nil }
        return name[...slash].lowercased()
    }
}
