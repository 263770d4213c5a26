import Foundation
import IAMConfBackend
import IAMConfQueryAPI
import Testing

/// The endpoint backend speaks IAM's Query API, not Organizations' JSON API: an Organizations call
/// is refused before anything is sent, naming the action.
@Suite struct OrganizationsRefusalTests {
    @Test func anOrganizationsCallIsUnsupportedAndNamesTheAction() async throws {
        // Nothing listens on port 9: a request that were sent would fail with Transport instead.
        let backend = try HTTPBackend(HTTPBackend.Configuration(endpoint: URL(string: "http://127.0.0.1:9")!, parallelism: 1), environment: [:])
        do {
            _ = try await backend.perform(.attachServiceControlPolicy(name: "DenyWrites", target: .unit(["Data"])), in: "111111111111")
            Issue.record("the call was not refused")
        } catch {
            #expect(error.code == .unsupported)
            #expect(error.message.contains("does not speak the AWS Organizations API (AttachPolicy)"), "\(error.message)")
        }
    }
}
