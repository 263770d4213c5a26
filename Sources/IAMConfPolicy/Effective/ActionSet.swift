/// A set of catalog actions, by their position in `ActionIndex`: one bit per action.
///
/// The whole catalog is about 20,500 actions, so a set is 321 words; union, difference and
/// counting over whole services stay cheap even for `*`. Only sets made from one index may be combined.
struct ActionSet: Sendable, Hashable {
    private(set) var words: [UInt64]

    init(capacity: Int) {
        words = Array(repeating: 0, count: (capacity + 63) / 64)
    }

    /// Every position in `range`.
    init(capacity: Int, range: Range<Int>) {
        self.init(capacity: capacity)
        for index in range { insert(index) }
    }

    var isEmpty: Bool { words.allSatisfy { $0 == 0 } }

    /// The smallest member.
    var first: Int? {
        for (i, word) in words.enumerated() where word != 0 { return i << 6 + word.trailingZeroBitCount }
        return nil
    }

    var count: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }

    func contains(_ index: Int) -> Bool {
        words[index >> 6] & (1 << UInt64(index & 63)) != 0
    }

    mutating func insert(_ index: Int) {
        words[index >> 6] |= 1 << UInt64(index & 63)
    }

    mutating func formUnion(_ other: ActionSet) {
        for i in words.indices { words[i] |= other.words[i] }
    }

    mutating func subtract(_ other: ActionSet) {
        for i in words.indices { words[i] &= ~other.words[i] }
    }

    mutating func formIntersection(_ other: ActionSet) {
        for i in words.indices { words[i] &= other.words[i] }
    }

    func union(_ other: ActionSet) -> ActionSet {
        var out = self
        out.formUnion(other)
        return out
    }

    func subtracting(_ other: ActionSet) -> ActionSet {
        var out = self
        out.subtract(other)
        return out
    }

    func intersection(_ other: ActionSet) -> ActionSet {
        var out = self
        out.formIntersection(other)
        return out
    }

    /// The complement within the first `capacity` positions (NotAction).
    func inverted(capacity: Int) -> ActionSet {
        var out = self
        for i in out.words.indices { out.words[i] = ~out.words[i] }
        let extra = out.words.count * 64 - capacity
        if extra > 0, !out.words.isEmpty { out.words[out.words.count - 1] &= UInt64.max >> UInt64(extra) }
        return out
    }

    /// Whether the two sets share a member, and whether this one lies wholly inside `other`, in
    /// one pass and without making a set (most refinements of a class cut nothing).
    func overlap(with other: ActionSet) -> (shares: Bool, isInside: Bool) {
        var shares = false
        var inside = true
        for i in words.indices {
            let word = words[i]
            if word & other.words[i] != 0 { shares = true }
            if word & ~other.words[i] != 0 { inside = false }
        }
        return (shares, inside)
    }

    func isSubset(of other: ActionSet) -> Bool {
        for i in words.indices where words[i] & ~other.words[i] != 0 { return false }
        return true
    }

    /// How many members fall in `range`.
    func count(in range: Range<Int>) -> Int {
        var n = 0
        forEach(in: range) { _ in n += 1 }
        return n
    }

    /// The members in ascending order.
    var members: [Int] {
        var out: [Int] = []
        forEach(in: 0..<(words.count * 64)) { out.append($0) }
        return out
    }

    /// Calls `body` for each member in `range`, in ascending order, skipping empty words.
    func forEach(in range: Range<Int>, _ body: (Int) -> Void) {
        guard !range.isEmpty else { return }
        var word = range.lowerBound >> 6
        let lastWord = min(words.count - 1, (range.upperBound - 1) >> 6)
        while word <= lastWord {
            var bits = words[word]
            while bits != 0 {
                let index = word << 6 + bits.trailingZeroBitCount
                bits &= bits - 1
                if index >= range.upperBound { return }
                if index >= range.lowerBound { body(index) }
            }
            word += 1
        }
    }
}
