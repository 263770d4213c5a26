import Foundation
import IAMConfQueryAPI
import Testing

@testable import IAMConfServer

/// AssumeRole's `Tags`, `TransitiveTagKeys` and `SourceIdentity`: allowed only when the trust policy
/// allows `sts:TagSession` / `sts:SetSourceIdentity` (with `aws:RequestTag/*` and `aws:TagKeys` on the
/// request), and then the session's `aws:PrincipalTag/*` and `aws:SourceIdentity`.
@Suite struct SessionTagTests {
    static let alice = "arn:aws:iam::222222222222:user/engineering/alice"

    /// In account B: `Tagged` trusts alice to assume it, to tag the session with team=blue only and to
    /// set a source identity; `Plain` trusts her to assume it and nothing more. Both may list users
    /// when the session's team tag is blue, and list roles when its source identity is alice-src.
    static func lab() async throws -> LabFixture {
        let lab = try await LabFixture.make()
        let tagged = """
            {"Version":"2012-10-17","Statement":[
             {"Effect":"Allow","Principal":{"AWS":"\(alice)"},"Action":["sts:AssumeRole","sts:SetSourceIdentity"]},
             {"Effect":"Allow","Principal":{"AWS":"\(alice)"},"Action":"sts:TagSession","Condition":{"StringEquals":{"aws:RequestTag/team":"blue"},"ForAllValues:StringEquals":{"aws:TagKeys":["team","project"]}}}]}
            """
        let plain = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"\#(alice)"},"Action":"sts:AssumeRole"}]}"#
        let permissions = """
            {"Version":"2012-10-17","Statement":[
             {"Effect":"Allow","Action":"iam:ListUsers","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/team":"blue"}}},
             {"Effect":"Allow","Action":"iam:ListRoles","Resource":"*","Condition":{"StringEquals":{"aws:SourceIdentity":"alice-src"}}}]}
            """
        // `Next` trusts Tagged's sessions, tags included: the second link of a role chain.
        let next = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:role/Tagged"},"Action":["sts:AssumeRole","sts:TagSession"]}]}"#
        for (name, trust) in [("Tagged", tagged), ("Plain", plain), ("Next", next)] {
            let created = await lab.server.handle(
                LabFixture.query("iam", [("Action", "CreateRole"), ("RoleName", name), ("AssumeRolePolicyDocument", trust), ("Version", "2010-05-08")], as: lab.admin))
            try #require(created.status == 200, "\(created.bodyText)")
            let put = await lab.server.handle(
                LabFixture.query(
                    "iam", [("Action", "PutRolePolicy"), ("RoleName", name), ("PolicyName", "p"), ("PolicyDocument", permissions), ("Version", "2010-05-08")],
                    as: lab.admin))
            try #require(put.status == 200, "\(put.bodyText)")
        }
        return lab
    }

    static func assume(_ role: String, _ extra: [(String, String)], on lab: LabFixture, as caller: AWSCredentials? = nil) async -> ServerResponse {
        await lab.server.handle(
            LabFixture.query(
                "sts",
                [("Action", "AssumeRole"), ("RoleArn", "arn:aws:iam::222222222222:role/\(role)"), ("RoleSessionName", "sess"), ("Version", "2011-06-15")] + extra,
                as: caller ?? lab.alice))
    }

    static func call(_ action: String, as session: AWSCredentials, on lab: LabFixture) async -> ServerResponse {
        await lab.server.handle(LabFixture.query("iam", [("Action", action), ("Version", "2010-05-08")], as: session))
    }

    static func tags(_ pairs: [(String, String)]) -> [(String, String)] {
        pairs.enumerated().flatMap { index, pair in [("Tags.member.\(index + 1).Key", pair.0), ("Tags.member.\(index + 1).Value", pair.1)] }
    }

    @Test func sessionTagsAllowedByTheTrustPolicyBecomeThePrincipalTags() async throws {
        let lab = try await Self.lab()
        let assumed = await Self.assume("Tagged", Self.tags([("team", "blue"), ("project", "x")]) + [("TransitiveTagKeys.member.1", "team")], on: lab)
        #expect(assumed.status == 200, "\(assumed.bodyText)")
        let session = try #require(LabFixture.credentials(from: assumed))
        let users = await Self.call("ListUsers", as: session, on: lab)
        #expect(users.status == 200, "\(users.bodyText)")
        let roles = await Self.call("ListRoles", as: session, on: lab)
        #expect(roles.status == 403, "no source identity was set")

        // Without tags the same role's session has no team tag: its policy does not allow.
        let untagged = try #require(LabFixture.credentials(from: await Self.assume("Tagged", [], on: lab)))
        let refused = await Self.call("ListUsers", as: untagged, on: lab)
        #expect(refused.status == 403)
        #expect(LabFixture.error(refused)?.message.hasPrefix("User: arn:aws:sts::222222222222:assumed-role/Tagged/sess is not authorized to perform: iam:ListUsers") == true)
    }

    @Test(arguments: [
        ("Tagged", [("team", "red")]),  // the trust policy's condition on aws:RequestTag/team
        ("Tagged", [("team", "blue"), ("cost", "1")]),  // aws:TagKeys beyond what it allows
        ("Plain", [("team", "blue")]),  // no sts:TagSession at all
    ])
    func tagsTheTrustPolicyDoesNotAllowRefuseTheSession(role: String, tags: [(String, String)]) async throws {
        let lab = try await Self.lab()
        let refused = await Self.assume(role, Self.tags(tags), on: lab)
        #expect(refused.status == 403)
        #expect(
            LabFixture.error(refused)?.message
                == "User: \(Self.alice) is not authorized to perform: sts:TagSession on resource: arn:aws:iam::222222222222:role/\(role)")
    }

    @Test func aSourceIdentityNeedsSetSourceIdentityAndIsTheSessionsSourceIdentity() async throws {
        let lab = try await Self.lab()
        let assumed = await Self.assume("Tagged", [("SourceIdentity", "alice-src")], on: lab)
        #expect(assumed.status == 200, "\(assumed.bodyText)")
        #expect(assumed.bodyText.contains("<SourceIdentity>alice-src</SourceIdentity>"))
        let session = try #require(LabFixture.credentials(from: assumed))
        #expect(await Self.call("ListRoles", as: session, on: lab).status == 200)
        #expect(await Self.call("ListUsers", as: session, on: lab).status == 403)

        let refused = await Self.assume("Plain", [("SourceIdentity", "alice-src")], on: lab)
        #expect(refused.status == 403)
        #expect(
            LabFixture.error(refused)?.message
                == "User: \(Self.alice) is not authorized to perform: sts:SetSourceIdentity on resource: arn:aws:iam::222222222222:role/Plain")
        #expect(await Self.assume("Plain", [], on: lab).status == 200)
    }

    @Test func malformedTagsAreRefusedAsSTSRefusesThem() async throws {
        let lab = try await Self.lab()
        let duplicate = await Self.assume("Tagged", Self.tags([("team", "blue"), ("Team", "blue")]), on: lab)
        #expect(LabFixture.error(duplicate)?.code == "InvalidParameterValue")
        #expect(LabFixture.error(duplicate)?.message == "Duplicate tag keys found. Please note that Tag keys are case insensitive.")
        let transitive = await Self.assume("Tagged", Self.tags([("team", "blue")]) + [("TransitiveTagKeys.member.1", "project")], on: lab)
        #expect(LabFixture.error(transitive)?.code == "InvalidParameterValue")
        let reserved = await Self.assume("Tagged", [("SourceIdentity", "aws:me")], on: lab)
        #expect(reserved.status == 400)
    }

    @Test func transitiveTagsAndTheSourceIdentityFollowARoleChain() async throws {
        let lab = try await Self.lab()
        let first = await Self.assume(
            "Tagged", Self.tags([("team", "blue"), ("project", "x")]) + [("TransitiveTagKeys.member.1", "team"), ("SourceIdentity", "alice-src")], on: lab)
        let tagged = try #require(LabFixture.credentials(from: first), "\(first.bodyText)")
        let chained = await Self.assume("Next", [], on: lab, as: tagged)
        #expect(chained.status == 200, "\(chained.bodyText)")
        let next = try #require(LabFixture.credentials(from: chained))
        #expect(await Self.call("ListUsers", as: next, on: lab).status == 200, "team=blue came along")
        #expect(await Self.call("ListRoles", as: next, on: lab).status == 200, "so did the source identity")

        let overridden = await Self.assume("Next", Self.tags([("Team", "red")]), on: lab, as: tagged)
        #expect(LabFixture.error(overridden)?.code == "InvalidParameterValue", "\(overridden.bodyText)")
        let changed = await Self.assume("Next", [("SourceIdentity", "someone-else")], on: lab, as: tagged)
        #expect(changed.status == 403, "\(changed.bodyText)")
    }
}
