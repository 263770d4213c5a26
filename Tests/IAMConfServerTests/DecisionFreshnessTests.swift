import Foundation
import IAMConfQueryAPI
import Testing

@testable import IAMConfServer

/// Each caller's policies are compiled once per world version: a change made through the endpoint
/// must decide the very next request, never a decision cached from before it.
@Suite struct DecisionFreshnessTests {
    static let listUsers = [("Action", "ListUsers"), ("Version", "2010-05-08")]

    func admin(_ lab: LabFixture, _ parameters: [(String, String)]) async {
        let response = await lab.server.handle(LabFixture.query("iam", parameters + [("Version", "2010-05-08")], as: lab.admin))
        #expect(response.status == 200, "\(response.bodyText)")
    }

    func aliceListsUsers(_ lab: LabFixture) async -> Int {
        await lab.server.handle(LabFixture.query("iam", Self.listUsers, as: lab.alice)).status
    }

    @Test func aPolicyChangeThroughTheEndpointDecidesTheNextRequest() async throws {
        let lab = try await LabFixture.make()
        // Asked twice, so the refusal is decided from the prepared (cached) caller.
        #expect(await aliceListsUsers(lab) == 403)
        #expect(await aliceListsUsers(lab) == 403)

        let allow = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:ListUsers","Resource":"*"}]}"#
        await admin(lab, [("Action", "PutUserPolicy"), ("UserName", "alice"), ("PolicyName", "list"), ("PolicyDocument", allow)])
        #expect(await aliceListsUsers(lab) == 200)
        #expect(await aliceListsUsers(lab) == 200)

        // A boundary that allows no IAM action limits her at once; removing it lets her in again.
        await admin(lab, [
            ("Action", "PutUserPermissionsBoundary"), ("UserName", "alice"),
            ("PermissionsBoundary", "arn:aws:iam::aws:policy/AmazonS3FullAccess"),
        ])
        #expect(await aliceListsUsers(lab) == 403)
        await admin(lab, [("Action", "DeleteUserPermissionsBoundary"), ("UserName", "alice")])
        #expect(await aliceListsUsers(lab) == 200)

        await admin(lab, [("Action", "DeleteUserPolicy"), ("UserName", "alice"), ("PolicyName", "list")])
        #expect(await aliceListsUsers(lab) == 403)
    }

    @Test func aGroupMembershipChangeDecidesTheNextRequest() async throws {
        let lab = try await LabFixture.make()
        #expect(await aliceListsUsers(lab) == 403)
        await admin(lab, [("Action", "CreateGroup"), ("GroupName", "readers")])
        await admin(lab, [
            ("Action", "AttachGroupPolicy"), ("GroupName", "readers"), ("PolicyArn", "arn:aws:iam::aws:policy/IAMReadOnlyAccess"),
        ])
        #expect(await aliceListsUsers(lab) == 403)
        await admin(lab, [("Action", "AddUserToGroup"), ("GroupName", "readers"), ("UserName", "alice")])
        #expect(await aliceListsUsers(lab) == 200)
        await admin(lab, [("Action", "RemoveUserFromGroup"), ("GroupName", "readers"), ("UserName", "alice")])
        #expect(await aliceListsUsers(lab) == 403)
    }

    /// The resource side is compiled once per world version too: a bucket policy put or deleted
    /// through the endpoint decides the very next request.
    @Test func aBucketPolicyChangeDecidesTheNextRequest() async throws {
        let lab = try await LabFixture.make()
        let assumed = await lab.server.handle(LabServerTests.assume("S3Reader", as: lab.alice))
        let session = try #require(LabFixture.credentials(from: assumed), "\(assumed.bodyText)")
        func status(_ method: String, _ target: String, body: [UInt8] = []) async -> Int {
            await lab.server.handle(LabFixture.s3(method, target, body: body, as: session)).status
        }
        #expect(await status("PUT", "/shared-reports/k.txt", body: Array("x".utf8)) == 200)
        #expect(await status("GET", "/shared-reports/k.txt") == 200)
        #expect(await status("GET", "/shared-reports/k.txt") == 200)
        let deny = #"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::shared-reports/*"}]}"#
        #expect(await status("PUT", "/shared-reports?policy", body: Array(deny.utf8)) == 204)
        #expect(await status("GET", "/shared-reports/k.txt") == 403)
        #expect(await status("GET", "/shared-reports/k.txt") == 403)
        #expect(await status("DELETE", "/shared-reports?policy") == 204)
        #expect(await status("GET", "/shared-reports/k.txt") == 200)
    }
}
