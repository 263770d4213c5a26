import Foundation
import IAMConfBackend
import IAMConfEngine
import IAMConfQueryAPI
import Testing

/// How HTTPBackend reaches accounts: AssumeRole into the access role, temporary credentials used
/// for signing, refreshed before expiry, base credentials for the caller's own account.
@Suite struct AccountSessionTests {
    static let caller = RetryTests.caller
    static let created = RetryTests.created

    /// A CreateUser answer whose ARN is in `account`.
    static func created(in account: String) -> String {
        RetryTests.created.replacingOccurrences(of: "123456789012", with: account)
    }

    static func assumed(_ keyID: String, expiresIn seconds: Double) -> String {
        let expiration = Date().addingTimeInterval(seconds).formatted(.iso8601)
        return """
            <AssumeRoleResponse><AssumeRoleResult><Credentials><AccessKeyId>\(keyID)</AccessKeyId>
            <SecretAccessKey>secret-\(keyID)</SecretAccessKey><SessionToken>token-\(keyID)</SessionToken>
            <Expiration>\(expiration)</Expiration></Credentials></AssumeRoleResult></AssumeRoleResponse>
            """
    }

    static func identity(_ account: String) -> String {
        "<GetCallerIdentityResponse><GetCallerIdentityResult><Account>\(account)</Account></GetCallerIdentityResult></GetCallerIdentityResponse>"
    }

    static let createUser = IAMRequest.createUser(name: "u", path: "/", tags: [], permissionsBoundary: nil)

    @Test func otherAccountsAreReachedThroughTheirAccessRole() async throws {
        let script = [(200, "text/xml", Self.caller), (200, "text/xml", Self.assumed("ASIAONE", expiresIn: 3600)), (200, "text/xml", Self.identity("111111111111")),
                      (200, "text/xml", Self.created(in: "111111111111")), (200, "text/xml", Self.created(in: "111111111111")),
                      (200, "text/xml", Self.created)]
        try await StubEndpoint.run(script, accessRoles: ["111111111111": "Deployer"]) { backend, stub in
            _ = try await backend.perform(Self.createUser, in: "111111111111")
            _ = try await backend.perform(Self.createUser, in: "111111111111")
            _ = try await backend.perform(Self.createUser, in: "123456789012")
            let requests = await stub.requests()
            #expect(requests.map { $0.parameter("Action") } == ["GetCallerIdentity", "AssumeRole", "GetCallerIdentity", "CreateUser", "CreateUser", "CreateUser"])
            #expect(requests[1].parameter("RoleArn") == "arn:aws:iam::111111111111:role/Deployer")
            #expect(requests[1].parameter("Version") == "2011-06-15")
            #expect(requests[1].authorization.contains("/us-east-1/sts/aws4_request"))
            // The new credentials are checked to act in the account asked for.
            #expect(requests[2].authorization.hasPrefix("AWS4-HMAC-SHA256 Credential=ASIAONE/"))
            #expect(requests[3].authorization.hasPrefix("AWS4-HMAC-SHA256 Credential=ASIAONE/"))
            #expect(requests[3].authorization.contains("/us-east-1/iam/aws4_request"))
            #expect(requests[3].token == "token-ASIAONE")
            #expect(requests[4].authorization.hasPrefix("AWS4-HMAC-SHA256 Credential=ASIAONE/"))
            // The caller's own account is signed with the base credentials, no session token.
            #expect(requests[5].authorization.hasPrefix("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/"))
            #expect(requests[5].token == nil)
        }
    }

