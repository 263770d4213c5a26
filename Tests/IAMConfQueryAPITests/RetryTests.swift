import Foundation
import IAMConfBackend
import IAMConfEngine
import IAMConfQueryAPI
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#endif

/// Retry decisions against a scripted endpoint (Fixtures/stub/stub_endpoint.py) that answers a
/// fixed sequence: throttling, XML and HTML server errors, then success.
@Suite(.serialized) struct RetryTests {
    static let created = """
        <CreateUserResponse><CreateUserResult><User><Path>/</Path><UserName>u</UserName><UserId>AIDAEXAMPLEEXAMPLE12</UserId>
        <Arn>arn:aws:iam::123456789012:user/u</Arn><CreateDate>2026-11-29T12:00:00Z</CreateDate></User></CreateUserResult></CreateUserResponse>
        """
    static let caller = "<GetCallerIdentityResponse><GetCallerIdentityResult><Account>123456789012</Account></GetCallerIdentityResult></GetCallerIdentityResponse>"
    static let html = "<!doctype html>\n<html lang=en>\n<title>500 Internal Server Error</title>\n<h1>Internal Server Error</h1>"

    static func error(_ code: String) -> String {
        "<ErrorResponse><Error><Type>Sender</Type><Code>\(code)</Code><Message>slow down</Message></Error></ErrorResponse>"
    }

    /// Runs `body` against a stub that replays `script` after answering GetCallerIdentity.
    func withStub(
        _ script: [(Int, String, String)], attempts: Int = 4,
        _ body: (HTTPBackend, @Sendable () async -> Int) async throws -> Void
    ) async throws {
        try await StubEndpoint.run([(200, "text/xml", Self.caller)] + script, retry: RetryPolicy(maxAttempts: attempts, baseDelay: 0.01, maxDelay: 0.05)) { backend, stub in
            try await body(backend, { await stub.requests().count - 1 })  // minus GetCallerIdentity
        }
    }

    static let createUser = IAMRequest.createUser(name: "u", path: "/", tags: [], permissionsBoundary: nil)

    @Test func throttlingIsRetriedUntilSuccess() async throws {
        try await withStub([(400, "text/xml", Self.error("Throttling")), (400, "text/xml", Self.error("ThrottlingException")), (200, "text/xml", Self.created)]) { backend, count in
            let response = try await backend.perform(Self.createUser, in: "123456789012")
            #expect(response.arn == "arn:aws:iam::123456789012:user/u")
            #expect(await count() == 3)
        }
    }

    @Test func persistentThrottlingGivesUpAfterMaxAttempts() async throws {
        try await withStub([(400, "text/xml", Self.error("RequestLimitExceeded"))], attempts: 3) { backend, count in
            await #expect(throws: BackendError.self) { try await backend.perform(Self.createUser, in: "123456789012") }
            #expect(await count() == 3)
        }
    }

    /// moto's rare race answers an HTML 500 before the action runs: one retry recovers.
    @Test func oneHTMLServerErrorIsRetried() async throws {
        try await withStub([(500, "text/html", Self.html), (200, "text/xml", Self.created)]) { backend, count in
            let response = try await backend.perform(Self.createUser, in: "123456789012")
            #expect(response.arn != nil)
            #expect(await count() == 2)
        }
    }

    @Test func repeatedHTMLServerErrorMeansUnsupported() async throws {
        try await withStub([(500, "text/html", Self.html)]) { backend, count in
            do throws(BackendError) {
                _ = try await backend.perform(Self.createUser, in: "123456789012")
                Issue.record("expected unsupported")
            } catch {
                #expect(error.code == .unsupported)
                #expect(error.message == "the endpoint does not support CreateUser")
            }
            #expect(await count() == 2)
        }
    }

    @Test func clientErrorsAreNotRetried() async throws {
        try await withStub([(409, "text/xml", Self.error("EntityAlreadyExists"))]) { backend, count in
            do throws(BackendError) {
                _ = try await backend.perform(Self.createUser, in: "123456789012")
            } catch {
                #expect(error.code == .entityAlreadyExists)
                #expect(error.httpStatus == 409)
            }
            #expect(await count() == 1)
        }
    }

    @Test func gatewayErrorPageIsRetriedAsServiceFailure() async throws {
        try await withStub([(502, "text/html", "<html>bad gateway</html>"), (200, "text/xml", Self.created)]) { backend, count in
            let response = try await backend.perform(Self.createUser, in: "123456789012")
            #expect(response.arn != nil)
            #expect(await count() == 2)
        }
    }

    /// moto routes a request it cannot attribute to IAM to S3, which answers well-formed XML.
    @Test func wrongResponseElementIsAnError() async throws {
        let buckets = "<ListAllMyBucketsResult><Buckets/></ListAllMyBucketsResult>"
        try await withStub([(200, "text/xml", buckets)]) { backend, count in
            do throws(BackendError) {
                _ = try await backend.perform(Self.createUser, in: "123456789012")
                Issue.record("expected UnexpectedResponse")
            } catch {
                #expect(error.rawCode == "UnexpectedResponse")
                #expect(error.message.hasPrefix("unexpected answer <ListAllMyBucketsResult> to CreateUser from http://127.0.0.1:"))
            }
            #expect(await count() == 1)
        }
    }
}
