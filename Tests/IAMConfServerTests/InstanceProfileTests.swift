import Foundation
import IAMConfBackend
import IAMConfQueryAPI
import Testing

@testable import IAMConfServer

/// Putting a role in an instance profile hands it to every instance launched with the profile, so
/// AWS asks for iam:PassRole on the role besides iam:AddRoleToInstanceProfile
/// (https://docs.aws.amazon.com/IAM/latest/APIReference/API_AddRoleToInstanceProfile.html).
@Suite struct InstanceProfileTests {
    static let manage = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iam:CreateInstanceProfile","iam:AddRoleToInstanceProfile","iam:ListInstanceProfiles"],"Resource":"*"}]}"#
    static let pass = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::222222222222:role/Web"}]}"#

    static func call(_ lab: LabFixture, _ parameters: [(String, String)], as credentials: AWSCredentials) async -> ServerResponse {
        await lab.server.handle(LabFixture.query("iam", parameters + [("Version", "2010-05-08")], as: credentials))
    }

    @Test func addingARoleToAProfileNeedsPassRole() async throws {
        let lab = try await LabFixture.make()
        let simulator = lab.server.simulator
        let account = LabFixture.source
        let trust = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#
        _ = try await simulator.perform(
            .createRole(name: "Web", path: "/", trustPolicy: trust, description: nil, maxSessionDuration: 3600, tags: [], permissionsBoundary: nil), in: account)
        let ops = try await DenialMessageTests.user("ops", in: lab)
        _ = try await simulator.perform(.putUserPolicy(userName: "ops", policyName: "manage", document: Self.manage), in: account)
        await lab.server.worldChanged()
        #expect(await Self.call(lab, [("Action", "CreateInstanceProfile"), ("InstanceProfileName", "web")], as: ops).status == 200)
        let add: [(String, String)] = [("Action", "AddRoleToInstanceProfile"), ("InstanceProfileName", "web"), ("RoleName", "Web")]
        let refused = await Self.call(lab, add, as: ops)
        #expect(refused.status == 403)
        #expect(
            LabFixture.error(refused)?.message
                == "User: arn:aws:iam::222222222222:user/ops is not authorized to perform: iam:PassRole on resource: arn:aws:iam::222222222222:role/Web because no identity-based policy allows the iam:PassRole action")
        #expect(await simulator.snapshot.account(account)?.instanceProfile(named: "web")?.roles == [])

        _ = try await simulator.perform(.putUserPolicy(userName: "ops", policyName: "pass", document: Self.pass), in: account)
        await lab.server.worldChanged()
        #expect(await Self.call(lab, add, as: ops).status == 200)
        let listed = await Self.call(lab, [("Action", "ListInstanceProfiles")], as: ops)
        let profile = try #require(WireElement.parse(Data(listed.body))?.first("InstanceProfiles")?.first("member"))
        #expect(profile.value("InstanceProfileName") == "web")
        #expect(profile.first("Roles")?.first("member")?.value("RoleName") == "Web")
    }
}
