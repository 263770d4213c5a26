/// RFC 3986 percent-encoding as SigV4 and the AWS Query protocol require it.
///
/// Only the unreserved characters (`A-Z a-z 0-9 - _ . ~`) stay as they are; every other UTF-8 byte
/// becomes `%XX` with upper-case hex. Foundation's `addingPercentEncoding` is not used because its
/// character sets leave `+`, `=` or `/` alone, and AWS would then compute a different signature
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html, "UriEncode").
public enum PercentEncoding {
    /// Encodes every byte except the unreserved ones; `keepSlash` leaves `/` for URI paths.
    public static func encode(_ text: String, keepSlash: Bool = false) -> String {
        // Bytes first, one String at the end: appending scalar by scalar was a twentieth of a
        // presigned request in `iamconf serve`'s profile (its query holds a 400-character token).
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + text.utf8.count / 2)
        for byte in text.utf8 {
            if isUnreserved(byte) || (keepSlash && byte == UInt8(ascii: "/")) {
                out.append(byte)
            } else {
                out.append(UInt8(ascii: "%"))
                out.append(hexDigit(byte >> 4))
                out.append(hexDigit(byte & 0x0F))
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `application/x-www-form-urlencoded` as botocore writes it (Python's `urlencode`): RFC 3986
    /// with a space as `+` (a literal plus is `%2B`).
    ///
    /// AWS hashes the body's raw bytes, so any valid form encoding signs correctly there; this one is
    /// chosen because servers that re-encode the parsed form before checking the signature (moto
    /// does) reproduce exactly these bytes, and would reject `%20`.
    public static func formEncode(_ text: String) -> String {
        encode(text).replacingOccurrences(of: "%20", with: "+")
    }

    /// Decodes `%XX` sequences only; `+` stays a plus sign.
    ///
    /// Policy documents come back URL-encoded by AWS's percent rules, and a document may contain a
    /// literal `+` (`"aws:SourceIp"` patterns, `+` in ARNs); form-decoding would turn it into a space.
    /// A malformed escape is kept verbatim rather than rejected, so odd input never crashes.
    public static func decode(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "%")) else { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        let utf8 = Array(text.utf8)
        var index = 0
        while index < utf8.count {
            let byte = utf8[index]
            if byte == UInt8(ascii: "%"), index + 2 < utf8.count,
                let high = hexValue(utf8[index + 1]), let low = hexValue(utf8[index + 2])
            {
                bytes.append(high << 4 | low)
                index += 3
            } else {
                bytes.append(byte)
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
            UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "A") + nibble - 10
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
