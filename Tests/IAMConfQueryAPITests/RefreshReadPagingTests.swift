import Foundation
import IAMConfBackend
import IAMConfCore
import IAMConfEngine
import IAMConfQueryAPI
import Testing

/// The list reads follow `Marker` over every page, against a scripted endpoint replaying moto's
/// recorded pages (Fixtures/moto/ListAttachedRolePolicies-page{1,2,3}.xml).
@Suite(.serialized) struct RefreshReadPagingTests {
    static let caller = "<GetCallerIdentityResponse><GetCallerIdentityResult><Account>123456789012</Account></GetCallerIdentityResult></GetCallerIdentityResponse>"

    static func page(_ number: Int) throws -> (Int, String, String) {
        (200, "text/xml", try FixtureFiles.text("moto/ListAttachedRolePolicies-page\(number).xml"))
    }

    /// moto marks the second page truncated although it ends at the last item; the empty third
    /// page ends the list. Every page asks for IAM's largest page, 1000 items.
    @Test func everyPageIsRead() async throws {
        let script = [(200, "text/xml", Self.caller), try Self.page(1), try Self.page(2), try Self.page(3)]
        try await StubEndpoint.run(script) { backend, stub in
            let response = try await backend.perform(.listAttachedRolePolicies(roleName: "app"), in: "123456789012")
            #expect(response.attributes == [
                "policies": .stringList("arn:aws:iam::123456789012:policy/reader", "arn:aws:iam::123456789012:policy/team/writer")
            ])
            let pages = await stub.requests().dropFirst()
            #expect(pages.map { $0.parameter("Action") } == ["ListAttachedRolePolicies", "ListAttachedRolePolicies", "ListAttachedRolePolicies"])
            #expect(pages.map { $0.parameter("Marker") } == [nil, "1", "2"])
            #expect(pages.allSatisfy { $0.parameter("MaxItems") == "1000" && $0.parameter("RoleName") == "app" })
        }
    }

    /// A server that answers the same Marker again would page forever; the read stops instead.
    @Test func aRepeatedMarkerIsAnError() async throws {
        let script = [(200, "text/xml", Self.caller), try Self.page(1)]  // the last entry repeats
        try await StubEndpoint.run(script) { backend, stub in
            await #expect(
                throws: BackendError(
                    .other, "ListAttachedRolePolicies keeps answering IsTruncated (Marker '1' after 2 pages)",
                    rawCode: "UnexpectedResponse")
            ) {
                try await backend.perform(.listAttachedRolePolicies(roleName: "app"), in: "123456789012")
            }
            #expect(await stub.requests().count == 3)
        }
    }

    /// A Get* read is one call, with no paging parameters.
    @Test func getReadIsOneCall() async throws {
        let script = [(200, "text/xml", Self.caller), (200, "text/xml", try FixtureFiles.text("moto/GetUserPolicy.xml"))]
        try await StubEndpoint.run(script) { backend, stub in
            let response = try await backend.perform(.getUserPolicy(userName: "alice", policyName: "inline"), in: "123456789012")
            #expect(response.attributes?["document"] == .string(RefreshReadDecodingTests.document))
            let requests = await stub.requests()
            #expect(requests.count == 2)
            #expect(requests.last?.parameter("MaxItems") == nil)
            #expect(requests.last?.parameter("PolicyName") == "inline")
        }
    }
}
