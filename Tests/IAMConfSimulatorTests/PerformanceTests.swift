import Foundation
import IAMConfEngine
import IAMConfSimulator
import Testing

@Suite struct PerformanceTests {
    /// 20k mutating calls then one flush and a reload, the shape of a large apply, kept small so
    /// the shared test run stays quick. (100k calls measured 1.8 s perform, 2.8 s flush, 1.4 s load
    /// in a debug build under load; the writer alone is 0.14 s for 50k users in release.)
    /// Generous bound: debug builds on a shared 2-core machine.
    @Test func twentyThousandCallsAndAFlushStayFast() async throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let simulator = try IAMSimulator(directory: directory, clock: { fixedDate }, idGenerator: .seeded(3), limits: .unboundedAccounts)
        let clock = ContinuousClock()
        let start = clock.now
        for index in 0..<10_000 {
            try await simulator.run(.createUser(name: "user\(index)", path: "/", tags: [], permissionsBoundary: nil))
            try await simulator.run(.tagUser(name: "user\(index)", tags: [.init(key: "n", value: "\(index)")]))
        }
        let performed = clock.now
        try await simulator.flush()
        let flushed = clock.now
        let reloaded = try IAMSimulator(directory: directory, clock: { fixedDate }, idGenerator: .seeded(3))
        let loaded = clock.now
        #expect(await reloaded.snapshot.account(account)?.users.count == 10_000)
        print("perform \(performed - start), flush \(flushed - performed), load \(loaded - flushed)")
        #expect(flushed - start < .seconds(20))
    }
}
