import IAMConfBackend
import IAMConfCore
import IAMConfState
import Testing

@testable import IAMConfEngine

/// An object that lets go of something in place (an update) does so before that thing is deleted:
/// a member account moves out of a unit before the unit goes (OrganizationalUnitNotEmptyException
/// otherwise), a user drops a boundary before the policy goes.
@Suite struct ApplierLetGoTests {
    typealias F = PlanFixtures

    @Test func aMovedAccountLeavesItsUnitBeforeTheUnitIsDeleted() async throws {
        let unit = F.resource("organization.unit.Lake", .organizationalUnit, ["name": .string("Lake"), "parent": .string("root")])
        let placed = F.resource(
            "organization.account.target", .organizationAccount, ["account_id": .string("222222222222"), "parent": .string("ou/Lake")],
            dependsOn: ["organization.unit.Lake"])
        var prior = State(lineage: "l", serial: 1)
        for resource in [unit, placed] { prior.resources[resource.address] = F.applied(resource) }
        let moved = F.resource("organization.account.target", .organizationAccount, ["account_id": .string("222222222222"), "parent": .string("root")])
        let plan = Planner().plan(desired: [moved], prior: prior, backend: .simulator)
        // Without the ordering the unit's delete, being fast, would finish first.
        let backend = RecordingBackend(slow: ["MoveAccount": .milliseconds(50)])
        let report = await Applier(backend: backend, parallelism: 4).apply(plan, record: { _ in })
        #expect(report.failures.isEmpty, "\(report.failures)")
        let calls = await backend.calls
        let move = try #require(calls.firstIndex { $0.hasPrefix("MoveAccount") }, "\(calls)")
        let delete = try #require(calls.firstIndex { $0.hasPrefix("DeleteOrganizationalUnit") }, "\(calls)")
        #expect(move < delete, "\(calls)")
    }
}
