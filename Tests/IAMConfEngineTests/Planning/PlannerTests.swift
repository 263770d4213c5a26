import IAMConfCore
import IAMConfState
import Testing

@testable import IAMConfEngine

@Suite struct PlannerTests {
    typealias F = PlanFixtures

    static func state(_ resources: [Resource]) -> State {
        State(
            lineage: "lineage-1", serial: 3,
            resources: Dictionary(uniqueKeysWithValues: resources.map { ($0.address, F.applied($0)) }))
    }

    static func plan(_ desired: [Resource], prior: [Resource]?, targets: [String] = []) -> Plan {
        Planner().plan(desired: desired, prior: prior.map(state), backend: .simulator, targets: targets.map(F.address))
    }

    static let alice = F.user("alice", path: "/", tags: [])

    static func inline(_ document: JSONValue) -> Resource {
        F.resource(
            "target.user.alice.inline[Read]", .userInlinePolicy,
            ["entity": .string("alice"), "name": .string("Read"), "document": document], dependsOn: ["target.user.alice"])
    }

    @Test func createsWhatTheStateLacks() {
        let plan = Self.plan([Self.alice], prior: nil)
        #expect(plan.changes.map(\.action) == [.create])
        #expect(plan.changes[0].before == nil)
        #expect(plan.changes[0].after == Self.alice)
        #expect(plan.prior == StateFingerprint(lineage: nil, serial: nil))
    }

    @Test func userPathChangesInPlace() {
        let moved = F.user("alice", path: "/engineering/", tags: [])
        let plan = Self.plan([moved], prior: [Self.alice])
        #expect(plan.changes.count == 1)
        #expect(plan.changes[0].action == .update)
        #expect(plan.changes[0].changedAttributes == ["path"])
        #expect(plan.changes[0].replaceReasons == [])
        #expect(plan.prior == StateFingerprint(lineage: "lineage-1", serial: 3))
    }

    @Test func rolePathForcesReplacementOfTheRoleAndItsAttachment() {
        let plan = Self.plan([F.role(path: "/service/", trust: F.trustOld), F.roleAttachment], prior: [F.role(path: "/", trust: F.trustOld), F.roleAttachment])
        #expect(plan.changes.map(\.address.description) == ["target.role.S3Access", "target.role.S3Access.policy[AmazonS3FullAccess]"])
        #expect(plan.changes.map(\.action) == [.replace, .replace])
        #expect(plan.changes[0].replaceReasons == ["path"])
        #expect(plan.changes[1].replaceReasons == ["target.role.S3Access is replaced"])
        #expect(plan.unchangedCount == 0)
        #expect(plan.summary == (add: 2, change: 0, destroy: 2))
    }

    @Test func anUpdateHangingOffAReplacementBecomesAReplacementAndKeepsItsChanges() {
        func inline(_ action: String) -> Resource {
            F.resource(
                "target.role.S3Access.inline[Extra]", .roleInlinePolicy,
                [
                    "entity": .string("S3Access"), "name": .string("Extra"),
                    "document": F.document(#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"\#(action)","Resource":"*"}]}"#),
                ], dependsOn: ["target.role.S3Access"])
        }
        let plan = Self.plan(
            [F.role(path: "/service/", trust: F.trustOld), inline("s3:PutObject")], prior: [F.role(path: "/", trust: F.trustOld), inline("s3:GetObject")])
        let change = plan.changes.first { $0.address.description == "target.role.S3Access.inline[Extra]" }
        #expect(change?.action == .replace)
        #expect(change?.changedAttributes == ["document"])
        #expect(change?.replaceReasons == ["target.role.S3Access is replaced"])
        let text = PlanRenderer.text(plan, color: false)
        #expect(text.contains("  # (because target.role.S3Access is replaced)\n-/+ resource \"role_inline_policy\""))
        #expect(text.contains("      -       \"Action\": \"s3:GetObject\",\n      +       \"Action\": \"s3:PutObject\",\n"))
    }

    @Test func deletesWhatTheConfigurationDropped() {
        let plan = Self.plan([], prior: [Self.alice, F.alias])
        #expect(plan.changes.map(\.action) == [.delete, .delete])
        #expect(plan.changes.map(\.address.description) == ["target.alias", "target.user.alice"])
        #expect(plan.changes.allSatisfy { $0.after == nil })
    }

    @Test func identicalResourcesAreNoOps() {
        let plan = Self.plan([Self.alice, F.alias], prior: [Self.alice, F.alias])
        #expect(!plan.hasChanges)
        #expect(plan.unchangedCount == 2)
    }

    /// IAM compares documents by meaning: key order and `"a"` vs `["a"]` do not matter.
    @Test(arguments: [
        (#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}"#,
         #"{"Statement":[{"Resource":"*","Action":"s3:GetObject","Effect":"Allow"}],"Version":"2012-10-17"}"#),
        (#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}"#,
         #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":["s3:GetObject"],"Resource":["*"]}}"#),
    ])
    func semanticallyEqualDocumentsAreNoOps(_ old: String, _ new: String) {
        let plan = Self.plan([Self.alice, Self.inline(F.document(new))], prior: [Self.alice, Self.inline(F.document(old))])
        #expect(!plan.hasChanges)
    }

    @Test func aDifferentDocumentIsAnUpdate() {
        let old = F.document(#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}"#)
        let new = F.document(#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:PutObject","Resource":"*"}]}"#)
        let plan = Self.plan([Self.alice, Self.inline(new)], prior: [Self.alice, Self.inline(old)])
        #expect(plan.changes.map(\.action) == [.update])
        #expect(plan.changes[0].changedAttributes == ["document"])
    }

    @Test func targetsLimitThePlanToTheTargetAndWhatItNeeds() {
        let plan = Self.plan(F.desired, prior: nil, targets: ["target.user.alice"])
        #expect(
            plan.changes.map(\.address.description) == [
                "target.group.developers", "target.user.alice", "target.user.alice.group[developers]",
            ])
    }

    @Test func targetingADeletedObjectTakesItsDependentsAlong() {
        let plan = Self.plan([], prior: [F.bob, F.bobKey, F.alias], targets: ["target.user.bob"])
        #expect(plan.changes.map(\.address.description) == ["target.user.bob", "target.user.bob.access_key[1]"])
        #expect(plan.changes.allSatisfy { $0.action == .delete })
    }

    @Test func destroyModeDeletesEverything() {
        let plan = Planner().plan(desired: F.desired, prior: F.prior, backend: .simulator, mode: .destroy)
        #expect(plan.isDestroy)
        #expect(plan.changes.count == F.prior.resources.count)
        #expect(plan.changes.allSatisfy { $0.action == .delete })
    }

    @Test func movingAccountsIsAReplacement() {
        var moved = Self.alice
        moved.accountID = "333333333333"
        let plan = Self.plan([moved], prior: [Self.alice])
        #expect(plan.changes.map(\.action) == [.replace])
        #expect(plan.changes[0].replaceReasons == ["account"])
        let text = PlanRenderer.text(plan, color: false)
        #expect(text.contains("  # (because its account changed)\n"))
        #expect(text.contains("      ~ account_id = \"111111111111\" -> \"333333333333\" # forces replacement\n"))
    }
}
