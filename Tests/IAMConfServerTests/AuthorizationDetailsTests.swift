import Foundation
import IAMConfBackend
import IAMConfCore
import IAMConfQueryAPI
import Testing

@testable import IAMConfServer

/// GetAccountAuthorizationDetails: the account's users, groups, roles and managed policies with
/// their relationships, URL-encoded documents, filters and one paging across the four lists.
/// https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountAuthorizationDetails.html
@Suite struct AuthorizationDetailsTests {
    static let auditPolicy = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:GetAccountAuthorizationDetails","Resource":"*"}]}"#
    static let readObjects = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::reports/*"}]}"#
    static let trust = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#

    static func details(_ lab: LabFixture, _ parameters: [(String, String)], as credentials: AWSCredentials) async -> (ServerResponse, WireElement?) {
        let response = await lab.server.handle(
            LabFixture.query("iam", [("Action", "GetAccountAuthorizationDetails"), ("Version", "2010-05-08")] + parameters, as: credentials))
        return (response, WireElement.parse(Data(response.body))?.first("GetAccountAuthorizationDetailsResult"))
    }

    static func populated() async throws -> (LabFixture, AWSCredentials) {
        let lab = try await LabFixture.make()
        let simulator = lab.server.simulator
        let account = LabFixture.source
        let auditor = try await DenialMessageTests.user("auditor", in: lab)
        _ = try await simulator.perform(.putUserPolicy(userName: "auditor", policyName: "audit", document: auditPolicy), in: account)
        _ = try await simulator.perform(.createGroup(name: "analysts", path: "/"), in: account)
        _ = try await simulator.perform(.addUserToGroup(groupName: "analysts", userName: "auditor"), in: account)
        _ = try await simulator.perform(.putGroupPolicy(groupName: "analysts", policyName: "read", document: readObjects), in: account)
        _ = try await simulator.perform(.attachGroupPolicy(groupName: "analysts", policyARN: "arn:aws:iam::aws:policy/ReadOnlyAccess"), in: account)
        _ = try await simulator.perform(
            .createPolicy(name: "Reports", path: "/team/", description: "read reports", document: readObjects, tags: []), in: account)
        _ = try await simulator.perform(
            .createRole(name: "worker", path: "/", trustPolicy: trust, description: nil, maxSessionDuration: 3600, tags: [], permissionsBoundary: nil),
            in: account)
        _ = try await simulator.perform(.attachRolePolicy(roleName: "worker", policyARN: "arn:aws:iam::\(account):policy/team/Reports"), in: account)
        _ = try await simulator.perform(.createInstanceProfile(name: "worker", path: "/", tags: []), in: account)
        _ = try await simulator.perform(.addRoleToInstanceProfile(profileName: "worker", roleName: "worker"), in: account)
        await lab.server.worldChanged()
        return (lab, auditor)
    }

    @Test func everyListWithRelationshipsAndURLEncodedDocuments() async throws {
        let (lab, auditor) = try await Self.populated()
        let (response, result) = await Self.details(lab, [], as: auditor)
        #expect(response.status == 200, "\(String(decoding: response.body, as: UTF8.self))")
        let users = result?.first("UserDetailList")?.members ?? []
        let user = try #require(users.first { $0.value("UserName") == "auditor" })
        #expect(user.first("GroupList")?.members.map(\.text) == ["analysts"])
        let inline = user.first("UserPolicyList")?.members.first
        #expect(inline?.value("PolicyName") == "audit")
        #expect(inline?.value("PolicyDocument") == PercentEncoding.encode(Self.auditPolicy), "documents are URL-encoded as AWS sends them")

        let group = try #require(result?.first("GroupDetailList")?.members.first { $0.value("GroupName") == "analysts" })
        #expect(group.first("AttachedManagedPolicies")?.members.compactMap { $0.value("PolicyArn") } == ["arn:aws:iam::aws:policy/ReadOnlyAccess"])
        #expect(group.first("GroupPolicyList")?.members.compactMap { $0.value("PolicyName") } == ["read"])

        let role = try #require(result?.first("RoleDetailList")?.members.first { $0.value("RoleName") == "worker" })
        #expect(role.value("AssumeRolePolicyDocument") == PercentEncoding.encode(Self.trust))
        #expect(role.first("InstanceProfileList")?.members.compactMap { $0.value("InstanceProfileName") } == ["worker"])

        let policies = result?.first("Policies")?.members ?? []
        let names = policies.compactMap { $0.value("PolicyName") }
        // AWS managed policies the account uses are listed, not AWS's whole catalog.
        #expect(names.contains("ReadOnlyAccess") && names.contains("Reports") && !names.contains("AmazonS3FullAccess"), "\(names)")
        let local = try #require(policies.first { $0.value("PolicyName") == "Reports" })
        #expect(local.value("AttachmentCount") == "1" && local.value("Path") == "/team/")
        let version = local.first("PolicyVersionList")?.members.first
        #expect(version?.value("IsDefaultVersion") == "true" && version?.value("Document") == PercentEncoding.encode(Self.readObjects))
        #expect(result?.value("IsTruncated") == "false")
    }

    @Test func filtersAndOnePagingAcrossTheLists() async throws {
        let (lab, auditor) = try await Self.populated()
        let (_, roles) = await Self.details(lab, [("Filter.member.1", "Role")], as: auditor)
        #expect(roles?.first("UserDetailList")?.members.isEmpty == true)
        #expect(roles?.first("RoleDetailList")?.members.contains { $0.value("RoleName") == "worker" } == true)
        let (_, local) = await Self.details(lab, [("Filter.member.1", "LocalManagedPolicy")], as: auditor)
        #expect(local?.first("Policies")?.members.compactMap { $0.value("PolicyName") } == ["Reports"])

        // Paged one entity at a time, the pages together hold exactly what one call holds.
        let (_, whole) = await Self.details(lab, [], as: auditor)
        let everything = ["UserDetailList", "GroupDetailList", "RoleDetailList", "Policies"].map { whole?.first($0)?.members.count ?? 0 }.reduce(0, +)
        var seen = 0
        var marker: String?
        var pages = 0
        repeat {
            let (response, page) = await Self.details(lab, [("MaxItems", "1")] + (marker.map { [("Marker", $0)] } ?? []), as: auditor)
            #expect(response.status == 200)
            seen += ["UserDetailList", "GroupDetailList", "RoleDetailList", "Policies"].map { page?.first($0)?.members.count ?? 0 }.reduce(0, +)
            marker = page?.value("IsTruncated") == "true" ? page?.value("Marker") : nil
            pages += 1
        } while marker != nil && pages < 100
        #expect(seen == everything && pages == everything, "\(pages) pages, \(seen) of \(everything)")

        let (bad, _) = await Self.details(lab, [("Filter.member.1", "Users")], as: auditor)
        #expect(bad.status == 400 && String(decoding: bad.body, as: UTF8.self).contains("ValidationError"))
    }

    @Test func authorizedOnStarOnly() async throws {
        let lab = try await LabFixture.make()
        let narrow = try await DenialMessageTests.user("narrow", in: lab)
        let scoped = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:GetAccountAuthorizationDetails","Resource":"arn:aws:iam::\#(LabFixture.source):user/*"}]}"#
        _ = try await lab.server.simulator.perform(.putUserPolicy(userName: "narrow", policyName: "scoped", document: scoped), in: LabFixture.source)
        await lab.server.worldChanged()
        let (refused, _) = await Self.details(lab, [], as: narrow)
        #expect(refused.status == 403 && String(decoding: refused.body, as: UTF8.self).contains("iam:GetAccountAuthorizationDetails"))
    }
}
