/// Random identifiers the server hands out: request ids, temporary access keys, secrets, tokens.
struct RequestIDs: Sendable {
    static let upperBase32 = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
    static let secretAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")

    static func random(_ count: Int, from alphabet: [Character]) -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<count).map { _ in alphabet[Int(generator.next(upperBound: UInt64(alphabet.count)))] })
    }

    /// `c6104cbe-af31-11e0-8154-cbc7ccf896c7`-shaped.
    static func requestID() -> String {
        let hex = Array("0123456789abcdef")
        let text = random(32, from: hex)
        let chars = Array(text)
        return [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(chars[$0]) }.joined(separator: "-")
    }

    /// `ASIA` + 16 characters, as STS's temporary keys look.
    static func temporaryAccessKeyID() -> String { "ASIA" + random(16, from: upperBase32) }

    static func secretAccessKey() -> String { random(40, from: secretAlphabet) }

    static func sessionToken() -> String { "IQoJb3JpZ2luX2VjE" + random(300, from: secretAlphabet) }
}
