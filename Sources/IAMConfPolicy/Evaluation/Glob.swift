/// A compiled `*`/`?` wildcard pattern matched against UTF-8 bytes without allocating.
///
/// Tokens 0...255 are literal bytes, `star` and `question` the wildcards; a literal `*` (from the
/// `${*}` variable) is token 42 and matches only `*`. Case-insensitive patterns hold lower-cased
/// tokens and fold the input's ASCII letters as they go (action names ignore case; ARNs do not).
struct Glob: Sendable, Hashable {
    static let star: UInt16 = 256
    static let question: UInt16 = 257
    static let colon: UInt16 = 58

    var tokens: [UInt16]
    var isCaseInsensitive: Bool
    /// True for the lone `*`, which matches everything (the common case, checked first).
    var isMatchAll: Bool
    /// Token offsets of the first five literal colons, when the pattern has the six ARN parts.
    var arnColons: [Int]?
    /// Token offsets of the first (up to five) literal colons of a pattern that starts with `arn:`;
    /// nil for other patterns. Used by `matchesResource`.
    var segmentEnds: [Int]?
    /// True when one of the pattern's first five segments ends with `*`, or the pattern has fewer
    /// than six segments: such a `*` may match across colons, so the per-segment walk is not enough.
    var hasCrossingStar: Bool

    init(tokens: [UInt16], caseInsensitive: Bool) {
        self.tokens = caseInsensitive ? tokens.map { $0 < 256 ? UInt16(Glob.lower(UInt8($0))) : $0 } : tokens
        self.isCaseInsensitive = caseInsensitive
        self.isMatchAll = tokens == [Glob.star]
        var colons: [Int] = []
        for (i, t) in self.tokens.enumerated() where t == Glob.colon && colons.count < 5 { colons.append(i) }
        let isARN = self.tokens.starts(with: [97, 114, 110, 58])
        self.arnColons = colons.count == 5 && isARN ? colons : nil
        self.segmentEnds = isARN ? colons : nil
        // No closures or temporary arrays: templated resources compile a Glob per request.
        var crossing = false
        if isARN {
            for end in colons where end > 0 && self.tokens[end - 1] == Glob.star { crossing = true }
            if colons.count < 5, self.tokens.last == Glob.star { crossing = true }
        }
        self.hasCrossingStar = crossing
    }

    /// A pattern where `*` and `?` are wildcards.
    init(_ pattern: String, caseInsensitive: Bool) {
        self.init(tokens: Glob.tokens(pattern, wildcards: true), caseInsensitive: caseInsensitive)
    }

    static func tokens(_ text: String, wildcards: Bool) -> [UInt16] {
        text.utf8.map { byte in
            guard wildcards else { return UInt16(byte) }
            switch byte {
            case UInt8(ascii: "*"): return star
            case UInt8(ascii: "?"): return question
            default: return UInt16(byte)
            }
        }
    }

    @inline(__always) static func lower(_ b: UInt8) -> UInt8 {
        b >= 65 && b <= 90 ? b | 0x20 : b
    }

    /// Whole-text match.
    func matches(_ input: UnsafeBufferPointer<UInt8>) -> Bool {
        if isMatchAll { return true }
        return tokens.withUnsafeBufferPointer { p in
            Glob.match(p, 0, p.count, input, 0, input.count, isCaseInsensitive)
        }
    }

    /// ARN match: each of the six colon-separated parts is matched on its own, so a wildcard does
    /// not run across parts; patterns or inputs without six parts fall back to whole-text matching.
    /// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html
    func matchesARN(_ input: UnsafeBufferPointer<UInt8>, colons: ARNColons) -> Bool {
        if isMatchAll { return true }
        guard let arnColons, colons.count == 5 else { return matches(input) }
        return tokens.withUnsafeBufferPointer { p in
            var pStart = 0
            var sStart = 0
            for part in 0..<6 {
                let pEnd = part < 5 ? arnColons[part] : p.count
                let sEnd = part < 5 ? colons[part] : input.count
                if !Glob.match(p, pStart, pEnd, input, sStart, sEnd, isCaseInsensitive) { return false }
                pStart = pEnd + 1
                sStart = sEnd + 1
            }
            return true
        }
    }

