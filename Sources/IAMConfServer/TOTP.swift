import Crypto
import Foundation
import IAMConfQueryAPI

/// Time-based one-time passwords as virtual MFA devices compute them (RFC 6238: HMAC-SHA1, 30-second
/// steps, 6 digits), from the Base32 seed IAM's CreateVirtualMFADevice hands out.
/// https://datatracker.ietf.org/doc/html/rfc6238
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
    public func accepts(_ code: String, at date: Date) -> Bool {
        let counter = Int64(max(0, date.timeIntervalSince1970) / Self.step)
        var matched = false
        for candidate in [counter - 1, counter, counter + 1] where candidate >= 0 {
            if SigV4.constantTimeEquals(self.code(counter: UInt64(candidate)), code) { matched = true }
        }
        return matched
    }
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

/// A user's virtual MFA device as the server knows it: its serial and the seed codes come from.
public struct MFADevice: Sendable, Hashable {
    /// `arn:aws:iam::ACCOUNT:mfa/NAME`, what `SerialNumber` names.
    public var serial: String
    /// The user the device is enabled for; only that user's requests may name it.
    public var userARN: String
    public var totp: TOTP

    public init(serial: String, userARN: String, totp: TOTP) {
        self.serial = serial
        self.userARN = userARN
        self.totp = totp
    }
}
