import Crypto
import Foundation

/// Time-based one-time passwords as virtual MFA devices compute them (RFC 6238: HMAC-SHA1, 30-second
/// steps, 6 digits), from the Base32 seed IAM's CreateVirtualMFADevice hands out.
/// https://datatracker.ietf.org/doc/html/rfc6238
///
/// Its own target because every side needs it: `HTTPBackend` and the conformance suite compute
/// EnableMFADevice's two codes, serve checks them and STS's `TokenCode`, `lab mfa-code` prints one.
public struct TOTP: Sendable, Hashable {
    public static let step: TimeInterval = 30
    public var seed: [UInt8]
    public var digits: Int

    public init(seed: [UInt8], digits: Int = 6) {
        self.seed = seed
        self.digits = digits
    }

    /// From IAM's `Base32StringSeed`; nil when it is not Base32.
    public init?(base32Seed: String, digits: Int = 6) {
        guard let seed = Base32.decode(base32Seed), !seed.isEmpty else { return nil }
        self.init(seed: seed, digits: digits)
    }

    /// The code shown at `date`.
    public func code(at date: Date) -> String {
        code(counter: UInt64(max(0, date.timeIntervalSince1970) / Self.step))
    }

    func code(counter: UInt64) -> String {
        let message = withUnsafeBytes(of: counter.bigEndian) { Array($0) }
        let mac = Array(HMAC<Insecure.SHA1>.authenticationCode(for: message, using: SymmetricKey(data: seed)))
        let offset = Int(mac[mac.count - 1] & 0x0F)
        let value = (UInt32(mac[offset] & 0x7F) << 24) | (UInt32(mac[offset + 1]) << 16) | (UInt32(mac[offset + 2]) << 8) | UInt32(mac[offset + 3])
        var modulus: UInt32 = 1
        for _ in 0..<digits { modulus *= 10 }
        let text = String(value % modulus)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }

    /// True when `code` is the one for `date` or for the step before or after it (clock drift, as
    /// AWS allows), compared in constant time.
    public func accepts(_ code: String, at date: Date) -> Bool { step(of: code, at: date) != nil }

    /// The time step (`floor(seconds / 30)`) whose code `code` is, among the step of `date` and the
    /// ones before and after it; nil when it is none of them. Every candidate is compared, in
    /// constant time, so the answer's timing does not say which one matched.
    public func step(of code: String, at date: Date) -> Int64? {
        let counter = Self.counter(at: date)
        var matched: Int64?
        for candidate in [counter - 1, counter, counter + 1] where candidate >= 0 {
            if Self.constantTimeEquals(self.code(counter: UInt64(candidate)), code) { matched = candidate }
        }
        return matched
    }

    /// EnableMFADevice's and ResyncMFADevice's two codes: the one shown a step before `date` and the
    /// one shown at `date`, as a person reads them off the device one after the other.
    public func consecutiveCodes(at date: Date) -> (String, String) {
        let counter = UInt64(max(1, Self.counter(at: date)))
        return (code(counter: counter - 1), code(counter: counter))
    }

    /// True when `first` and `second` are the codes of two consecutive steps, the second no more than
    /// one step ahead of `date` and no more than two behind it (someone typing them in takes time).
    public func acceptsConsecutive(_ first: String, _ second: String, at date: Date) -> Bool {
        let counter = Self.counter(at: date)
        var matched = false
        for candidate in (counter - 2)...(counter + 1) where candidate >= 1 {
            let both = Self.constantTimeEquals(code(counter: UInt64(candidate - 1)), first)
                && Self.constantTimeEquals(code(counter: UInt64(candidate)), second)
            if both { matched = true }
        }
        return matched
    }

    static func counter(at date: Date) -> Int64 { Int64(max(0, date.timeIntervalSince1970) / step) }

    /// Compares every byte whatever the first difference, so timing says nothing about a code.
    static func constantTimeEquals(_ lhs: String, _ rhs: String) -> Bool {
        let a = Array(lhs.utf8)
        let b = Array(rhs.utf8)
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }

    /// The Base32 seed from `Base32StringSeed` as it travels: a blob, so base64 of the seed's text
    /// (https://docs.aws.amazon.com/IAM/latest/APIReference/API_VirtualMFADevice.html); nil when it is not.
    public static func seed(fromWire text: String) -> String? {
        guard let data = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)),
            let seed = String(data: data, encoding: .utf8), Base32.decode(seed) != nil
        else { return nil }
        return seed
    }

    /// `Base32StringSeed` on the wire for a Base32 seed.
    public static func wireSeed(_ seed: String) -> String { Data(seed.utf8).base64EncodedString() }
}

/// RFC 4648 Base32 (`A-Z2-7`, padding optional, case-insensitive).
enum Base32 {
    static func decode(_ text: String) -> [UInt8]? {
        var bits: UInt64 = 0
        var count = 0
        var out: [UInt8] = []
        for scalar in text.uppercased().unicodeScalars where scalar != "=" {
            let value: UInt8
            switch scalar {
            case "A"..."Z": value = UInt8(scalar.value - 65)
            case "2"..."7": value = UInt8(scalar.value - 50 + 26)
            default: return nil
            }
            bits = (bits << 5) | UInt64(value)
            count += 5
            if count >= 8 {
                count -= 8
                out.append(UInt8((bits >> UInt64(count)) & 0xFF))
            }
        }
        return out
    }
}
