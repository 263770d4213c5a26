import Foundation
import IAMConfBackend
import IAMConfCore
import IAMConfQueryAPI
import Testing

@testable import IAMConfServer

/// AccessDenied in AWS's words for each reason a request is refused.
@Suite struct DenialMessageTests {
    /// A user of account B with `policies` attached (and inline `deny`, and a `boundary`), and its key.
    static func user(
        _ name: String, in lab: LabFixture, attach: [String] = [], deny: String? = nil, boundary: String? = nil
    ) async throws -> AWSCredentials {
        let simulator = lab.server.simulator
        let account = LabFixture.source
        _ = try await simulator.perform(.createUser(name: name, path: "/", tags: [], permissionsBoundary: boundary), in: account)
        for arn in attach { _ = try await simulator.perform(.attachUserPolicy(userName: name, policyARN: arn), in: account) }
        if let deny { _ = try await simulator.perform(.putUserPolicy(userName: name, policyName: "deny", document: deny), in: account) }
        let key = try await simulator.perform(.createAccessKey(userName: name), in: account)
        let credentials = AWSCredentials(accessKeyID: try #require(key.accessKeyID), secretAccessKey: try #require(key.secretAccessKey))
        await lab.server.register(
            ServerCredential(
                accessKeyID: credentials.accessKeyID, secretAccessKey: credentials.secretAccessKey,
                identity: CallerIdentity(kind: .user, arn: "arn:aws:iam::\(account):user/\(name)", account: account, userID: "AIDA\(name.uppercased())")))
        await lab.server.worldChanged()
        return credentials
    }

    static func listUsers(_ lab: LabFixture, as credentials: AWSCredentials) async -> String? {
        let response = await lab.server.handle(LabFixture.query("iam", [("Action", "ListUsers"), ("Version", "2010-05-08")], as: credentials))
        return LabFixture.error(response)?.message
    }

    @Test func anExplicitDenyInAnIdentityPolicy() async throws {
        let lab = try await LabFixture.make()
        let deny = #"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"iam:List*","Resource":"*"}]}"#
        let carol = try await Self.user("carol", in: lab, attach: ["arn:aws:iam::aws:policy/AdministratorAccess"], deny: deny)
        #expect(
            await Self.listUsers(lab, as: carol)
                == "User: arn:aws:iam::222222222222:user/carol is not authorized to perform: iam:ListUsers on resource: arn:aws:iam::222222222222:user/ with an explicit deny in an identity-based policy")
    }

    @Test func aPermissionsBoundaryThatDoesNotAllow() async throws {
        let lab = try await LabFixture.make()
        let dave = try await Self.user(
            "dave", in: lab, attach: ["arn:aws:iam::aws:policy/AdministratorAccess"], boundary: "arn:aws:iam::aws:policy/AmazonS3FullAccess")
        #expect(
            await Self.listUsers(lab, as: dave)
                == "User: arn:aws:iam::222222222222:user/dave is not authorized to perform: iam:ListUsers on resource: arn:aws:iam::222222222222:user/ because no permissions boundary allows the iam:ListUsers action")
        // What the boundary and the identity policy both allow goes through.
        let get = await lab.server.handle(LabFixture.s3("GET", "/", as: dave))
        #expect(get.status == 200, "\(get.bodyText)")
    }
}

/// SCPs of the caller's account, in AWS's words. Without account names the lab names accounts by id.
@Suite struct ServiceControlDenialTests {
    /// Account B (source) under an allow list of s3:* only; account A (target) manages the organization.
    static func organization(deny: Bool) -> Organization {
        let document = deny
            ? #"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"iam:*","Resource":"*"}]}"#
            : #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}"#
        let policy = ServiceControlPolicy(name: "Guard", document: PolicySource(document: (try? JSONParser.parse(document)) ?? .null))
        return Organization(
            managementAccount: LabFixture.target, policies: [policy],
            placements: [
                AccountPlacement(account: LabFixture.target),
                AccountPlacement(account: LabFixture.source, policies: deny ? ["FullAWSAccess", "Guard"] : ["Guard"]),
            ])
    }