    /// Resource-element match: like `matchesARN`, but a `*` that ends one of the first five segments
    /// (or ends a pattern with fewer than six segments, `arn:aws:dynamodb:us-east-1:*`) may expand
    /// across colons, as the Resource page documents ("If the * wildcard is the last character of a
    /// resource ARN segment, it can expand to match beyond the colon boundaries").
    /// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html
    func matchesResource(_ input: UnsafeBufferPointer<UInt8>, colons: ARNColons) -> Bool {
        if isMatchAll { return true }
        guard let segmentEnds, colons.count > 0 else { return matches(input) }
        if !hasCrossingStar, arnColons != nil, colons.count == 5 { return matchesARN(input, colons: colons) }
        return tokens.withUnsafeBufferPointer { p in
            segmentEnds.withUnsafeBufferPointer { ends in
                Glob.matchSegments(p, ends, 0, 0, input, 0, isCaseInsensitive)
            }
        }
    }

    /// Matches pattern segment `k` (starting at token `pFrom`) and the ones after it against the
    /// input from `sFrom`. A segment is matched within one input segment (up to the next colon);
    /// one ending with `*` may continue after any later colon. The sixth segment, the resource
    /// part, takes the rest of the input, colons included. Backtracks only over input colons.
    static func matchSegments(
        _ p: UnsafeBufferPointer<UInt16>, _ ends: UnsafeBufferPointer<Int>, _ k: Int, _ pFrom: Int,
        _ s: UnsafeBufferPointer<UInt8>, _ sFrom: Int, _ ci: Bool
    ) -> Bool {
        let isLast = k == ends.count
        let pEnd = isLast ? p.count : ends[k]
        if isLast, ends.count == 5 { return match(p, pFrom, pEnd, s, sFrom, s.count, ci) }
        var segmentEnd = sFrom
        while segmentEnd < s.count, s[segmentEnd] != 58 { segmentEnd += 1 }
        guard match(p, pFrom, pEnd, s, sFrom, segmentEnd, ci) else { return false }
        let crosses = pEnd > pFrom && p[pEnd - 1] == star
        if isLast { return crosses || segmentEnd == s.count }
        var colon = segmentEnd
        while colon < s.count {
            if s[colon] == 58, matchSegments(p, ends, k + 1, pEnd + 1, s, colon + 1, ci) { return true }
            guard crosses else { return false }
            colon += 1
        }
        return false
    }

    /// Iterative wildcard match with one backtrack point (linear for a single `*`, O(n·m) at worst).
    static func match(
        _ p: UnsafeBufferPointer<UInt16>, _ pFrom: Int, _ pTo: Int,
        _ s: UnsafeBufferPointer<UInt8>, _ sFrom: Int, _ sTo: Int, _ ci: Bool
    ) -> Bool {
        var pi = pFrom
        var si = sFrom
        var starP = -1
        var starS = 0
        while si < sTo {
            if pi < pTo {
                let t = p[pi]
                if t == star {
                    starP = pi
                    starS = si
                    pi += 1
                    continue
                }
                let c = ci ? lower(s[si]) : s[si]
                if t == question || t == UInt16(c) {
                    pi += 1
                    si += 1
                    continue
                }
            }
            guard starP >= 0 else { return false }
            pi = starP + 1
            starS += 1
            si = starS
        }
        while pi < pTo, p[pi] == star { pi += 1 }
        return pi == pTo
    }
}

/// Offsets of the first five colons of an ARN being matched, found once per request.
struct ARNColons {
    var storage: (Int, Int, Int, Int, Int) = (0, 0, 0, 0, 0)
    var count = 0

    init(_ input: UnsafeBufferPointer<UInt8>) {
        var i = 0
        while i < input.count, count < 5 {
            if input[i] == 58 {
                switch count {
                case 0: storage.0 = i
                case 1: storage.1 = i
                case 2: storage.2 = i
                case 3: storage.3 = i
                default: storage.4 = i
                }
                count += 1
            }
            i += 1
        }
        if !(input.count >= 4 && input[0] == 97 && input[1] == 114 && input[2] == 110 && input[3] == 58) { count = 0 }
    }

    subscript(_ i: Int) -> Int {
        switch i {
        case 0: return storage.0
        case 1: return storage.1
        case 2: return storage.2
        case 3: return storage.3
        default: return storage.4
        }
    }
}

extension String {
    /// Runs `body` over the string's UTF-8 bytes, copying only when the storage is not contiguous.
    @inline(__always) func withUTF8Bytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let r = utf8.withContiguousStorageIfAvailable(body) { return r }
        return Array(utf8).withUnsafeBufferPointer(body)
    }
}
