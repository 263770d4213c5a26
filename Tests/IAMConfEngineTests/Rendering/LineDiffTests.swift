import Testing

@testable import IAMConfEngine

@Suite struct LineDiffTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var old: [String]
        var new: [String]
        var expected: [LineDiff.Line]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "identical", old: ["a", "b", "c"], new: ["a", "b", "c"], expected: [.context("a"), .context("b"), .context("c")]),
        Case(name: "insert", old: ["a", "c"], new: ["a", "b", "c"], expected: [.context("a"), .insert("b"), .context("c")]),
        Case(name: "delete", old: ["a", "b", "c"], new: ["a", "c"], expected: [.context("a"), .delete("b"), .context("c")]),
        Case(
            name: "change", old: ["a", "b", "c"], new: ["a", "x", "c"],
            expected: [.context("a"), .delete("b"), .insert("x"), .context("c")]),
        Case(name: "both empty", old: [], new: [], expected: []),
        Case(name: "from nothing", old: [], new: ["a", "b"], expected: [.insert("a"), .insert("b")]),
        Case(name: "to nothing", old: ["a", "b"], new: [], expected: [.delete("a"), .delete("b")]),
        Case(
            name: "removals before additions in a changed run", old: ["a", "b", "c", "d"], new: ["a", "x", "y", "d"],
            expected: [.context("a"), .delete("b"), .delete("c"), .insert("x"), .insert("y"), .context("d")]),
        Case(
            name: "keeps the longest common run", old: ["x", "a", "b", "c", "y"], new: ["a", "b", "c", "z"],
            expected: [.delete("x"), .context("a"), .context("b"), .context("c"), .delete("y"), .insert("z")]),
    ]

    @Test(arguments: cases)
    func diff(_ c: Case) {
        #expect(LineDiff.diff(c.old, c.new) == c.expected)
    }

    /// Whatever the input, the context and deleted lines spell the old text and the context and
    /// inserted lines the new one, and nothing is kept that both texts do not share.
    @Test(arguments: [
        ("abcabba", "cbabac"), ("", "abc"), ("aaaa", "aa"), ("the quick brown fox", "the quack brown box"), ("xyz", "zyx"),
    ])
    func diffReconstructsBothSides(_ old: String, _ new: String) {
        let a = old.map(String.init), b = new.map(String.init)
        let lines = LineDiff.diff(a, b)
        #expect(lines.compactMap { if case .insert = $0 { nil } else { $0.text } } == a)
        #expect(lines.compactMap { if case .delete = $0 { nil } else { $0.text } } == b)
    }

    @Test func minimalForTheClassicExample() {
        // Myers' paper example: the LCS of ABCABBA and CBABAC has length 4.
        let lines = LineDiff.diff("ABCABBA".map(String.init), "CBABAC".map(String.init))
        #expect(lines.filter { !$0.isChange }.count == 4)
    }

    @Test func tooLargeForTheTableStillGivesACorrectDiff() {
        let old = (0..<2_100).map { "line \($0)" }
        let new = (0..<2_100).map { $0 % 2 == 0 ? "line \($0)" : "changed \($0)" }
        let lines = LineDiff.diff(["head"] + old + ["tail"], ["head"] + new + ["tail"])
        #expect(lines.first == .context("head"))
        #expect(lines.last == .context("tail"))
        #expect(lines.filter { if case .delete = $0 { true } else { false } }.count == 2_099)
    }

    @Test func hunksFoldLongUnchangedRuns() {
        let old = (1...10).map(String.init)
        var new = old
        new[4] = "five"
        let pieces = LineDiff.hunks(LineDiff.diff(old, new), context: 2)
        #expect(
            pieces == [
                .skipped(2), .line(.context("3")), .line(.context("4")), .line(.delete("5")), .line(.insert("five")),
                .line(.context("6")), .line(.context("7")), .skipped(3),
            ])
    }

    @Test func aSingleUnchangedLineIsShownNotFolded() {
        let pieces = LineDiff.hunks(LineDiff.diff(["a", "b", "c", "d"], ["a", "b", "c", "D"]), context: 2)
        #expect(pieces == [.line(.context("a")), .line(.context("b")), .line(.context("c")), .line(.delete("d")), .line(.insert("D"))])
    }

    @Test func hunksOfAnUnchangedTextAreOneSkip() {
        #expect(LineDiff.hunks(LineDiff.diff(["a", "b"], ["a", "b"])) == [.skipped(2)])
        #expect(LineDiff.hunks([]) == [])
    }
}
