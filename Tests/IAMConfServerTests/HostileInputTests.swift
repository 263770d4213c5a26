import Foundation
import IAMConfQueryAPI
import Testing

@testable import IAMConfServer

/// Whatever arrives, a clear AWS error and an unchanged world; never a crash.
@Suite struct HostileInputTests {
    @Test(
        "malformed requests answer an error without touching the world",
        arguments: [
            ServerRequest(method: "POST", target: "/", headers: [QueryParameter("Authorization", "")], body: Array("Action=ListUsers".utf8)),
            ServerRequest(method: "POST", target: "/", headers: [QueryParameter("Authorization", "AWS4-HMAC-SHA256 Credential=/,,,=")]),
            ServerRequest(
                method: "POST", target: "/?%%%&=&&a=%ZZ",
                headers: [QueryParameter("Authorization", "AWS4-HMAC-SHA256 Credential=AKIA/2026/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=zz")]),
            ServerRequest(method: "GET", target: "/?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=a%2Fb&X-Amz-Signature=00&X-Amz-Expires=abc"),
            ServerRequest(method: "GET", target: "/?X-Amz-Signature=00"),
            ServerRequest(method: "PUT", target: "/shared-reports/%FF%FE?policy", body: [0xFF, 0xFE, 0x00]),
            ServerRequest(method: "DELETE", target: "//../..", headers: [QueryParameter("x-amz-date", "yesterday")]),
        ])
    func malformedRequest(_ request: ServerRequest) async throws {
        let lab = try await LabFixture.make()
        let before = await lab.server.simulator.snapshot
        let response = await lab.server.handle(request)
        #expect((400..<500).contains(response.status), "\(response.bodyText)")
        #expect(LabFixture.error(response) != nil, "\(response.bodyText)")
        #expect(await lab.server.simulator.snapshot == before)
    }

    @Test func signedButBrokenDocumentsAreRefusedInAWSWords() async throws {
        let lab = try await LabFixture.make()
        let before = await lab.server.simulator.snapshot
        let policy = await lab.server.handle(
            LabFixture.query(
                "iam", [("Action", "CreatePolicy"), ("Version", "2010-05-08"), ("PolicyName", "p"), ("PolicyDocument", "{not json")],
                as: lab.admin))
        #expect(policy.status == 400)
        #expect(LabFixture.error(policy)?.code == "MalformedPolicyDocument")
        let missing = await lab.server.handle(LabFixture.query("iam", [("Action", "CreateUser"), ("Version", "2010-05-08")], as: lab.admin))
        #expect(LabFixture.error(missing)?.code == "MissingParameter")
        let badDuration = await lab.server.handle(
            LabFixture.query(
                "sts",
                [("Action", "AssumeRole"), ("Version", "2011-06-15"), ("RoleArn", "arn:aws:iam::111111111111:role/S3Reader"),
                 ("RoleSessionName", "x y"), ("DurationSeconds", "-5")], as: lab.alice))
        #expect(LabFixture.error(badDuration)?.code == "ValidationError")
        let sessionPolicy = await lab.server.handle(
            LabFixture.query(
                "sts",
                [("Action", "AssumeRole"), ("Version", "2011-06-15"), ("RoleArn", "arn:aws:iam::111111111111:role/S3Reader"),
                 ("RoleSessionName", "alice"), ("Policy", "{}")], as: lab.alice))
        #expect(LabFixture.error(sessionPolicy)?.code == "MalformedPolicyDocument")
        let managedSessionPolicy = await lab.server.handle(
            LabFixture.query(
                "sts",
                [("Action", "AssumeRole"), ("Version", "2011-06-15"), ("RoleArn", "arn:aws:iam::111111111111:role/S3Reader"),
                 ("RoleSessionName", "alice"), ("PolicyArns.member.1.arn", "arn:aws:iam::aws:policy/NoSuchPolicy")], as: lab.alice))
        #expect(LabFixture.error(managedSessionPolicy)?.code == "InvalidParameterValue")
        #expect(await lab.server.simulator.snapshot == before)
    }

    @Test func aDeniedWriteChangesNothing() async throws {
        let lab = try await LabFixture.make()
        let before = await lab.server.simulator.snapshot
        let denied = await lab.server.handle(
            LabFixture.query("iam", [("Action", "DeleteUser"), ("Version", "2010-05-08"), ("UserName", "admin")], as: lab.alice))
        #expect(denied.status == 403)
        #expect(
            LabFixture.error(denied)?.message
                == "User: arn:aws:iam::222222222222:user/engineering/alice is not authorized to perform: iam:DeleteUser on resource: arn:aws:iam::222222222222:user/admin because no identity-based policy allows the iam:DeleteUser action")
        // The resource is the entity's full ARN, path included, as AWS authorizes it.
        let own = await lab.server.handle(
            LabFixture.query("iam", [("Action", "DeleteUser"), ("Version", "2010-05-08"), ("UserName", "alice")], as: lab.alice))
        #expect(LabFixture.error(own)?.message.contains("on resource: arn:aws:iam::222222222222:user/engineering/alice because") == true)
        #expect(await lab.server.simulator.snapshot == before)
    }

    @Test func requestTimeTooSkewedAtTheServer() async throws {
        let lab = try await LabFixture.make()
        let old = LabFixture.query(
            "sts", [("Action", "GetCallerIdentity"), ("Version", "2011-06-15")], as: lab.alice, at: LabFixture.now.addingTimeInterval(-16 * 60))
        let response = await lab.server.handle(old)
        #expect(response.status == 403)
        // STS says so in SignatureDoesNotMatch's words, with the window (S3 says RequestTimeTooSkewed).
        #expect(LabFixture.error(response)?.code == "SignatureDoesNotMatch")
        #expect(
            LabFixture.error(response)?.message
                == "Signature expired: 20270115T074400Z is now earlier than 20270115T074500Z (20270115T080000Z - 15 min.)")
    }
}
