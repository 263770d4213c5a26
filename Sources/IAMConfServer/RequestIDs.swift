/// Random identifiers the server hands out: request ids, temporary access keys, secrets, tokens.
struct RequestIDs: Sendable {
    static let upperBase32 = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
    static let secretAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")

    static func random(_ count: Int, from alphabet: [Character]) -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<count).map { _ in alphabet[Int(generator.next(upperBound: UInt64(alphabet.count)))] })
    }

    /// `c6104cbe-af31-11e0-8154-cbc7ccf896c7`-shaped.
    /// Two 64-bit draws, not one per digit: each draw is a `getrandom` call.
    static func requestID() -> String {
        var generator = SystemRandomNumberGenerator()
        let bits = [generator.next() as UInt64, generator.next() as UInt64]
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(36)
        for index in 0..<32 {
            if [8, 12, 16, 20].contains(index) { text.append(UInt8(ascii: "-")) }
            let word = bits[index / 16]
            text.append(digits[Int((word >> UInt64(60 - 4 * (index % 16))) & 0xF)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// `ASIA` + 16 characters, as STS's temporary keys look.
    static func temporaryAccessKeyID() -> String { "ASIA" + random(16, from: upperBase32) }

    static func secretAccessKey() -> String { random(40, from: secretAlphabet) }

    static func sessionToken() -> String { "IQoJb3JpZ2luX2VjE" + random(300, from: secretAlphabet) }
}
