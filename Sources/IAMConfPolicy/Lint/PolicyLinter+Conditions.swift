import IAMConfCore

/// Condition checks: operators against the declared type of their key, values against their
/// operator, set qualifiers against multivalued keys, and blocks that cannot do what they say.
extension PolicyLinter {
    static func conditionFindings(_ statement: LintStatement, catalog: ActionCatalog) -> [PolicyFinding] {
        guard let condition = statement.json["Condition"], let blocks = condition.objectValue else { return [] }
        let conditionPath = "\(statement.path).Condition"
        if blocks.isEmpty {
            return [PolicyFinding(.emptyObjectCondition, "This condition block is empty and it does not affect the policy. Specify conditions or remove Condition.",
                                  path: conditionPath, isAboutValue: true)]
        }
        var found: [PolicyFinding] = []
        for (name, block) in blocks {
            let operatorPath = "\(conditionPath).\(name)"
            guard let keys = block.objectValue, let op = ConditionOperator(name) else { continue }
            if keys.isEmpty {
                found.append(PolicyFinding(.emptyObjectCondition, "The \(name) block is empty and it does not affect the policy. Specify conditions.", path: operatorPath, isAboutValue: true))
            }
            if op.base == .null, op.ifExists {
                found.append(PolicyFinding(.nullWithIfExists, "The Null condition operator cannot be used with the IfExists suffix. Write Null.", path: operatorPath))
            }
            if op.base == .null, let qualifier = op.qualifier {
                found.append(PolicyFinding(.nullWithQualifier, "Avoid using Null with \(qualifier.rawValue): it always returns \(qualifier == .forAllValues ? "true" : "false"). Write Null without a qualifier.", path: operatorPath))
            }
            var seen: [String: String] = [:]
            for (key, raw) in keys {
                let keyPath = "\(operatorPath).\(key)"
                if let first = seen[key.lowercased()], first != key {
                    found.append(PolicyFinding(.duplicateKeysWithDifferentCase, "The condition key '\(key)' appears again as '\(first)' in the same \(name) block: names are compared without case, so one hides the other. Remove the duplicate.", path: keyPath))
                }
                seen[key.lowercased()] = seen[key.lowercased()] ?? key
                found += keyFindings(key: key, raw: raw, op: op, operatorName: name, path: keyPath, catalog: catalog)
            }
        }
        return found
    }

    private static func keyFindings(key: String, raw: JSONValue, op: ConditionOperator, operatorName: String, path: String, catalog: ActionCatalog) -> [PolicyFinding] {
        var found: [PolicyFinding] = []
        let values: [(text: String, path: String)]
        switch raw {
        case let .array(items):
            if items.isEmpty { return [emptyArray(op, key: key, path: path)] }
            values = items.enumerated().compactMap { index, item in scalarText(item).map { ($0, "\(path)[\(index)]") } }
        default:
            values = scalarText(raw).map { [($0, path)] } ?? []
        }
        if key.lowercased() == "aws:arn" {
            found.append(PolicyFinding(.unsupportedGlobalConditionKey, "The condition key aws:ARN is not supported. Use aws:PrincipalArn or aws:SourceArn instead.", path: path))
        }
        if let info = catalog.conditionKey(key) {
            found += keyTypeFindings(info, key: key, op: op, operatorName: operatorName, path: path)
        }
        found += valueFindings(values, key: key, op: op, operatorName: operatorName, path: path)
        return found
    }

    private static func emptyArray(_ op: ConditionOperator, key: String, path: String) -> PolicyFinding {
        switch (op.qualifier, op.ifExists) {
        case (.forAllValues?, _):
            PolicyFinding(.emptyArrayConditionForAllValues, "ForAllValues with no values for '\(key)' matches only when the key is missing from the request. To test for that, use Null with true.", path: path, isAboutValue: true)
        case (.forAnyValue?, _):
            PolicyFinding(.emptyArrayConditionForAnyValue, "ForAnyValue with no values for '\(key)' never matches; the statement does not affect the policy. Specify values.", path: path, isAboutValue: true)
        case (nil, true):
            PolicyFinding(.emptyArrayConditionIfExists, "IfExists with no values for '\(key)' matches only when the key is missing from the request. To test for that, use Null with true.", path: path, isAboutValue: true)
        case (nil, false):
            PolicyFinding(.emptyArrayCondition, "There are no values for the condition key '\(key)' and it does not affect the policy. Specify values.", path: path, isAboutValue: true)
        }
    }

