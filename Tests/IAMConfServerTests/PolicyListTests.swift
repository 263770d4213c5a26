import Foundation
import IAMConfBackend
import IAMConfCore
import IAMConfQueryAPI
import Testing

@testable import IAMConfServer

/// ListPolicies (scopes, OnlyAttached, paging, its "*" resource) and the tag list calls.
/// https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListPolicies.html
@Suite struct PolicyListTests {
    static let reader = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iam:ListPolicies","iam:ListUserTags","iam:ListRoleTags","iam:ListPolicyTags"],"Resource":"*"}]}"#

    static func call(_ lab: LabFixture, _ parameters: [(String, String)], as credentials: AWSCredentials) async -> ServerResponse {
        await lab.server.handle(LabFixture.query("iam", parameters + [("Version", "2010-05-08")], as: credentials))
    }

    static func names(_ response: ServerResponse) -> [String] {
        WireElement.parse(Data(response.body))?.first("ListPoliciesResult")?.first("Policies")?.members.compactMap { $0.value("PolicyName") } ?? []
    }

    @Test func listPoliciesByScopeWithAttachmentCountsAndPages() async throws {
        let lab = try await LabFixture.make()
        let simulator = lab.server.simulator
        let account = LabFixture.source
        let reader = try await DenialMessageTests.user("reader", in: lab)
        _ = try await simulator.perform(.putUserPolicy(userName: "reader", policyName: "read", document: Self.reader), in: account)
        let document = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}"#
        _ = try await simulator.perform(
            .createPolicy(name: "Local", path: "/team/", description: nil, document: document, tags: [Tag(key: "team", value: "data")]), in: account)
        _ = try await simulator.perform(.attachUserPolicy(userName: "reader", policyARN: "arn:aws:iam::aws:policy/ReadOnlyAccess"), in: account)
        await lab.server.worldChanged()

        let local = await Self.call(lab, [("Action", "ListPolicies"), ("Scope", "Local")], as: reader)
        #expect(local.status == 200 && Self.names(local) == ["Local"], "\(String(decoding: local.body, as: UTF8.self))")
        let attached = await Self.call(lab, [("Action", "ListPolicies"), ("OnlyAttached", "true")], as: reader)
        // The fixture's administrator has AdministratorAccess; the unattached local policy is left out.
        #expect(Self.names(attached) == ["AdministratorAccess", "ReadOnlyAccess"])
        let counts = WireElement.parse(Data(attached.body))?.first("ListPoliciesResult")?.first("Policies")?.members.map { $0.value("AttachmentCount") }
        #expect(counts == ["1", "1"])
        let firstPage = await Self.call(lab, [("Action", "ListPolicies"), ("Scope", "AWS"), ("MaxItems", "2")], as: reader)
        let result = WireElement.parse(Data(firstPage.body))?.first("ListPoliciesResult")
        #expect(Self.names(firstPage).count == 2 && result?.value("IsTruncated") == "true" && result?.value("Marker") != nil)
        let bad = await Self.call(lab, [("Action", "ListPolicies"), ("Scope", "Mine")], as: reader)
        #expect(bad.status == 400)

        let tags = await Self.call(lab, [("Action", "ListPolicyTags"), ("PolicyArn", "arn:aws:iam::\(account):policy/team/Local")], as: reader)
        let tag = WireElement.parse(Data(tags.body))?.first("ListPolicyTagsResult")?.first("Tags")?.first("member")
        #expect(tag?.value("Key") == "team" && tag?.value("Value") == "data", "\(String(decoding: tags.body, as: UTF8.self))")
        let userTags = await Self.call(lab, [("Action", "ListUserTags"), ("UserName", "reader")], as: reader)
        #expect(userTags.status == 200 && String(decoding: userTags.body, as: UTF8.self).contains("<Tags"))
        let missing = await Self.call(lab, [("Action", "ListRoleTags"), ("RoleName", "nobody")], as: reader)
        #expect(missing.status == 404)
    }

    @Test func listPoliciesIsAuthorizedOnStar() async throws {
        let lab = try await LabFixture.make()
        let simulator = lab.server.simulator
        let account = LabFixture.source
        let narrow = try await DenialMessageTests.user("narrow", in: lab)
        let scoped = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:ListPolicies","Resource":"arn:aws:iam::\#(account):policy/*"}]}"#
        _ = try await simulator.perform(.putUserPolicy(userName: "narrow", policyName: "scoped", document: scoped), in: account)
        await lab.server.worldChanged()
        // The action has no resource type, so a policy naming policy ARNs does not allow it, as in AWS.
        let refused = await Self.call(lab, [("Action", "ListPolicies")], as: narrow)
        #expect(refused.status == 403)
    }
}
