#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#endif

/// Makes the identifiers and secrets IAM would assign: unique ids, access keys, passwords.
///
/// `.seeded` gives the same sequence on every run, so golden files and tests are stable (the way
/// swift-nio's `NIOEmbedded` makes time and I/O deterministic); `.random` is for real use.
public struct IDGenerator: Sendable {
    private enum Source: Sendable {
        case system
        case seeded(state: UInt64)
    }

    private var source: Source
    /// System randomness fetched 256 words at a time: a 10k apply draws about 40,000 words
    /// (mostly for console passwords), and one `getrandom` each was a measurable part of it.
    /// Read by position, not consumed: the simulator hands a copy of the generator to each
    /// operation, and taking words out of a shared array would copy all of it on the first draw.
    private var pool: [UInt64] = []
    private var poolIndex = 0

    /// Random ids from the system generator.
    public static var random: IDGenerator { IDGenerator(source: .system) }

    /// A reproducible sequence: the same seed gives the same ids in the same order.
    public static func seeded(_ seed: UInt64) -> IDGenerator { IDGenerator(source: .seeded(state: seed)) }

    private init(source: Source) { self.source = source }

    /// IAM's unique-id alphabet: uppercase letters and the digits 2-7 (base32).
    static let idAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
    private static let secretAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")

    /// A 21-character unique id with IAM's prefix (`AIDA` users, `AGPA` groups, `AROA` roles,
    /// `ANPA` policies, `AIPA` instance profiles).
    /// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids
    public mutating func uniqueID(prefix: String) -> String {
        prefix + string(count: 21 - prefix.count, from: IDGenerator.idAlphabet)
    }

    /// A 20-character access key id, `AKIA` and 16 base32 characters.
    public mutating func accessKeyID() -> String {
        "AKIA" + string(count: 16, from: IDGenerator.idAlphabet)
    }

    /// A 40-character secret access key.
    /// A virtual MFA device's seed: 64 Base32 characters (40 bytes), as IAM's `Base32StringSeed`.
    public mutating func mfaSeed() -> String {
        string(count: 64, from: Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"))
    }

    public mutating func secretAccessKey() -> String {
        string(count: 40, from: IDGenerator.secretAlphabet)
    }

    /// A console password that satisfies any password policy: 20 characters with upper and lower
    /// case letters, digits and symbols, and at least `minimumLength` long.
    public mutating func password(minimumLength: Int) -> String {
        let lower = Array("abcdefghijkmnopqrstuvwxyz"), upper = Array("ABCDEFGHJKLMNPQRSTUVWXYZ")
        let digits = Array("23456789"), symbols = Array("!@#$%^&*()_+-=[]{}|'")
        let all = lower + upper + digits + symbols
        var characters = [lower, upper, digits, symbols].map { pick(from: $0) }
        while characters.count < max(20, minimumLength) { characters.append(pick(from: all)) }
        // Shuffle so the classes are not always in the same positions.
        for index in stride(from: characters.count - 1, to: 0, by: -1) {
            characters.swapAt(index, Int(next() % UInt64(index + 1)))
        }
        return String(characters)
    }

    /// `count` characters of `alphabet`. Alphabets of 32 and 64 characters (ids, keys) take 5 or 6
    /// bits per character from each random 64-bit word: one `getrandom` call per dozen characters
    /// instead of one per character, which was a tenth of a large apply.
    private mutating func string(count: Int, from alphabet: [Character]) -> String {
        var result = ""
        result.reserveCapacity(count)
        let bits = alphabet.count == 32 ? 5 : alphabet.count == 64 ? 6 : 0
        guard bits > 0 else {
            for _ in 0..<count { result.append(pick(from: alphabet)) }
            return result
        }
        var word: UInt64 = 0
        var left = 0
        for _ in 0..<count {
            if left < bits {
                word = next()
                left = 64
            }
            result.append(alphabet[Int(word & ((1 << UInt64(bits)) - 1))])
            word >>= UInt64(bits)
            left -= bits
        }
        return result
    }

    private mutating func pick(from alphabet: [Character]) -> Character {
        alphabet[Int(next() % UInt64(alphabet.count))]
    }

    /// SplitMix64 for the seeded case: tiny, fast, and good enough to never repeat an id in practice.
    private mutating func next() -> UInt64 {
        switch source {
        case .system:
            if poolIndex == pool.count {
                pool = Self.systemWords(256)
                poolIndex = 0
            }
            defer { poolIndex += 1 }
            return pool[poolIndex]
        case let .seeded(state):
            let advanced = state &+ 0x9E37_79B9_7F4A_7C15
            source = .seeded(state: advanced)
            var z = advanced
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// `count` words from the system's cryptographic generator in a few calls where the platform
    /// allows (/dev/urandom, arc4random_buf(3)); word by word through the standard library otherwise.
    private static func systemWords(_ count: Int) -> [UInt64] {
        var words = [UInt64](repeating: 0, count: count)
        let filled = words.withUnsafeMutableBytes { raw -> Bool in
            guard let base = raw.baseAddress else { return false }
            #if canImport(Darwin)
            arc4random_buf(base, raw.count)
            return true
            #elseif canImport(Glibc)
            // Swift's Glibc module does not export getrandom(2); /dev/urandom is the same source.
            let file = open("/dev/urandom", O_RDONLY | O_CLOEXEC)
            guard file >= 0 else { return false }
            defer { close(file) }
            var done = 0
            while done < raw.count {
                let got = read(file, base + done, raw.count - done)
                if got > 0 { done += got } else if got < 0 && errno == EINTR { continue } else { return false }
            }
            return true
            #else
            return false
            #endif
        }
        if !filled {
            var generator = SystemRandomNumberGenerator()
            for index in words.indices { words[index] = generator.next() }
        }
        return words
    }
}
