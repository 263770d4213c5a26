import Testing

@testable import IAMConfCore

@Suite struct ParallelTests {
    @Test("results come back in index order, whatever order the pieces finish in", arguments: [0, 1, 2, 7, 64])
    func keepsOrder(count: Int) {
        let results = Parallel.map(count: count) { index -> String in
            // Uneven work, so later pieces can finish first.
            var total = 0
            for step in 0..<((count - index) * 1_000) { total &+= step }
            return "\(index):\(total >= 0)"
        }
        #expect(results == (0..<count).map { "\($0):true" })
    }
}
