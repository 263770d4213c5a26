import IAMConfBackend
import IAMConfCore
import IAMConfState
import Testing

@testable import IAMConfEngine

/// The applier's ordering, failure and concurrency rules, against a backend that records calls.
@Suite("Applier")
struct ApplierTests {
    typealias F = PlanFixtures

    static let document = F.document(#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}"#)
    static let policy = F.resource("target.policy.Reports", .policy, ["name": .string("Reports"), "path": .string("/"), "document": document])
    static let group = F.resource("target.group.devs", .group, ["name": .string("devs"), "path": .string("/")])
    static let user = F.resource("target.user.alice", .user, ["name": .string("alice"), "path": .string("/")])
    static let membership = F.resource(
        "target.user.alice.group[devs]", .userGroupMembership, ["user": .string("alice"), "group": .string("devs")],
        dependsOn: ["target.user.alice", "target.group.devs"])
    static let attachment = F.resource(
        "target.group.devs.policy[Reports]", .groupPolicyAttachment,
        ["group": .string("devs"), "policy_arn": .string("arn:aws:iam::111111111111:policy/Reports")],
        dependsOn: ["target.group.devs", "target.policy.Reports"])
    static let all = [policy, group, user, membership, attachment]

    func plan(_ desired: [Resource], prior: State? = nil, mode: Planner.Mode = .normal) -> Plan {
        Planner().plan(desired: desired, prior: prior, backend: .simulator, mode: mode)
    }

    func applied(_ resources: [Resource]) -> State {
        var state = State(lineage: "l", serial: 1)
        for r in resources { state.resources[r.address] = F.applied(r, outputs: F.arn("policy", "Reports")) }
        return state
    }

    /// Where a call happened: an exact `Action name` label, or the first call of a bare action.
    func index(_ calls: [String], _ label: String) throws -> Int {
        try #require(calls.firstIndex { $0 == label || (!label.contains(" ") && $0.hasPrefix(label + " ")) }, "\(label) not in \(calls)")
    }

    @Test("creates wait for what they depend on: policies and groups before attachments and memberships")
    func createOrder() async throws {
        let backend = RecordingBackend()
        let report = await Applier(backend: backend, parallelism: 4).apply(plan(Self.all), record: { _ in })
        #expect(report.failures.isEmpty && report.added == 5)
        let calls = await backend.calls
        #expect(try index(calls, "CreatePolicy Reports") < index(calls, "AttachGroupPolicy devs"))
        #expect(try index(calls, "CreateGroup devs") < index(calls, "AttachGroupPolicy devs"))
        #expect(try index(calls, "CreateGroup devs") < index(calls, "AddUserToGroup devs"))
        #expect(try index(calls, "CreateUser alice") < index(calls, "AddUserToGroup devs"))
    }

    @Test("deletes run in reverse: memberships and attachments go before what they joined")
    func deleteOrder() async throws {
        let backend = RecordingBackend()
        let report = await Applier(backend: backend).apply(plan(Self.all, prior: applied(Self.all), mode: .destroy), record: { _ in })
        #expect(report.failures.isEmpty && report.destroyed == 5)
        let calls = await backend.calls
        #expect(try index(calls, "RemoveUserFromGroup devs") < index(calls, "DeleteGroup devs"))
        #expect(try index(calls, "RemoveUserFromGroup devs") < index(calls, "DeleteUser alice"))
        #expect(try index(calls, "DetachGroupPolicy devs") < index(calls, "DeleteGroup devs"))
        #expect(try index(calls, "DetachGroupPolicy devs") < index(calls, "ListPolicyVersions"))
        #expect(try index(calls, "DeletePolicyVersion") < index(calls, "DeletePolicy"))
    }

    @Test("a failure stops new work, lets running work finish and names the resource")
    func failureStops() async {
        let backend = RecordingBackend(failing: ["CreateGroup devs": BackendError(.limitExceeded, "too many groups")])
        let recorded = Recorded()
        let report = await Applier(backend: backend, parallelism: 1).apply(plan(Self.all), record: { await recorded.add($0) })
        #expect(report.failures.map(\.address.description) == ["target.group.devs"])
        #expect(report.failures.first?.error.code == .limitExceeded)
        let calls = await backend.calls
        #expect(!calls.contains("AddUserToGroup devs") && !calls.contains("AttachGroupPolicy devs"))
        #expect(await recorded.count == report.added)
    }

    @Test("no more than --parallelism calls are in flight", arguments: [1, 3])
    func parallelismBound(limit: Int) async {
        let users = (0..<12).map { F.resource("target.user.u\($0)", .user, ["name": .string("u\($0)"), "path": .string("/")]) }
        let backend = RecordingBackend(delay: .milliseconds(5))
        let report = await Applier(backend: backend, parallelism: limit).apply(plan(users), record: { _ in })
        #expect(report.added == 12)
        let peak = await backend.maxInFlight
        #expect(peak <= limit && (limit == 1 || peak > 1), "peak \(peak)")
    }

    @Test("a replacement deletes the old object before creating the new one")
    func replacementOrder() async throws {
        let old = F.resource("target.role.R", .role, ["name": .string("R"), "path": .string("/a/"), "assume_role_policy": Self.document])
        var new = old
        new.attributes["path"] = .string("/b/")
        let backend = RecordingBackend()
        let report = await Applier(backend: backend).apply(plan([new], prior: applied([old])), record: { _ in })
        #expect(report.added == 1 && report.destroyed == 1)
        let calls = await backend.calls
        #expect(try index(calls, "DeleteRole R") < index(calls, "CreateRole R"))
    }

    @Test("a policy document change adds a default version, deleting the oldest non-default one at five")
    func policyVersions() async {
        var changed = Self.policy
        changed.attributes["document"] = F.document(#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}"#)
        let backend = RecordingBackend()
        let recorded = Recorded()
        _ = await Applier(backend: backend).apply(plan([changed], prior: applied([Self.policy])), record: { await recorded.add($0) })
        let actions = await backend.calls.map { $0.prefix { $0 != " " } }
        #expect(actions == ["ListPolicyVersions", "DeletePolicyVersion", "CreatePolicyVersion"], "\(actions)")
        #expect(await recorded.states.first?.outputs["default_version_id"] == "v6")
    }

    @Test("deleting something already gone counts as done")
    func deleteMissing() async {
        let backend = RecordingBackend(failing: ["DeleteUser": BackendError(.noSuchEntity, "gone")])
        let report = await Applier(backend: backend).apply(plan([], prior: applied([Self.user])), record: { _ in })
        #expect(report.failures.isEmpty && report.destroyed == 1)
    }

    @Test("an existing object is adopted when it is the desired one or an interrupted apply made it; otherwise the error names the import")
    func adoption() async {
        let exists = ["CreateUser alice": BackendError(.entityAlreadyExists, "User with name alice already exists.")]
        let adopted = await Applier(backend: RecordingBackend(failing: exists), interrupted: [Self.user.address])
            .apply(plan([Self.user]), record: { _ in })
        #expect(adopted.failures.isEmpty && adopted.added == 1 && adopted.adopted == [Self.user.address])

        var same = Self.user
        same.attributes["tags"] = .object([])
        same.attributes["permissions_boundary"] = .null
        let matching = await Applier(backend: RecordingBackend(failing: exists)).apply(plan([same]), record: { _ in })
        #expect(matching.failures.isEmpty && matching.adopted == [same.address])

        var other = same
        other.attributes["path"] = .string("/elsewhere/")
        let refused = await Applier(backend: RecordingBackend(failing: exists)).apply(plan([other]), record: { _ in })
        #expect(refused.failures.first?.error.code == .entityAlreadyExists)
        #expect(refused.failures.first?.error.message.contains("iamconf import target.user.alice alice") == true)
        #expect(refused.failures.first?.error.message.contains("differs from the configuration (path)") == true)
    }

    @Test("a failed operation skips only what depends on it; independent work still runs")
    func continuesAfterFailure() async {
        let backend = RecordingBackend(failing: ["CreateGroup devs": BackendError(.limitExceeded, "too many groups")])
        let report = await Applier(backend: backend).apply(
            plan([Self.user, Self.group, Self.membership, Self.policy]), record: { _ in })
        #expect(report.failures.map(\.address) == [Self.group.address])
        #expect(report.skipped.map(\.address) == [Self.membership.address])
        #expect(report.skipped.first?.because == Self.group.address)
        let calls = await backend.calls
        #expect(calls.contains("CreateUser alice") && calls.contains { $0.hasPrefix("CreatePolicy") })
        #expect(!calls.contains { $0.hasPrefix("AddUserToGroup") })
    }
}

/// Collects what the applier records, across its concurrent completions.
actor Recorded {
    private(set) var states: [ResourceState] = []
    private(set) var count = 0
    func add(_ outcome: Applier.Outcome) {
        count += 1
        if case let .saved(state, _) = outcome { states.append(state) }
    }
}

extension ApplierTests {
    @Test("a rename that only changes case deletes the old name before creating the new one")
    func caseOnlyRename() async throws {
        let bob = F.resource("target.user.Bob", .user, ["name": .string("Bob"), "path": .string("/")])
        let lower = F.resource("target.user.bob", .user, ["name": .string("bob"), "path": .string("/")])
        let backend = RecordingBackend(slow: ["DeleteUser": .milliseconds(50)])
        let report = await Applier(backend: backend, parallelism: 10).apply(plan([lower], prior: applied([bob])), record: { _ in })
        #expect(report.failures.isEmpty)
        let calls = await backend.calls
        #expect(try index(calls, "DeleteUser Bob") < index(calls, "CreateUser bob"))
    }
}

extension ApplierTests {
    @Test("moving an instance profile to another role removes the old role before adding the new one")
    func instanceProfileRoleSwitch() async throws {
        let profile = F.resource("target.instance_profile.web", .instanceProfile, ["name": .string("web"), "path": .string("/")])
        func holds(_ role: String) -> Resource {
            F.resource(
                "target.instance_profile.web.role[\(role)]", .instanceProfileRole, ["profile": .string("web"), "role": .string(role)],
                dependsOn: ["target.instance_profile.web"])
        }
        let backend = RecordingBackend(slow: ["RemoveRoleFromInstanceProfile": .milliseconds(50)])
        let report = await Applier(backend: backend, parallelism: 10)
            .apply(plan([profile, holds("R1")], prior: applied([profile, holds("R2")])), record: { _ in })
        #expect(report.failures.isEmpty)
        let calls = await backend.calls
        #expect(try index(calls, "RemoveRoleFromInstanceProfile") < index(calls, "AddRoleToInstanceProfile"))
    }

    @Test("a path change records the new ARN")
    func pathChangeUpdatesARN() async {
        let before = F.resource("target.user.u", .user, ["name": .string("u"), "path": .string("/one/")])
        var after = before
        after.attributes["path"] = .string("/two/")
        var prior = State(lineage: "l", serial: 1)
        prior.resources[before.address] = F.applied(before, outputs: ["arn": "arn:aws:iam::111111111111:user/one/u"])
        let recorded = Recorded()
        _ = await Applier(backend: RecordingBackend()).apply(plan([after], prior: prior), record: { await recorded.add($0) })
        #expect(await recorded.states.first?.outputs["arn"] == "arn:aws:iam::111111111111:user/two/u")
    }
}
