import Foundation
import Testing
@testable import IAMConfState

/// Opt-in timings: `IAMCONF_BENCH=100000 swift test -c release --filter StateBenchmarkTests`.
/// Not a pass/fail test (the machine's load decides the numbers); it prints CPU and wall time.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["IAMCONF_BENCH"] != nil))
struct StateBenchmarkTests {
    static var count: Int { Int(ProcessInfo.processInfo.environment["IAMCONF_BENCH"] ?? "") ?? 10_000 }

    static func measure(_ label: String, _ body: () throws -> Void) rethrows {
        var best = (wall: Double.infinity, cpu: Double.infinity)
        for _ in 0..<3 {
            let wall = ContinuousClock.now
            let cpu = clock()
            try body()
            let cpuMillis = Double(clock() - cpu) * 1000 / Double(CLOCKS_PER_SEC)
            let wallMillis = Double((ContinuousClock.now - wall).components.attoseconds) / 1e15
                + Double((ContinuousClock.now - wall).components.seconds) * 1000
            best = (min(best.wall, wallMillis), min(best.cpu, cpuMillis))
        }
        print("\(label): wall \(Int(best.wall)) ms, cpu \(Int(best.cpu)) ms")
    }

    @Test func encodeDecodeWriteLoad() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let state = Samples.largeState(Self.count)
        var bytes: [UInt8] = []
        Self.measure("\(Self.count) resources, encode") { bytes = StateFile.encode(state) }
        var kept: [State] = []
        try Self.measure("\(Self.count) resources, decode (\(bytes.count / 1024) KiB)") { kept.append(try StateFile.decode(bytes, path: "b")) }
        #expect(kept.first == state)
        let store = StateStore(path: dir.file("s.json"))
        var current = state
        try Self.measure("\(Self.count) resources, store.write") { current = try store.write(current) }
        try Self.measure("\(Self.count) resources, store.load") { kept.append(try #require(try StateStore(path: store.path).load())) }
    }
}
