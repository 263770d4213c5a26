import Foundation
import IAMConfBackend
import IAMConfCore
import IAMConfTestSupport
import Testing
@testable import IAMConfQueryAPI

/// A call that changes something is not sent again once its answer may have been lost (issue 9):
/// curl failures are classified by how far the request got, and the retry decision follows.
@Suite struct LostAnswerClassificationTests {
    /// (curl code, request bytes written, expected delivery). Codes: https://curl.se/libcurl/c/libcurl-errors.html
    @Test(arguments: [
        (Int32(7), 0, TransportFailure.Delivery.neverSent),  // connection refused
        (6, 0, .neverSent),  // host not found
        (5, 0, .neverSent),  // proxy not found
        (7, 120, .neverSent),  // never connected, whatever curl counted
        (28, 0, .neverSent),  // connect timeout: nothing written
        (35, 0, .neverSent),  // TLS handshake failed
        (28, 131, .mayHaveBeenPerformed),  // timed out waiting for the answer
        (52, 131, .mayHaveBeenPerformed),  // empty reply: the proxy closed after the upstream answered
        (56, 131, .mayHaveBeenPerformed),  // reset while receiving
        (55, 40, .mayHaveBeenPerformed),  // send error after part of the request went out
        (42, 131, .mayHaveBeenPerformed),  // cancelled after sending
    ])
    func curlFailureDelivery(code: Int32, bytes: Int, expected: TransportFailure.Delivery) {
        #expect(TransportFailure.delivery(curlCode: code, requestBytes: bytes) == expected)
    }

    static let lost = BackendError(.transport, "cannot reach http://127.0.0.1:1: connection lost")
    static let throttled = BackendError(.throttling, "Rate exceeded", httpStatus: 400)
    static let conflict = BackendError(.entityAlreadyExists, "exists", httpStatus: 409)

    @Test func aChangeWhoseAnswerWasLostIsNotRetried() {
        #expect(RetryDecision.after(Self.lost, delivery: .mayHaveBeenPerformed, isMutating: true, attempt: 1, maxAttempts: 5) == .lostAnswer)
        // Even on the last attempt or when cancelled: the caller must learn that it may have happened.
        #expect(RetryDecision.after(Self.lost, delivery: .mayHaveBeenPerformed, isMutating: true, attempt: 5, maxAttempts: 5) == .lostAnswer)
    }

    @Test func aReadWhoseAnswerWasLostIsRetried() {
        #expect(RetryDecision.after(Self.lost, delivery: .mayHaveBeenPerformed, isMutating: false, attempt: 1, maxAttempts: 5) == .retry)
        #expect(RetryDecision.after(Self.lost, delivery: .mayHaveBeenPerformed, isMutating: false, attempt: 5, maxAttempts: 5) == .giveUp)
    }

    @Test func aChangeThatNeverLeftIsRetried() {
        #expect(RetryDecision.after(Self.lost, delivery: .neverSent, isMutating: true, attempt: 1, maxAttempts: 5) == .retry)
        #expect(RetryDecision.after(Self.lost, delivery: .neverSent, isMutating: true, attempt: 2, maxAttempts: 2) == .giveUp)
        #expect(RetryDecision.after(Self.lost, delivery: .neverSent, isMutating: true, attempt: 1, maxAttempts: 5, isCancelled: true) == .giveUp)
    }

    @Test func answeredErrorsKeepTheirRules() {
        // Throttling is an answer: the server did not do the work, so a create is retried.
        #expect(RetryDecision.after(Self.throttled, delivery: nil, isMutating: true, attempt: 1, maxAttempts: 5) == .retry)
        #expect(RetryDecision.after(Self.conflict, delivery: nil, isMutating: true, attempt: 1, maxAttempts: 5) == .giveUp)
    }

    @Test(arguments: [
        IAMRequest.createUser(name: "u", path: "/", tags: [], permissionsBoundary: nil), .createAccessKey(userName: "u"),
        .updateLoginProfile(userName: "u", passwordResetRequired: true, newPassword: true), .deleteUser(name: "u"),
        .attachUserPolicy(userName: "u", policyARN: "arn"), .tagRole(name: "r", tags: []), .addUserToGroup(groupName: "g", userName: "u"),
        .putBucketPolicy(bucket: "b", document: "{}"), .createBucket(name: "b"), .deleteAccountPasswordPolicy,
        .updateAccountPasswordPolicy(PasswordPolicy()), .createAccountAlias(alias: "a"),
    ])
    func changesAreMutating(_ request: IAMRequest) {
        #expect(request.isMutating, "\(request.actionName)")
    }

    @Test(arguments: [
        IAMRequest.getUser(name: "u"), .getGroup(name: "g"), .getRole(name: "r"), .getPolicy(arn: "a"), .listPolicyVersions(policyARN: "a"),
        .getLoginProfile(userName: "u"), .listAccessKeys(userName: "u"), .listGroupsForUser(userName: "u"),
        .listAttachedUserPolicies(userName: "u"), .getRolePolicy(roleName: "r", policyName: "p"), .getInstanceProfile(name: "i"),
        .getPolicyVersion(policyARN: "a", versionID: "v1"), .getAccountPasswordPolicy, .listAccountAliases,
        .headBucket(name: "b"), .getBucketPolicy(bucket: "b"),
    ])
    func readsAreNotMutating(_ request: IAMRequest) {
        #expect(!request.isMutating, "\(request.actionName)")
        #expect(request.isRead || request.isEndpointRefreshRead || request == .listPolicyVersions(policyARN: "a"))
    }