    /// The operator family a key's declared type asks for, and the set qualifier it needs.
    private static func keyTypeFindings(_ info: ConditionKeyInfo, key: String, op: ConditionOperator, operatorName: String, path: String) -> [PolicyFinding] {
        var found: [PolicyFinding] = []
        if op.qualifier == .forAllValues, !info.type.isMultivalued {
            found.append(PolicyFinding(.forAllValuesWithSingleValuedKey,
                "Using ForAllValues qualifier with the single-valued condition key \(key) can be overly permissive: it is also true when the key is missing. We recommend that you remove ForAllValues:.", path: path))
        }
        if op.qualifier == nil, info.type.isMultivalued, op.base != .null {
            found.append(PolicyFinding(.missingQualifier,
                "The request context key \(key) has multiple values. Use the ForAllValues or ForAnyValue condition key qualifiers with \(operatorName).", path: path))
        }
        guard let family = OperatorFamily(op.base), family != .null, family != .binary else { return found }
        let wanted = OperatorFamily(keyType: info.type.elementType)
        if wanted == .arn, family == .string {
            found.append(PolicyFinding(.stringLikeOperatorWithARNConditionKeys,
                "Use the operator type ARN instead of operator string for the condition key \(key): String operators match the whole ARN as text (ArnLike matches it part by part).", path: path))
        } else if family != wanted {
            found.append(PolicyFinding(.typeMismatch,
                "Use the operator type \(wanted.name) instead of operator \(family.name) for the condition key \(key) (its type is \(info.type.rawValue)).", path: path))
        }
        return found
    }

    private static func valueFindings(_ values: [(text: String, path: String)], key: String, op: ConditionOperator, operatorName: String, path: String) -> [PolicyFinding] {
        guard let family = OperatorFamily(op.base) else { return [] }
        var found: [PolicyFinding] = []
        for value in values where value.text.contains("${") && family != .string && family != .arn {
            found.append(PolicyFinding(.invalidVariableForOperator, "Policy variables can only be used with String and ARN operators, not \(operatorName) ('\(value.text)').", path: value.path, isAboutValue: true))
        }
        let plain = values.filter { !$0.text.contains("${") }
        switch family {
        case .bool:
            for value in plain where value.text.lowercased() != "true" && value.text.lowercased() != "false" {
                found.append(PolicyFinding(.typeMismatchBoolean, "Add a valid Boolean value (true or false) for \(operatorName), not '\(value.text)'.", path: value.path, isAboutValue: true))
            }
            if values.count > 1 {
                found.append(PolicyFinding(.invalidConditionMultipleBoolean, "The condition key \(key) does not support multiple Boolean values. Use a single Boolean value.", path: path, isAboutValue: true))
            }
        case .numeric:
            for value in plain where DecimalNumber.parse(value.text) == nil {
                found.append(PolicyFinding(.typeMismatchNumber, "Add a valid numeric value for \(operatorName), not '\(value.text)'.", path: value.path, isAboutValue: true))
            }
            found += redundantNumbers(plain, key: key, op: op, path: path)
        case .date:
            for value in plain where DateValue.parse(value.text) == nil {
                found.append(PolicyFinding(.typeMismatchDate, "The date condition operator \(operatorName) is used with '\(value.text)'. Specify a valid date using YYYY-MM-DD or another ISO 8601 date/time format.", path: value.path, isAboutValue: true))
            }
        case .ip:
            found += ipFindings(plain, key: key, op: op, operatorName: operatorName, path: path)
        case .string where op.base.positive == .stringEquals || op.base.positive == .stringEqualsIgnoreCase:
            if let wild = plain.first(where: { $0.text.contains("*") || $0.text.contains("?") }) {
                found.append(PolicyFinding(.wildcardWithoutLikeOperator, "The value '\(wild.text)' includes a * or ? character, which \(operatorName) compares literally. If you meant a wildcard, use \(op.base.isNegated ? "StringNotLike" : "StringLike").", path: wild.path, isAboutValue: true))
            }
        default:
            break
        }
        return found
    }

    /// Several values of a `<`/`>` comparison: they are ORed, so the greatest (or least) alone decides.
    private static func redundantNumbers(_ values: [(text: String, path: String)], key: String, op: ConditionOperator, path: String) -> [PolicyFinding] {
        let numbers = values.compactMap { DecimalNumber.parse($0.text) }
        guard numbers.count > 1, numbers.count == values.count, op.qualifier == nil else { return [] }
        let keep: Double
        switch op.base {
        case .numericLessThan, .numericLessThanEquals: keep = numbers.max()!
        case .numericGreaterThan, .numericGreaterThanEquals: keep = numbers.min()!
        default: return []
        }
        let kept = values[numbers.firstIndex(of: keep)!].text
        return [PolicyFinding(.redundantConditionValueNum, "Multiple values in \(op.base.rawValue) for \(key) are redundant: any one of them is enough, so \(kept) alone decides. Replace them with \(kept).",
                              path: path, isAboutValue: true)]
    }

