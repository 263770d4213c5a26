/// A line-level diff (longest common subsequence), for showing how a policy document changes.
///
/// Two JSON blobs side by side hide a one-word change in a forty-line policy; a unified diff with
/// `-`/`+` lines and their context shows it at a glance, the way `git diff` does.
public enum LineDiff {
    /// One line of the result: kept, removed from the old text, or added by the new one.
    public enum Line: Sendable, Hashable {
        case context(String)
        case delete(String)
        case insert(String)

        public var text: String {
            switch self {
            case let .context(text), let .delete(text), let .insert(text): return text
            }
        }

        public var isChange: Bool {
            if case .context = self { return false }
            return true
        }
    }

    /// What a rendered diff shows: lines, and runs of unchanged lines left out for brevity.
    public enum Piece: Sendable, Hashable {
        case line(Line)
        case skipped(Int)
    }

    /// Above this many cells the quadratic table is not worth it; the differing middle is then
    /// shown as all removed and all added, which is still a correct (if longer) diff.
    static let maxTableCells = 2_250_000

    /// Every line of both texts in order; within a changed run, removals come before additions.
    public static func diff(_ old: [String], _ new: [String]) -> [Line] {
        var prefix = 0
        while prefix < old.count, prefix < new.count, old[prefix] == new[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < old.count - prefix, suffix < new.count - prefix,
            old[old.count - 1 - suffix] == new[new.count - 1 - suffix]
        {
            suffix += 1
        }
        let oldMiddle = Array(old[prefix..<(old.count - suffix)])
        let newMiddle = Array(new[prefix..<(new.count - suffix)])
        var result = old[..<prefix].map(Line.context)
        result += middle(oldMiddle, newMiddle)
        result += old[(old.count - suffix)...].map(Line.context)
        return result
    }

    /// The LCS table walked from the front: `table[i][j]` is the LCS length of `a[i...]` and `b[j...]`.
    private static func middle(_ a: [String], _ b: [String]) -> [Line] {
        guard !a.isEmpty, !b.isEmpty, (a.count + 1) * (b.count + 1) <= maxTableCells else {
            return a.map(Line.delete) + b.map(Line.insert)
        }
        let width = b.count + 1
        var table = [Int](repeating: 0, count: (a.count + 1) * width)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                table[i * width + j] =
                    a[i] == b[j] ? table[(i + 1) * width + j + 1] + 1 : max(table[(i + 1) * width + j], table[i * width + j + 1])
            }
        }
        var result: [Line] = []
        var pendingInserts: [Line] = []
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] {
                result += pendingInserts
                pendingInserts = []
                result.append(.context(a[i]))
                i += 1
                j += 1
            } else if i < a.count, j == b.count || table[(i + 1) * width + j] >= table[i * width + j + 1] {
                result.append(.delete(a[i]))
                i += 1
            } else {
                pendingInserts.append(.insert(b[j]))
                j += 1
            }
        }
        return result + pendingInserts
    }

    /// The diff with unchanged runs longer than `context` lines on either side of a change folded
    /// into `.skipped(count)`, like a unified diff's hunks. A single unchanged line is shown rather
    /// than replaced by a note as long as itself.
    public static func hunks(_ lines: [Line], context: Int = 3) -> [Piece] {
        let changes = lines.indices.filter { lines[$0].isChange }
        var keep = [Bool](repeating: false, count: lines.count)
        for index in changes {
            for k in max(0, index - context)...min(lines.count - 1, index + context) { keep[k] = true }
        }
        for index in keep.indices where !keep[index] {
            let alone = (index == 0 || keep[index - 1]) && (index == keep.count - 1 || keep[index + 1])
            if alone { keep[index] = true }
        }
        var pieces: [Piece] = []
        var skipped = 0
        for (index, line) in lines.enumerated() {
            if keep[index] {
                if skipped > 0 { pieces.append(.skipped(skipped)) }
                skipped = 0
                pieces.append(.line(line))
            } else {
                skipped += 1
            }
        }
        if skipped > 0 { pieces.append(.skipped(skipped)) }
        return pieces
    }
}
