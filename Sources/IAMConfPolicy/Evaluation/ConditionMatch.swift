/// Compares one context value with one policy value for a positive operator family.
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
enum ConditionMatch {
    static func matches(_ base: ConditionOperator.Base, _ value: String, _ policy: CompiledCondition.Value) -> Bool {
        switch (base, policy) {
        case let (.stringEquals, .text(p)):
            return value == p
        case let (.stringEqualsIgnoreCase, .text(p)):
            return value.lowercased() == p
        case let (.bool, .text(p)):
            return value.lowercased() == p.lowercased()
        case let (.stringLike, .glob(g)):
            return value.withUTF8Bytes { g.matches($0) }
        case let (.arnEquals, .glob(g)), let (.arnLike, .glob(g)):
            // Each of the six ARN parts is matched separately; a value that is not an ARN never matches.
            return value.withUTF8Bytes { bytes in
                let colons = ARNColons(bytes)
                guard colons.count == 5, g.arnColons != nil || g.isMatchAll else { return false }
                return g.matchesARN(bytes, colons: colons)
            }
        case let (_, .number(p)):
            guard let v = DecimalNumber.parse(value) else { return false }
            return compare(base, v, p)
        case let (_, .date(p)):
            guard let v = DateValue.parse(value) else { return false }
            return compare(base, v, p)
        case let (.ipAddress, .ip(range)):
            guard let address = IPRange(value) else { return false }
            return range.contains(address)
        case let (.binaryEquals, .binary(p)):
            return Base64.decode(value) == p
        default:
            return false
        }
    }

    @inline(__always) static func compare(_ base: ConditionOperator.Base, _ v: Double, _ p: Double) -> Bool {
        switch base {
        case .numericEquals, .dateEquals: return v == p
        case .numericLessThan, .dateLessThan: return v < p
        case .numericLessThanEquals, .dateLessThanEquals: return v <= p
        case .numericGreaterThan, .dateGreaterThan: return v > p
        case .numericGreaterThanEquals, .dateGreaterThanEquals: return v >= p
        default: return false
        }
    }
}

/// Standard base64 (with or without padding), for `BinaryEquals`.
enum Base64 {
    static func decode(_ text: String) -> [UInt8]? {
        var out: [UInt8] = []
        var buffer: UInt32 = 0
        var bits = 0
        for byte in text.utf8 {
            let v: UInt32
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): v = UInt32(byte - 65)
            case UInt8(ascii: "a")...UInt8(ascii: "z"): v = UInt32(byte - 97 + 26)
            case UInt8(ascii: "0")...UInt8(ascii: "9"): v = UInt32(byte - 48 + 52)
            case UInt8(ascii: "+"), UInt8(ascii: "-"): v = 62
            case UInt8(ascii: "/"), UInt8(ascii: "_"): v = 63
            case UInt8(ascii: "="): continue
            default: return nil
            }
            buffer = buffer << 6 | v
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8((buffer >> UInt32(bits)) & 0xFF))
            }
        }
        return out
    }
}
