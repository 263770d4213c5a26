import Crypto
import Foundation

/// The steps of AWS Signature Version 4 that the signing and the verifying side compute alike
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html).
///
/// `SigV4Signer` signs a client's requests with them and `iamconf serve` recomputes a received
/// request's signature with them, so the two can never drift apart. Pure functions of their input:
/// no clock, no credentials store.
public enum SigV4 {
    public static let algorithm = "AWS4-HMAC-SHA256"
    /// The payload hash of a presigned S3 URL and of S3 requests that do not sign their body.
    public static let unsignedPayload = "UNSIGNED-PAYLOAD"

    /// Task 1: method, canonical URI, canonical query, canonical headers, signed headers, payload hash.
    /// `headers` are canonical already (see `canonicalHeaders`).
    public static func canonicalRequest(
        method: String, canonicalURI: String, canonicalQuery: String, headers: [QueryParameter], payloadHash: String
    ) -> String {
        [
            method.uppercased(),
            canonicalURI,
            canonicalQuery,
            headers.map { "\($0.name):\($0.value)\n" }.joined(),
            signedHeaders(headers),
            payloadHash,
        ].joined(separator: "\n")
    }

    /// Lower-case names, trimmed values with inner runs of spaces collapsed, repeated names joined
    /// by commas in their original order, sorted by name; `Authorization` itself is never signed.
    /// With `only`, just those names (a verifier signs what the client said it signed).
    public static func canonicalHeaders(_ headers: [QueryParameter], only names: Set<String>? = nil) -> [QueryParameter] {
        var merged: [String: [String]] = [:]
        for header in headers {
            let name = header.name.lowercased()
            guard name != "authorization", names?.contains(name) ?? true else { continue }
            merged[name, default: []].append(trimmed(header.value))
        }
        return merged.keys.sorted().map { QueryParameter($0, merged[$0, default: []].joined(separator: ",")) }
    }

    /// `host;x-amz-date;…`
    public static func signedHeaders(_ canonicalHeaders: [QueryParameter]) -> String {
        canonicalHeaders.map(\.name).joined(separator: ";")
    }

    /// Encoded `name=value` pairs of decoded parameters, sorted by encoded name, then value (byte order).
    public static func canonicalQuery(_ query: [QueryParameter]) -> String {
        // Encoded text is ASCII, where String's `<` is byte order (and copies nothing per comparison).
        let encoded: [(name: String, value: String)] = query.map { (PercentEncoding.encode($0.name), PercentEncoding.encode($0.value)) }
        let sorted = encoded.sorted { (lhs, rhs) -> Bool in lhs.name == rhs.name ? lhs.value < rhs.value : lhs.name < rhs.name }
        return sorted.map { "\($0.name)=\($0.value)" }.joined(separator: "&")
    }

    /// Task 2: algorithm, request date, credential scope, hash of the canonical request.
    public static func stringToSign(amzDate: String, scope: String, canonicalRequest: String) -> String {
        [algorithm, amzDate, scope, sha256Hex(Array(canonicalRequest.utf8))].joined(separator: "\n")
    }

    /// `20150830/us-east-1/iam/aws4_request`
    public static func scope(dateStamp: String, region: String, service: String) -> String {
        "\(dateStamp)/\(region)/\(service)/aws4_request"
    }

    /// Task 3: the HMAC chain over date, region, service and `aws4_request`.
    public static func signingKey(secret: String, dateStamp: String, region: String, service: String) -> SymmetricKey {
        var key = SymmetricKey(data: Array("AWS4\(secret)".utf8))
        for part in [dateStamp, region, service, "aws4_request"] {
            key = SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Array(part.utf8), using: key)))
        }
        return key
    }

    /// Task 4: the hex signature of a string to sign.
    public static func signature(stringToSign: String, key: SymmetricKey) -> String {
        hex(HMAC<SHA256>.authenticationCode(for: Array(stringToSign.utf8), using: key))
    }

    public static func sha256Hex(_ bytes: [UInt8]) -> String { hex(SHA256.hash(data: bytes)) }

    /// True when both have the same bytes, in time that depends only on their lengths, so a
    /// verifier does not tell an attacker how many leading characters of a forged signature were right.
    public static func constantTimeEquals(_ lhs: String, _ rhs: String) -> Bool {
        let a = Array(lhs.utf8)
        let b = Array(rhs.utf8)
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }

    static func trimmed(_ value: String) -> String {
        if isTrimmed(value) { return value }
        return value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }).joined(separator: " ")
    }

    /// Whether `trimmed` would give `value` back: no tab or line break, no space at either end or
    /// next to another (true of almost every header a client sends, so nothing is split and joined).
    static func isTrimmed(_ value: String) -> Bool {
        var previousIsSpace = true
        for byte in value.utf8 {
            if byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") { return false }
            let isSpace = byte == UInt8(ascii: " ")
            if isSpace && previousIsSpace { return false }
            previousIsSpace = isSpace
        }
        return !previousIsSpace || value.isEmpty
    }

    /// `20150830T123600Z`, always UTC.
    public static func amzDate(_ date: Date) -> String {
        let text = date.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC") ?? .current))
        return text.filter { $0 != "-" && $0 != ":" }
    }

    /// Parses `20150830T123600Z`; nil for anything else.
    public static func parseAmzDate(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count == 16, bytes[8] == UInt8(ascii: "T"), bytes[15] == UInt8(ascii: "Z") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(4..<6), let day = number(6..<8), let hour = number(9..<11),
            let minute = number(11..<13), let second = number(13..<15), (1...12).contains(month), (1...31).contains(day),
            hour < 24, minute < 60, second < 61
        else { return nil }
        // Arithmetic, not `Calendar`: this runs for every request `iamconf serve` verifies. A day past
        // the month's end rolls over into the next month, as `Calendar.date(from:)` does.
        let seconds = daysSince1970(year: year, month: month, day: day) * 86_400 + hour * 3600 + minute * 60 + second
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// Howard Hinnant's days-from-civil (proleptic Gregorian): days from 1970-01-01 to that date.
    static func daysSince1970(year: Int, month: Int, day: Int) -> Int {
        let shifted = month <= 2 ? year - 1 : year
        let era = (shifted >= 0 ? shifted : shifted - 399) / 400
        let yearOfEra = shifted - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    public static func dateStamp(_ date: Date) -> String { String(amzDate(date).prefix(8)) }

    static func hex<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
