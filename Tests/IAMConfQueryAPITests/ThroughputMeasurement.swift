import Foundation
import IAMConfEngine
import IAMConfQueryAPI
import Testing

/// Calls per second of CreateUser against moto_server: 1,000 sequential, then 1,000 with
/// parallelism 10. A measurement, not a timed test: it asserts only that every call succeeded,
/// prints the figures, and runs only when IAMCONF_MEASURE is set (it takes ~15 s).
@Suite(
    .enabled(if: ProcessInfo.processInfo.environment["IAMCONF_MEASURE"] != nil, "set IAMCONF_MEASURE=1 to measure"),
    .motoServer, .serialized)
struct ThroughputMeasurement {
    static let count = 1000

    func backend(parallelism: Int) throws -> HTTPBackend {
        let server = try #require(MotoServer.current)
        return try HTTPBackend(HTTPBackend.Configuration(endpoint: server.url, parallelism: parallelism), environment: [:])
    }

    @Test func createUsers() async throws {
        for account in ["123456789012", "444444444444"] {
            let sequential = try backend(parallelism: 1)
            _ = try await sequential.perform(.createUser(name: "warm-seq", path: "/", tags: [], permissionsBoundary: nil), in: account)
            var start = Date()
            for index in 0..<Self.count {
                _ = try await sequential.perform(.createUser(name: "seq-\(index)", path: "/", tags: [], permissionsBoundary: nil), in: account)
            }
            report("sequential", account, Date().timeIntervalSince(start))

            let parallel = try backend(parallelism: 10)
            _ = try await parallel.perform(.createUser(name: "warm-par", path: "/", tags: [], permissionsBoundary: nil), in: account)
            start = Date()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<Self.count {
                    group.addTask {
                        _ = try await parallel.perform(.createUser(name: "par-\(index)", path: "/", tags: [], permissionsBoundary: nil), in: account)
                    }
                }
                try await group.waitForAll()
            }
            report("parallelism 10", account, Date().timeIntervalSince(start))
        }
    }

    private func report(_ label: String, _ account: String, _ seconds: Double) {
        let kind = account == "123456789012" ? "caller account" : "assumed-role account"
        print("THROUGHPUT \(label), \(kind): \(Self.count) CreateUser in \(String(format: "%.2f", seconds)) s = \(String(format: "%.1f", Double(Self.count) / seconds)) calls/s")
    }
}
