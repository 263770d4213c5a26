import Foundation
import IAMConfEngine
import IAMConfSimulator
import Testing

@Suite struct PerformanceTests {
    /// 100k mutating calls then one flush, the shape of a large apply. Generous bound: debug
    /// builds on a shared 2-core machine.
    @Test func hundredThousandCallsAndAFlushStayFast() async throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let simulator = try IAMSimulator(directory: directory, clock: { fixedDate }, idGenerator: .seeded(3), limits: .unboundedAccounts)
        let clock = ContinuousClock()
        let start = clock.now
        for index in 0..<50_000 {
            try await simulator.run(.createUser(name: "user\(index)", path: "/", tags: [], permissionsBoundary: nil))
            try await simulator.run(.tagUser(name: "user\(index)", tags: [.init(key: "n", value: "\(index)")]))
        }
        let performed = clock.now
        try await simulator.flush()
        let flushed = clock.now
        let reloaded = try IAMSimulator(directory: directory, clock: { fixedDate }, idGenerator: .seeded(3))
        let loaded = clock.now
        #expect(await reloaded.snapshot.account(account)?.users.count == 50_000)
        print("perform \(performed - start), flush \(flushed - performed), load \(loaded - flushed)")
        #expect(flushed - start < .seconds(60))
    }
}