    @Test func internalCallsFollowTheSameRule() {
        #expect(!QueryCall(service: .sts, action: "AssumeRole").isMutating)
        #expect(!QueryCall(service: .sts, action: "GetCallerIdentity").isMutating)
        #expect(!QueryCall(service: .iam, action: "ListGroupsForUser").isMutating)
        #expect(QueryCall(service: .iam, action: "UpdateLoginProfile").isMutating)
        #expect(RESTCall(action: "PutBucketPolicy", method: "PUT", path: "/b").isMutating)
        #expect(!RESTCall(action: "HeadBucket", method: "HEAD", path: "/b").isMutating)
    }
}

/// The retry rule end to end: HTTPBackend -> FaultProxy -> a scripted endpoint that counts what it
/// was sent (no moto needed).
@Suite(.serialized) struct LostAnswerRetryTests {
    static let caller = RetryTests.caller
    static let retry = RetryPolicy(maxAttempts: 4, baseDelay: 0.01, maxDelay: 0.02)

    /// Runs `body` with a proxy that drops `actions` with `fault` at rate 1.
    func withProxy(
        _ script: [(Int, String, String)], fault: FaultProxy.Fault = .dropAnswer, actions: Set<String>,
        _ body: (HTTPBackend, StubEndpoint, FaultProxy) async throws -> Void
    ) async throws {
        let box = ProxyBox()
        defer { box.proxy?.stop() }
        try await StubEndpoint.run([(200, "text/xml", Self.caller)] + script, retry: Self.retry, through: { url in
            let proxy = try FaultProxy.start(upstream: url, fault: fault, rate: 1, onlyActions: actions)
            box.proxy = proxy
            return proxy.url
        }) { backend, stub in
            try await body(backend, stub, try #require(box.proxy))
        }
    }

    @Test func createWhoseAnswerIsLostIsSentOnceAndThrowsTransport() async throws {
        try await withProxy([(200, "text/xml", RetryTests.created)], actions: ["CreateUser"]) { backend, stub, proxy in
            do throws(BackendError) {
                _ = try await backend.perform(RetryTests.createUser, in: "123456789012")
                Issue.record("expected a transport error")
            } catch {
                #expect(error.code == .transport)
                #expect(error.message.contains("CreateUser may have been performed") || error.message.contains("it may have been performed"), "\(error)")
            }
            let actions = await stub.requests().map { $0.parameter("Action") }
            #expect(actions == ["GetCallerIdentity", "CreateUser"])
            #expect(proxy.counts.dropped == 1)
            #expect(proxy.counts.droppedActions == ["CreateUser"])
        }
    }

    @Test func readWhoseAnswerIsLostIsRetried() async throws {
        let user = RetryTests.created.replacingOccurrences(of: "CreateUser", with: "GetUser")
        try await withProxy([(200, "text/xml", user)], actions: ["GetUser"]) { backend, stub, proxy in
            let error = await #expect(throws: BackendError.self) { try await backend.perform(.getUser(name: "u"), in: "123456789012") }
            #expect(error?.code == .transport)
            let reads = await stub.requests().filter { $0.parameter("Action") == "GetUser" }
            #expect(reads.count == Self.retry.maxAttempts)
            #expect(proxy.droppedCount == Self.retry.maxAttempts)
        }
    }

    /// Dropped before forwarding: the client cannot tell this from a lost answer, so it is not retried either.
    @Test func createDroppedBeforeForwardingIsNotRetriedEither() async throws {
        try await withProxy([(200, "text/xml", RetryTests.created)], fault: .dropRequest, actions: ["CreateUser"]) { backend, stub, proxy in
            let error = await #expect(throws: BackendError.self) { try await backend.perform(RetryTests.createUser, in: "123456789012") }
            #expect(error?.code == .transport)
            #expect(await stub.requests().map { $0.parameter("Action") } == ["GetCallerIdentity"])
            #expect(proxy.droppedCount == 1)
        }
    }

    @Test func refusedConnectionIsRetriedForAChange() async throws {
        let port = try MotoServer.freePort()  // nothing listens there
        let url = try #require(URL(string: "http://127.0.0.1:\(port)"))
        let backend = try HTTPBackend(
            HTTPBackend.Configuration(endpoint: url, credentials: .loopbackTestCredentials, retry: Self.retry), environment: [:])
        let error = await #expect(throws: BackendError.self) {
            try await backend.perform(RetryTests.createUser, in: "123456789012")
        }
        #expect(error?.code == .transport)
        #expect(error?.message.contains("connection refused") == true, "\(String(describing: error))")
        #expect(error?.message.contains("may have been performed") == false)
    }
}

/// Lets the proxy made inside a throwing closure reach the test body.
final class ProxyBox: @unchecked Sendable {
    var proxy: FaultProxy?
}
