import Foundation
import IAMConfBackend
import IAMConfEngine
import IAMConfQueryAPI
import Testing

/// moto_server started WITH `MOTO_ACCOUNT_ID` puts every request into one account whatever the
/// credentials; HTTPBackend must notice instead of silently mixing accounts.
@Suite(.motoServer(environment: ["MOTO_ACCOUNT_ID": "999999999999"]), .serialized)
struct MotoSingleAccountTests {
    @Test func otherAccountsAreRefusedNotMixed() async throws {
        let server = try #require(MotoServer.current)
        let backend = try HTTPBackend(HTTPBackend.Configuration(endpoint: server.url), environment: [:])
        let own = try await backend.perform(.createUser(name: "solo", path: "/", tags: [], permissionsBoundary: nil), in: "999999999999")
        #expect(own.arn == "arn:aws:iam::999999999999:user/solo")
        do throws(BackendError) {
            _ = try await backend.perform(.createUser(name: "solo", path: "/", tags: [], permissionsBoundary: nil), in: "111111111111")
            Issue.record("a user meant for 111111111111 was created in moto's single account")
        } catch {
            #expect(error.rawCode == "AccountMismatch")
            #expect(error.message.contains("acts in account 999999999999"))
            #expect(error.message.contains("MOTO_ACCOUNT_ID"))
        }
    }
}
