import IAMConfCore
import IAMConfState
import Testing

@testable import IAMConfEngine

/// Large plans compare resources in parallel chunks; the plan must be the one a single pass gives.
@Suite struct PlannerScaleTests {
    typealias F = PlanFixtures

    static let users = (0..<20_000).map { F.user("user\($0)", path: "/", tags: []) }

    @Test("creates, updates, deletes and unchanged resources are all found across chunks")
    func mixedChangesAcrossChunks() {
        // The prior state: every user but the last ten, plus five that are no longer wanted.
        let gone = (0..<5).map { F.user("gone\($0)", path: "/", tags: []) }
        var prior = Array(Self.users.dropLast(10)) + gone
        // Three updates, spread over different chunks.
        for index in [7, 9_999, 19_000] { prior[index] = F.user("user\(index)", path: "/old/", tags: []) }
        let plan = PlannerTests.plan(Self.users, prior: prior)

        #expect(plan.summary.add == 10)
        #expect(plan.summary.change == 3)
        #expect(plan.summary.destroy == 5)
        #expect(plan.unchangedCount == 20_000 - 10 - 3)
        #expect(Set(plan.changes.filter { $0.action == .delete }.map(\.address.description)) == Set(gone.map(\.address.description)))
        #expect(Set(plan.changes.filter { $0.action == .update }.map(\.address.description))
            == ["target.user.user7", "target.user.user9999", "target.user.user19000"])
        // Sorted by address, as a single pass would print them.
        #expect(plan.changes.map(\.address.description) == plan.changes.map(\.address.description).sorted())
    }

    @Test("a plan with nothing to delete but a matched count short of the state still finds the deletes")
    func deletionsWithoutCreates() {
        let extra = F.user("zz-extra", path: "/", tags: [])
        let plan = PlannerTests.plan(Array(Self.users.prefix(9_000)), prior: Array(Self.users.prefix(9_000)) + [extra])
        #expect(plan.summary.destroy == 1)
        #expect(plan.summary.add == 0 && plan.summary.change == 0)
    }
}
