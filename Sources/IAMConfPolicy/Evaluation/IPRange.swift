/// An IPv4 or IPv6 address block (`203.0.113.0/24`, `2001:db8::/32`; no prefix means one address).
///
/// Used by `IpAddress`/`NotIpAddress`; parsed by hand so evaluation needs neither Foundation nor regex.
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_IPAddress
struct IPRange: Sendable, Hashable {
    var isV6: Bool
    /// The address as 128 bits (IPv4 uses the low 32 bits of `low`).
    var high: UInt64
    var low: UInt64
    var prefixLength: Int

    init?(_ text: String) {
        var address = Substring(text)
        var prefix: Int?
        if let slash = text.firstIndex(of: "/") {
            guard let p = Int(text[text.index(after: slash)...]) else { return nil }
            prefix = p
            address = text[..<slash]
        }
        if let v4 = IPRange.parseV4(address) {
            guard (prefix ?? 32) >= 0, (prefix ?? 32) <= 32 else { return nil }
            self.init(isV6: false, high: 0, low: UInt64(v4), prefixLength: prefix ?? 32)
        } else if let (h, l) = IPRange.parseV6(address) {
            guard (prefix ?? 128) >= 0, (prefix ?? 128) <= 128 else { return nil }
            self.init(isV6: true, high: h, low: l, prefixLength: prefix ?? 128)
        } else {
            return nil
        }
    }

    private init(isV6: Bool, high: UInt64, low: UInt64, prefixLength: Int) {
        self.isV6 = isV6
        self.high = high
        self.low = low
        self.prefixLength = prefixLength
    }

    /// Whether the single address `other` lies in this block (families never mix).
    func contains(_ other: IPRange) -> Bool {
        guard isV6 == other.isV6 else { return false }
        if !isV6 {
            let mask: UInt64 = prefixLength == 0 ? 0 : (0xFFFF_FFFF << UInt64(32 - prefixLength)) & 0xFFFF_FFFF
            return (low & mask) == (other.low & mask)
        }
        let highBits = min(prefixLength, 64)
        let lowBits = max(prefixLength - 64, 0)
        let highMask: UInt64 = highBits == 0 ? 0 : ~UInt64(0) << UInt64(64 - highBits)
        let lowMask: UInt64 = lowBits == 0 ? 0 : ~UInt64(0) << UInt64(64 - lowBits)
        return (high & highMask) == (other.high & highMask) && (low & lowMask) == (other.low & lowMask)
    }

    static func parseV4(_ text: Substring) -> UInt32? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var value: UInt32 = 0
        for part in parts {
            guard !part.isEmpty, part.count <= 3, part.allSatisfy(\.isASCII), let octet = UInt32(part), octet <= 255
            else { return nil }
            value = value << 8 | octet
        }
        return value
    }

    static func parseV6(_ text: Substring) -> (UInt64, UInt64)? {
        guard text.contains(":") else { return nil }
        var halves: [String] = [""]
        var previousWasColon = false
        for character in text {
            if character == ":", previousWasColon {
                halves[halves.count - 1].removeLast()
                halves.append("")
                previousWasColon = false
                continue
            }
            halves[halves.count - 1].append(character)
            previousWasColon = character == ":"
        }
        guard halves.count <= 2 else { return nil }
        func groups(_ s: String) -> [UInt16]? {
            if s.isEmpty { return [] }
            var result: [UInt16] = []
            let parts = s.split(separator: ":", omittingEmptySubsequences: false)
            for (i, part) in parts.enumerated() {
                if i == parts.count - 1, part.contains("."), let v4 = parseV4(part) {
                    result.append(UInt16(v4 >> 16))
                    result.append(UInt16(v4 & 0xFFFF))
                } else {
                    guard !part.isEmpty, part.count <= 4, let g = UInt16(part, radix: 16) else { return nil }
                    result.append(g)
                }
            }
            return result
        }
        guard let head = groups(halves[0]) else { return nil }
        var all = head
        if halves.count == 2 {
            guard let tail = groups(halves[1]), head.count + tail.count < 8 else { return nil }
            all += Array(repeating: 0, count: 8 - head.count - tail.count) + tail
        }
        guard all.count == 8 else { return nil }
        let high = all[0..<4].reduce(UInt64(0)) { $0 << 16 | UInt64($1) }
        let low = all[4..<8].reduce(UInt64(0)) { $0 << 16 | UInt64($1) }
        return (high, low)
    }
}
