/// "Did you mean" suggestions: the closest candidate by Levenshtein distance.
enum EditDistance {
    /// The candidate nearest to `word`, if it is close enough to be a plausible typo.
    ///
    /// Case is ignored, so `s3access` finds `S3Access`. Only a bounded number
    /// of candidates is examined, so an error in a huge configuration stays cheap.
    static func suggestion(for word: String, in candidates: some Sequence<String>) -> String? {
        let target = Array(word.lowercased().unicodeScalars)
        let limit = max(2, target.count / 3)
        var best: (name: String, distance: Int)?
        var examined = 0
        for candidate in candidates {
            examined += 1
            if examined > 5_000 { break }
            let other = Array(candidate.lowercased().unicodeScalars)
            if target.count >= 3, other.starts(with: target), best == nil { best = (candidate, limit) }
            if abs(other.count - target.count) > limit { continue }
            let distance = levenshtein(target, other)
            if distance <= limit, distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
        }
        return best?.name
    }

    /// A hint sentence for the suggestion, or nil.
    static func hint(for word: String, in candidates: some Sequence<String>) -> String? {
        suggestion(for: word, in: candidates).map { "did you mean '\($0)'?" }
    }

    static func levenshtein(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