    @Test func anAllowListWithoutTheAction() async throws {
        let lab = try await LabFixture.make(organization: Self.organization(deny: false))
        #expect(
            await DenialMessageTests.listUsers(lab, as: lab.admin)
                == "User: arn:aws:iam::222222222222:user/admin is not authorized to perform: iam:ListUsers on resource: arn:aws:iam::222222222222:user/ because no service control policy allows the iam:ListUsers action")
        let get = await lab.server.handle(LabFixture.s3("GET", "/", as: lab.admin))
        #expect(get.status == 200, "s3:* passes the allow list: \(get.bodyText)")
    }

    @Test func anExplicitDenyInAnSCP() async throws {
        let lab = try await LabFixture.make(organization: Self.organization(deny: true))
        #expect(
            await DenialMessageTests.listUsers(lab, as: lab.admin)
                == "User: arn:aws:iam::222222222222:user/admin is not authorized to perform: iam:ListUsers on resource: arn:aws:iam::222222222222:user/ with an explicit deny in a service control policy")
    }
}

/// A session policy limits the session AssumeRole makes, and says so when it refuses.
@Suite struct SessionPolicyTests {
    @Test func aSessionPolicyNarrowsTheRole() async throws {
        let lab = try await LabFixture.make()
        let readOnly = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}"#
        let assumed = await lab.server.handle(
            LabFixture.query(
                "sts",
                [("Action", "AssumeRole"), ("Version", "2011-06-15"), ("RoleArn", "arn:aws:iam::111111111111:role/S3Reader"),
                 ("RoleSessionName", "alice"), ("Policy", readOnly)], as: lab.alice))
        let session = try #require(LabFixture.credentials(from: assumed), "\(assumed.bodyText)")
        let put = await lab.server.handle(LabFixture.s3("PUT", "/shared-reports/x", body: [1], as: session))
        #expect(
            LabFixture.error(put)?.message
                == "User: arn:aws:sts::111111111111:assumed-role/S3Reader/alice is not authorized to perform: s3:PutObject on resource: arn:aws:s3:::shared-reports/x because no session policy allows the s3:PutObject action")
        let get = await lab.server.handle(LabFixture.s3("GET", "/shared-reports/x", as: session))
        #expect(LabFixture.error(get)?.code == "NoSuchKey", "\(get.bodyText)")
    }

    /// `PolicyArns`: managed policies as session policies, the role account's own (default version)
    /// or AWS managed ones; several session policies allow what any of them allows.
    @Test func managedSessionPoliciesNarrowTheRole() async throws {
        let lab = try await LabFixture.make()
        let getOnly = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}"#
        _ = try await lab.server.simulator.perform(
            .createPolicy(name: "GetOnly", path: "/", description: nil, document: getOnly, tags: []), in: LabFixture.target)
        await lab.server.worldChanged()
        func assume(_ arns: [String]) async -> ServerResponse {
            await lab.server.handle(
                LabFixture.query(
                    "sts",
                    [("Action", "AssumeRole"), ("Version", "2011-06-15"), ("RoleArn", "arn:aws:iam::111111111111:role/S3Reader"), ("RoleSessionName", "alice")]
                        + arns.enumerated().map { ("PolicyArns.member.\($0.offset + 1).arn", $0.element) },
                    as: lab.alice))
        }
        let session = try #require(LabFixture.credentials(from: await assume(["arn:aws:iam::111111111111:policy/GetOnly"])))
        let put = await lab.server.handle(LabFixture.s3("PUT", "/shared-reports/x", body: [1], as: session))
        #expect(
            LabFixture.error(put)?.message
                == "User: arn:aws:sts::111111111111:assumed-role/S3Reader/alice is not authorized to perform: s3:PutObject on resource: arn:aws:s3:::shared-reports/x because no session policy allows the s3:PutObject action")
        #expect(LabFixture.error(await lab.server.handle(LabFixture.s3("GET", "/shared-reports/x", as: session)))?.code == "NoSuchKey")

        // An AWS managed one from the catalog, and the union of two.
        let readOnly = try #require(LabFixture.credentials(from: await assume(["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"])))
        #expect(await lab.server.handle(LabFixture.s3("PUT", "/shared-reports/x", body: [1], as: readOnly)).status == 403)
        let both = try #require(
            LabFixture.credentials(from: await assume(["arn:aws:iam::111111111111:policy/GetOnly", "arn:aws:iam::aws:policy/AmazonS3FullAccess"])))
        #expect(await lab.server.handle(LabFixture.s3("PUT", "/shared-reports/x", body: [1], as: both)).status == 200)

        // A policy of another account, or none at all, refuses the call rather than being left out.
        let foreign = await assume(["arn:aws:iam::222222222222:policy/GetOnly"])
        #expect(LabFixture.error(foreign)?.code == "InvalidParameterValue", "\(foreign.bodyText)")
        let eleven = await assume(Array(repeating: "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess", count: 11))
        #expect(LabFixture.error(eleven)?.code == "ValidationError")
    }
}
