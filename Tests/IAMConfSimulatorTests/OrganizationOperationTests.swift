import Foundation
import IAMConfBackend
import IAMConfCore
import IAMConfSimulator
import Testing

/// The simulator's Organizations calls: what they record and the exceptions AWS documents.
@Suite("Organization operations")
struct OrganizationOperationTests {
    let management = "111111111111"
    let member = "222222222222"
    let denyWrites = #"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:PutObject","Resource":"*"}]}"#

    func organized() async throws -> IAMSimulator {
        let simulator = try makeSimulator()
        try await simulator.run(.createOrganization(featureSet: "ALL"), in: management)
        return simulator
    }

    @Test("CreateOrganization records the root with FullAWSAccess and the management account as its first member")
    func create() async throws {
        let simulator = try await organized()
        let organization = try #require(await simulator.snapshot.organization)
        #expect(organization.managementAccountID == management)
        #expect(organization.rootPolicies == ["FullAWSAccess"])
        #expect(organization.members[management]?.parent == [])
        #expect(organization.id.hasPrefix("o-") && organization.rootID.hasPrefix("r-"))
        let again = await simulator.error(.createOrganization(featureSet: "ALL"), in: management)
        #expect(again?.rawCode == "AlreadyInOrganizationException")
        #expect(again?.code == .entityAlreadyExists)
    }

    @Test("calls before an organization exists answer AWSOrganizationsNotInUseException; a member's calls AccessDeniedException")
    func whoMayCall() async throws {
        let simulator = try makeSimulator()
        #expect(await simulator.error(.describeOrganization, in: management)?.rawCode == "AWSOrganizationsNotInUseException")
        try await simulator.run(.createOrganization(featureSet: "ALL"), in: management)
        try await simulator.run(.inviteAccountToOrganization(accountID: member), in: management)
        #expect(await simulator.error(.createOrganizationalUnit(path: ["Data"]), in: member)?.rawCode == "AccessDeniedException")
        let parent = try await simulator.run(.listParents(accountID: member), in: member)
        #expect(parent.attributes?["parent"] == .string("root"))
    }

    @Test("units: a missing parent, a duplicate, a sixth level and a unit that still holds an account are refused")
    func units() async throws {
        let simulator = try await organized()
        #expect(await simulator.error(.createOrganizationalUnit(path: ["Data", "Lake"]), in: management)?.rawCode == "ParentNotFoundException")
        try await simulator.run(.createOrganizationalUnit(path: ["Data"]), in: management)
        #expect(await simulator.error(.createOrganizationalUnit(path: ["Data"]), in: management)?.rawCode == "DuplicateOrganizationalUnitException")
        for depth in 2...5 { try await simulator.run(.createOrganizationalUnit(path: (1...depth).map { $0 == 1 ? "Data" : "L\($0)" }), in: management) }
        let tooDeep = await simulator.error(.createOrganizationalUnit(path: ["Data", "L2", "L3", "L4", "L5", "L6"]), in: management)
        #expect(tooDeep?.rawCode == "ConstraintViolationException")
        #expect(tooDeep?.message.contains("OU_DEPTH_LIMIT_EXCEEDED") == true)
        try await simulator.run(.inviteAccountToOrganization(accountID: member), in: management)
        try await simulator.run(.moveAccount(accountID: member, destination: ["Data", "L2"]), in: management)
        #expect(await simulator.error(.moveAccount(accountID: member, destination: ["Data", "L2"]), in: management)?.rawCode == "DuplicateAccountException")
        try await simulator.run(.deleteOrganizationalUnit(path: ["Data", "L2", "L3", "L4", "L5"]), in: management)
        try await simulator.run(.deleteOrganizationalUnit(path: ["Data", "L2", "L3", "L4"]), in: management)
        try await simulator.run(.deleteOrganizationalUnit(path: ["Data", "L2", "L3"]), in: management)
        let holding = await simulator.error(.deleteOrganizationalUnit(path: ["Data", "L2"]), in: management)
        #expect(holding?.rawCode == "OrganizationalUnitNotEmptyException")
        #expect(await simulator.error(.deleteOrganizationalUnit(path: ["Nope"]), in: management)?.code == .noSuchEntity)
    }

