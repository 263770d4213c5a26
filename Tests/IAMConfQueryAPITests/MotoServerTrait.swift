import IAMConfTestSupport
import Testing

/// The shared launcher, under the name this target's tests have always used.
typealias MotoServer = IAMConfTestSupport.MotoServer

/// Runs a whole suite against one moto_server, started before its first test and stopped after its last.
struct MotoServerTrait: SuiteTrait, TestScoping {
    var environment: [String: String] = [:]
    var isRecursive: Bool { false }

    func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        let server = try await MotoServer.start(environment: environment)
        defer { server.stop() }
        try await MotoServer.$current.withValue(server) { try await function() }
    }
}

extension Trait where Self == MotoServerTrait {
    /// One moto_server for the suite; tests read it from `MotoServer.current`.
    static var motoServer: Self { Self() }

    /// One moto_server started with extra environment variables.
    static func motoServer(environment: [String: String]) -> Self { Self(environment: environment) }
}
