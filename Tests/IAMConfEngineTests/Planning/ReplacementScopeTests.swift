import IAMConfCore
import IAMConfState
import Testing

@testable import IAMConfEngine

/// What a replacement drags along, and what a `--target` pulls in.
@Suite("Replacement and target scope")
struct ReplacementScopeTests {
    typealias F = PlanFixtures
    static let document = F.document(#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}"#)
    static let boundaryARN = "arn:aws:iam::111111111111:policy/Boundary"

    func boundary(_ description: String) -> Resource {
        F.resource("target.policy.Boundary", .policy, [
            "name": .string("Boundary"), "path": .string("/"), "description": .string(description), "document": Self.document,
        ])
    }

    func state(_ resources: [Resource]) -> State {
        var state = State(lineage: "l", serial: 1)
        for r in resources { state.resources[r.address] = F.applied(r) }
        return state
    }

    @Test("a replaced boundary policy re-puts the boundary on its users and roles instead of replacing them")
    func boundaryIsReappliedNotReplaced() {
        let user = F.resource(
            "target.user.alice", .user, ["name": .string("alice"), "path": .string("/"), "permissions_boundary": .string(Self.boundaryARN)],
            dependsOn: ["target.policy.Boundary"])
        let key = F.resource("target.user.alice.access_key[1]", .accessKey, ["user": .string("alice"), "index": .number("1")], dependsOn: ["target.user.alice"])
        let prior = state([boundary("first"), user, key])
        let plan = Planner().plan(desired: [boundary("second"), user, key], prior: prior, backend: .simulator)
        let actions = Dictionary(uniqueKeysWithValues: plan.changes.map { ($0.address.description, $0.action) })
        #expect(actions == ["target.policy.Boundary": .replace, "target.user.alice": .update], "\(actions)")
        #expect(plan.changes.first { $0.address.description == "target.user.alice" }?.changedAttributes == ["permissions_boundary"])
    }

    @Test("a replaced policy still replaces the attachments that hang off it")
    func attachmentsFollowTheirPolicy() {
        let attachment = F.resource(
            "target.user.alice.policy[Boundary]", .userPolicyAttachment, ["user": .string("alice"), "policy_arn": .string(Self.boundaryARN)],
            dependsOn: ["target.user.alice", "target.policy.Boundary"])
        let user = F.resource("target.user.alice", .user, ["name": .string("alice"), "path": .string("/")])
        let plan = Planner().plan(desired: [boundary("second"), user, attachment], prior: state([boundary("first"), user, attachment]), backend: .simulator)
        #expect(plan.changes.map(\.action) == [.replace, .replace], "\(plan.changes.map(\.address))")
    }

    @Test("--target pulls in no deletion hanging off a dependency that stays")
    func targetLeavesUnrelatedDeletes() throws {
        let group = F.resource("a.group.devs", .group, ["name": .string("devs"), "path": .string("/")])
        let carl = F.resource("a.user.carl", .user, ["name": .string("carl"), "path": .string("/")])
        let dora = F.resource("a.user.dora", .user, ["name": .string("dora"), "path": .string("/")])
        func member(_ user: String) -> Resource {
            F.resource("a.user.\(user).group[devs]", .userGroupMembership, ["user": .string(user), "group": .string("devs")], dependsOn: ["a.user.\(user)", "a.group.devs"])
        }
        let prior = state([group, carl, member("carl")])
        let plan = Planner().plan(
            desired: [group, carl, dora, member("dora")], prior: prior, backend: .simulator, targets: [F.address("a.user.dora")])
        #expect(plan.changes.map(\.address.description) == ["a.user.dora", "a.user.dora.group[devs]"])
        let all = Planner().plan(desired: [group, carl, dora, member("dora")], prior: prior, backend: .simulator)
        #expect(all.changes.contains { $0.address.description == "a.user.carl.group[devs]" && $0.action == .delete })
    }
}
