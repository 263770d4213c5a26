import Foundation
import IAMConfBackend
import IAMConfCore
import IAMConfQueryAPI
import IAMConfTestSupport
import Testing

/// Lost answers against a real moto_server (issue 9): FaultProxy lets moto perform the call and
/// then closes the client's connection; the backend must not send the call again, and a direct
/// read shows what moto did.
@Suite(.motoServer, .serialized) struct MotoFaultTests {
    static let account = "123456789012"
    let server: MotoServer
    /// Straight to moto, to check what exists.
    let direct: HTTPBackend

    init() throws {
        server = try #require(MotoServer.current, "the suite trait starts moto_server")
        direct = try HTTPBackend(HTTPBackend.Configuration(endpoint: server.url, parallelism: 2), environment: [:])
    }

    /// A backend through a proxy that drops every `actions` call (`nil`: every call) after it ran.
    func throughProxy(
        fault: FaultProxy.Fault = .dropAnswer, rate: Double = 1, actions: Set<String>?, seed: UInt64 = 1
    ) throws -> (HTTPBackend, FaultProxy) {
        let proxy = try FaultProxy.start(upstream: server.url, fault: fault, rate: rate, seed: seed, onlyActions: actions)
        let backend = try HTTPBackend(HTTPBackend.Configuration(endpoint: proxy.url, parallelism: 4), environment: [:])
        return (backend, proxy)
    }

    func user(_ name: String) -> IAMRequest { .createUser(name: name, path: "/", tags: [], permissionsBoundary: nil) }

    @Test func createUserWhoseAnswerIsLostThrowsTransportAndTheUserExists() async throws {
        let (backend, proxy) = try throughProxy(actions: ["CreateUser"])
        defer { proxy.stop() }
        let error = await #expect(throws: BackendError.self) { try await backend.perform(user("f-lost"), in: Self.account) }
        #expect(error?.code == .transport)
        #expect(proxy.counts.droppedActions == ["CreateUser"])
        let read = try await direct.perform(.getUser(name: "f-lost"), in: Self.account)
        #expect(read.arn == "arn:aws:iam::123456789012:user/f-lost")
    }

    @Test func createAccessKeyWhoseAnswerIsLostIsNotRetried() async throws {
        _ = try await direct.perform(user("f-keys"), in: Self.account)
        let (backend, proxy) = try throughProxy(actions: ["CreateAccessKey"])
        defer { proxy.stop() }
        let error = await #expect(throws: BackendError.self) { try await backend.perform(.createAccessKey(userName: "f-keys"), in: Self.account) }
        #expect(error?.code == .transport)
        let keys = try await direct.perform(.listAccessKeys(userName: "f-keys"), in: Self.account).attributes?["access_keys"]
        let list = try #require(keys?.arrayValue)
        #expect(list.count == 1, "exactly one key: \(keys?.compactText() ?? "none")")
        #expect(proxy.droppedCount == 1)
    }

    @Test func requestDroppedBeforeForwardingLeavesNothing() async throws {
        let (backend, proxy) = try throughProxy(fault: .dropRequest, actions: ["CreateUser"])
        defer { proxy.stop() }
        let error = await #expect(throws: BackendError.self) { try await backend.perform(user("f-never"), in: Self.account) }
        #expect(error?.code == .transport)
        let missing = await #expect(throws: BackendError.self) { try await direct.perform(.getUser(name: "f-never"), in: Self.account) }
        #expect(missing?.code == .noSuchEntity)
    }

    /// Reads through a lossy proxy keep being retried, so a refresh at 30% loss still succeeds;
    /// concurrent connections all get their own answer.
    @Test func readsSurviveALossyProxy() async throws {
        for index in 0..<6 { _ = try await direct.perform(user("f-read\(index)"), in: Self.account) }
        let (backend, proxy) = try throughProxy(rate: 0.3, actions: ["GetUser"], seed: 7)
        defer { proxy.stop() }
        let arns = try await withThrowingTaskGroup(of: String?.self) { group in
            for index in 0..<6 {
                group.addTask { try await backend.perform(.getUser(name: "f-read\(index)"), in: Self.account).arn }
            }
            return try await group.reduce(into: [String]()) { $0.append($1 ?? "") }
        }
        #expect(Set(arns).count == 6)
        let counts = proxy.counts
        #expect(counts.dropped > 0, "seed 7 at 30% drops some of \(counts.requests) calls")
        #expect(counts.answered == counts.requests - counts.dropped)
    }

    /// The same seed drops the same number of calls out of the same number of draws.
    @Test func aSeedReplaysTheSameFaults() async throws {
        var dropped: [Int] = []
        for _ in 0..<2 {
            let (backend, proxy) = try throughProxy(rate: 0.5, actions: ["ListAccountAliases"], seed: 42)
            for _ in 0..<8 { _ = try? await backend.perform(.listAccountAliases, in: Self.account) }
            proxy.setFaultRate(0)
            dropped.append(proxy.droppedCount)
            proxy.stop()
        }
        #expect(dropped[0] == dropped[1])
        #expect(dropped[0] > 0)
    }

    @Test func stoppedProxyRefusesConnections() async throws {
        let (backend, proxy) = try throughProxy(rate: 0, actions: nil)
        _ = try await backend.perform(.listAccountAliases, in: Self.account)
        proxy.stop()
        let after = try HTTPBackend(
            HTTPBackend.Configuration(endpoint: proxy.url, retry: .none), environment: [:])
        let error = await #expect(throws: BackendError.self) { try await after.perform(.listAccountAliases, in: Self.account) }
        #expect(error?.message.contains("connection refused") == true, "\(String(describing: error))")
    }
}
