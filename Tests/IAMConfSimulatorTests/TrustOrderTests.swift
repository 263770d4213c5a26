import Foundation
import IAMConfBackend
import IAMConfCore
import IAMConfEngine
import IAMConfSimulator
import IAMConfState
import Testing

/// IAM refuses a trust policy naming a role that does not exist, so roles that trust roles are
/// ordered, and roles that trust each other (or themselves) are created with a placeholder trust
/// and given their own once every role exists (issue "Found by trying it as a new user").
@Suite("Role trust order")
struct TrustOrderTests {
    static func trust(_ roles: [String]) -> PolicySource {
        let arns = roles.isEmpty ? ["arn:aws:iam::\(account):root"] : roles.map { "arn:aws:iam::\(account):role/\($0)" }
        let principals = arns.map { "\"\($0)\"" }.joined(separator: ",")
        return RefreshFixture.document(
            #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":["#+principals+#"]},"Action":"sts:AssumeRole"}]}"#)
    }

    static func configuration(_ trusts: [(String, [String])]) -> Configuration {
        var target = Account(name: "target", id: account)
        target.roles = trusts.map { Role(name: $0.0, trustPolicy: trust($0.1)) }
        return Configuration(accounts: [target])
    }

    func applyFirstTime(_ trusts: [(String, [String])]) async throws -> (Applier.Report, State, IAMSimulator) {
        let simulator = try makeSimulator()
        let desired = DesiredResources.from(Self.configuration(trusts))
        let plan = Planner().plan(desired: desired, prior: nil, backend: .simulator)
        let recorder = StateRecorder()
        let report = await Applier(backend: simulator).apply(plan) { await recorder.record($0) }
        let state = State(lineage: "t", serial: 1, backend: .simulator, resources: await recorder.resources)
        return (report, state, simulator)
    }

    func expectClean(_ state: State, _ simulator: IAMSimulator, _ trusts: [(String, [String])]) async throws {
        let refreshed = try await Refresher(backend: simulator).refresh(state)
        #expect(refreshed.drift.isEmpty, "\(refreshed.drift)")
        let plan = Planner().plan(desired: DesiredResources.from(Self.configuration(trusts)), prior: refreshed.state, backend: .simulator)
        #expect(plan.changes.isEmpty, "\(plan.changes.map(\.address))")
    }

    @Test("a role trusting a role written after it is created after it, on the first try")
    func ordered() async throws {
        let trusts = [("Reader", ["Admin"]), ("Admin", [])]
        let (report, state, simulator) = try await applyFirstTime(trusts)
        #expect(report.failures.isEmpty, "\(report.failures)")
        try await expectClean(state, simulator, trusts)
    }

    @Test("two roles that trust each other, and a role that trusts itself, apply on the first try", arguments: [
        [("A", ["B"]), ("B", ["A"])],
        [("A", ["B"]), ("B", ["C"]), ("C", ["A"])],
        [("Self", ["Self"])],
    ])
    func cycles(_ trusts: [(String, [String])]) async throws {
        let desired = DesiredResources.from(Self.configuration(trusts))
        #expect(desired.contains { !$0.deferredDependencies.isEmpty }, "a cycle is broken by a deferred trust")
        let (report, state, simulator) = try await applyFirstTime(trusts)
        #expect(report.failures.isEmpty, "\(report.failures)")
        try await expectClean(state, simulator, trusts)
    }

    @Test("a saved plan keeps the deferred trust")
    func planFileRoundTrip() throws {
        let desired = DesiredResources.from(Self.configuration([("A", ["B"]), ("B", ["A"])]))
        let plan = Planner().plan(desired: desired, prior: nil, backend: .simulator)
        let read = try PlanFile.decode(PlanFile.encode(plan))
        #expect(read.changes.compactMap(\.after?.deferredDependencies).flatMap { $0 } == plan.changes.compactMap(\.after?.deferredDependencies).flatMap { $0 })
    }
}