    @Test("SCPs: attached where asked, at most five per target, never the last one detached, not deleted while attached")
    func policies() async throws {
        let simulator = try await organized()
        try await simulator.run(.createOrganizationalUnit(path: ["Data"]), in: management)
        try await simulator.run(.createServiceControlPolicy(name: "DenyWrites", description: "no writes", document: denyWrites), in: management)
        #expect(await simulator.error(.createServiceControlPolicy(name: "DenyWrites", description: nil, document: denyWrites), in: management)?.rawCode
            == "DuplicatePolicyException")
        let withPrincipal = #"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"*","Resource":"*"}]}"#
        #expect(await simulator.error(.createServiceControlPolicy(name: "Bad", description: nil, document: withPrincipal), in: management)?.rawCode
            == "MalformedPolicyDocumentException")
        try await simulator.run(.attachServiceControlPolicy(name: "DenyWrites", target: .unit(["Data"])), in: management)
        #expect(await simulator.error(.attachServiceControlPolicy(name: "DenyWrites", target: .unit(["Data"])), in: management)?.rawCode
            == "DuplicatePolicyAttachmentException")
        let listed = try await simulator.run(.listServiceControlPoliciesForTarget(target: .unit(["Data"])), in: management)
        #expect(listed.attributes?["policies"] == .array([.string("FullAWSAccess"), .string("DenyWrites")]))
        #expect(await simulator.error(.deleteServiceControlPolicy(name: "DenyWrites"), in: management)?.rawCode == "PolicyInUseException")
        #expect(await simulator.error(.detachServiceControlPolicy(name: "FullAWSAccess", target: .root), in: management)?.rawCode
            == "ConstraintViolationException")
        for index in 1...3 {
            try await simulator.run(.createServiceControlPolicy(name: "P\(index)", description: nil, document: denyWrites), in: management)
            try await simulator.run(.attachServiceControlPolicy(name: "P\(index)", target: .unit(["Data"])), in: management)
        }
        try await simulator.run(.createServiceControlPolicy(name: "P4", description: nil, document: denyWrites), in: management)
        #expect(await simulator.error(.attachServiceControlPolicy(name: "P4", target: .unit(["Data"])), in: management)?.code == .limitExceeded)
        #expect(await simulator.error(.attachServiceControlPolicy(name: "P4", target: .unit(["Nope"])), in: management)?.rawCode
            == "TargetNotFoundException")
        try await simulator.run(.updateServiceControlPolicy(name: "DenyWrites", description: "changed", document: denyWrites), in: management)
        let described = try await simulator.run(.describeServiceControlPolicy(name: "DenyWrites"), in: management)
        #expect(described.attributes?["description"] == .string("changed"))
    }

    @Test("the organization is written with the world and read back")
    func persisted() async throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let simulator = try makeSimulator(directory: directory)
        try await simulator.run(.createOrganization(featureSet: "ALL"), in: management)
        try await simulator.run(.createOrganizationalUnit(path: ["Data"]), in: management)
        try await simulator.run(.createServiceControlPolicy(name: "DenyWrites", description: nil, document: denyWrites), in: management)
        try await simulator.run(.attachServiceControlPolicy(name: "DenyWrites", target: .unit(["Data"])), in: management)
        try await simulator.run(.inviteAccountToOrganization(accountID: member), in: management)
        try await simulator.run(.moveAccount(accountID: member, destination: ["Data"]), in: management)
        try await simulator.flush()
        let reloaded = try makeSimulator(directory: directory)
        #expect(await reloaded.snapshot == simulator.snapshot)
        #expect(await reloaded.snapshot.organization?.members[member]?.parent == ["Data"])
    }

    @Test("DeleteOrganization refuses while member accounts remain")
    func deleteOrganization() async throws {
        let simulator = try await organized()
        try await simulator.run(.inviteAccountToOrganization(accountID: member), in: management)
        #expect(await simulator.error(.deleteOrganization, in: management)?.rawCode == "OrganizationNotEmptyException")
        #expect(await simulator.error(.removeAccountFromOrganization(accountID: management), in: management)?.rawCode
            == "MasterCannotLeaveOrganizationException")
        try await simulator.run(.removeAccountFromOrganization(accountID: member), in: management)
        try await simulator.run(.deleteOrganization, in: management)
        #expect(await simulator.snapshot.organization == nil)
    }
}