    private static func ipFindings(_ values: [(text: String, path: String)], key: String, op: ConditionOperator, operatorName: String, path: String) -> [PolicyFinding] {
        var found: [PolicyFinding] = []
        var ranges: [IPRange] = []
        for value in values {
            guard let range = IPRange(value.text) else {
                found.append(PolicyFinding(.typeMismatchIPRange, "\(operatorName) is used with '\(value.text)', which is not an IP range. Specify the IP range in standard CIDR format (203.0.113.0/24).", path: value.path, isAboutValue: true))
                continue
            }
            ranges.append(range)
            if let better = range.withoutHostBits {
                found.append(PolicyFinding(.improveIPRange, "The non-zero bits in '\(value.text)' after the masked bits are ignored. Replace it with \(better).", path: value.path, isAboutValue: true))
            }
        }
        guard key.lowercased() == "aws:sourceip", !ranges.isEmpty else { return found }
        let privateCount = ranges.filter(\.isPrivateIPv4).count
        guard privateCount > 0 else { return found }
        let negated = op.base == .notIpAddress
        if privateCount == ranges.count {
            found.append(PolicyFinding(negated ? .privateNotIPAddress : .privateIPAddress,
                "aws:SourceIp works only for public IP address ranges. The values for aws:SourceIp include only private IP addresses, so \(operatorName) \(negated ? "always matches and has no effect" : "never matches"). Use aws:VpcSourceIp for private addresses.", path: path, isAboutValue: true))
        } else {
            found.append(PolicyFinding(negated ? .privateNotIPAddressSubset : .privateIPAddressSubset,
                "The values for aws:SourceIp include a mix of private and public IP addresses. The private addresses have no effect: aws:SourceIp works only for public IP address ranges. Use aws:VpcSourceIp for private addresses.", path: path, isAboutValue: true))
        }
        return found
    }

    static func scalarText(_ value: JSONValue) -> String? {
        switch value {
        case let .string(text): text
        case let .number(text): text
        case let .bool(flag): flag ? "true" : "false"
        default: nil
        }
    }
}

/// What a condition operator compares, and what a key's declared type asks for.
enum OperatorFamily: Equatable {
    case string, numeric, date, bool, binary, ip, arn, null

    init?(_ base: ConditionOperator.Base) {
        switch base {
        case .stringEquals, .stringNotEquals, .stringEqualsIgnoreCase, .stringNotEqualsIgnoreCase, .stringLike, .stringNotLike: self = .string
        case .numericEquals, .numericNotEquals, .numericLessThan, .numericLessThanEquals, .numericGreaterThan, .numericGreaterThanEquals: self = .numeric
        case .dateEquals, .dateNotEquals, .dateLessThan, .dateLessThanEquals, .dateGreaterThan, .dateGreaterThanEquals: self = .date
        case .bool: self = .bool
        case .binaryEquals: self = .binary
        case .ipAddress, .notIpAddress: self = .ip
        case .arnEquals, .arnLike, .arnNotEquals, .arnNotLike: self = .arn
        case .null: self = .null
        }
    }

    init(keyType: ConditionKeyType) {
        switch keyType {
        case .arn, .arrayOfARN: self = .arn
        case .bool, .arrayOfBool: self = .bool
        case .numeric: self = .numeric
        case .date: self = .date
        case .ipAddress: self = .ip
        case .string, .arrayOfString: self = .string
        }
    }

    var name: String {
        switch self {
        case .string: "String"
        case .numeric: "Numeric"
        case .date: "Date"
        case .bool: "Boolean"
        case .binary: "Binary"
        case .ip: "IPAddress"
        case .arn: "ARN"
        case .null: "Null"
        }
    }
}

extension IPRange {
    /// An IPv4 block that lies in 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16.
    var isPrivateIPv4: Bool {
        guard !isV6 else { return false }
        let address = UInt32(truncatingIfNeeded: low)
        return (prefixLength >= 8 && address >> 24 == 10)
            || (prefixLength >= 12 && address & 0xFFF0_0000 == 0xAC10_0000)
            || (prefixLength >= 16 && address & 0xFFFF_0000 == 0xC0A8_0000)
    }

    /// For an IPv4 block written with host bits set (`203.0.113.5/24`), the block as it should be written.
    var withoutHostBits: String? {
        guard !isV6, prefixLength < 32 else { return nil }
        let address = UInt32(truncatingIfNeeded: low)
        let mask: UInt32 = prefixLength == 0 ? 0 : ~UInt32(0) << (32 - prefixLength)
        guard address & ~mask != 0 else { return nil }
        let network = address & mask
        return "\(network >> 24).\(network >> 16 & 255).\(network >> 8 & 255).\(network & 255)/\(prefixLength)"
    }
}