    @Test func credentialsCloseToExpiryAreRefreshed() async throws {
        let script = [(200, "text/xml", Self.caller), (200, "text/xml", Self.assumed("ASIAOLD", expiresIn: 120)), (200, "text/xml", Self.identity("222222222222")),
                      (200, "text/xml", Self.created(in: "222222222222")), (200, "text/xml", Self.assumed("ASIANEW", expiresIn: 3600)),
                      (200, "text/xml", Self.identity("222222222222")), (200, "text/xml", Self.created(in: "222222222222"))]
        try await StubEndpoint.run(script) { backend, stub in
            _ = try await backend.perform(Self.createUser, in: "222222222222")
            _ = try await backend.perform(Self.createUser, in: "222222222222")
            let requests = await stub.requests()
            #expect(requests.map { $0.parameter("Action") } == [
                "GetCallerIdentity", "AssumeRole", "GetCallerIdentity", "CreateUser", "AssumeRole", "GetCallerIdentity", "CreateUser",
            ])
            #expect(requests[4].parameter("RoleArn") == "arn:aws:iam::222222222222:role/OrganizationAccountAccessRole")
            #expect(requests[6].authorization.hasPrefix("AWS4-HMAC-SHA256 Credential=ASIANEW/"))
        }
    }

    @Test func refusedAssumeRoleNamesTheAccountAndRole() async throws {
        let denied = "<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>not authorized to perform sts:AssumeRole</Message></Error></ErrorResponse>"
        try await StubEndpoint.run([(200, "text/xml", Self.caller), (403, "text/xml", denied)]) { backend, _ in
            do throws(BackendError) {
                _ = try await backend.perform(Self.createUser, in: "333333333333")
                Issue.record("expected AccessDenied")
            } catch {
                #expect(error.code == .accessDenied)
                #expect(error.message == "cannot reach account 333333333333 by assuming arn:aws:iam::333333333333:role/OrganizationAccountAccessRole: not authorized to perform sts:AssumeRole")
            }
        }
    }

    /// Many concurrent first calls to one account share a single AssumeRole.
    @Test func concurrentFirstCallsAssumeOnce() async throws {
        let script = [(200, "text/xml", Self.caller), (200, "text/xml", Self.assumed("ASIAONCE", expiresIn: 3600)), (200, "text/xml", Self.identity("444444444444")), (200, "text/xml", Self.created(in: "444444444444"))]
        try await StubEndpoint.run(script) { backend, stub in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<8 { group.addTask { _ = try await backend.perform(Self.createUser, in: "444444444444") } }
                try await group.waitForAll()
            }
            let actions = await stub.requests().map { $0.parameter("Action") }
            #expect(actions.filter { $0 == "AssumeRole" }.count == 1)
            #expect(actions.filter { $0 == "CreateUser" }.count == 8)
        }
    }

    /// moto started with MOTO_ACCOUNT_ID answers AssumeRole but keeps acting in its one account.
    @Test func credentialsActingInAnotherAccountAreRefused() async throws {
        let script = [(200, "text/xml", Self.caller), (200, "text/xml", Self.assumed("ASIAWRONG", expiresIn: 3600)),
                      (200, "text/xml", Self.identity("123456789012"))]
        try await StubEndpoint.run(script) { backend, stub in
            do throws(BackendError) {
                _ = try await backend.perform(Self.createUser, in: "111111111111")
                Issue.record("expected AccountMismatch")
            } catch {
                #expect(error.rawCode == "AccountMismatch")
                #expect(error.message.hasPrefix(
                    "assumed arn:aws:iam::111111111111:role/OrganizationAccountAccessRole but the endpoint acts in account 123456789012"))
            }
            #expect(await stub.requests().map { $0.parameter("Action") } == ["GetCallerIdentity", "AssumeRole", "GetCallerIdentity"])
        }
    }

    /// Credentials that stop acting in their account (moto forgets temporary keys on reset and
    /// then uses 123456789012) are caught by the ARN in the answer, dropped, and assumed again.
    @Test func answerFromAnotherAccountDropsTheCredentials() async throws {
        let wrong = RetryTests.created  // arn:aws:iam::123456789012:user/u
        let right = RetryTests.created.replacingOccurrences(of: "123456789012", with: "777777777777")
        let script = [(200, "text/xml", Self.caller), (200, "text/xml", Self.assumed("ASIAFIRST", expiresIn: 3600)),
                      (200, "text/xml", Self.identity("777777777777")), (200, "text/xml", wrong),
                      (200, "text/xml", Self.assumed("ASIASECOND", expiresIn: 3600)),
                      (200, "text/xml", Self.identity("777777777777")), (200, "text/xml", right)]
        try await StubEndpoint.run(script) { backend, stub in
            do throws(BackendError) {
                _ = try await backend.perform(Self.createUser, in: "777777777777")
                Issue.record("expected AccountMismatch")
            } catch {
                #expect(error.rawCode == "AccountMismatch")
                #expect(error.message.hasPrefix("CreateUser meant for account 777777777777 acted in account 123456789012"))
            }
            let response = try await backend.perform(Self.createUser, in: "777777777777")
            #expect(response.arn == "arn:aws:iam::777777777777:user/u")
            let requests = await stub.requests()
            #expect(requests.last?.authorization.hasPrefix("AWS4-HMAC-SHA256 Credential=ASIASECOND/") == true)
        }
    }
}
