import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The moto_server helper itself: it starts on a free port, answers, and leaves no process behind.
@Suite struct MotoServerHelperTests {
    @Test func stopLeavesNoProcess() async throws {
        let server = try await MotoServer.start()
        #expect(kill(server.pid, 0) == 0)
        server.stop()
        #expect(kill(server.pid, 0) == -1)
        #expect(errno == ESRCH)
    }

    @Test func freePortsDiffer() throws {
        let ports = try (0..<5).map { _ in try MotoServer.freePort() }
        #expect(ports.allSatisfy { (1024...65535).contains($0) })
        #expect(Set(ports).count > 1)
    }
}
