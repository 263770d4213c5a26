import Foundation
import IAMConfBackend
import IAMConfCore
import IAMConfOperations
import IAMConfSimulator
import Testing

/// `Workspace.resetToConfiguration`: the lab back to exactly what the configuration gives.
@Suite struct LabResetTests {
    /// Changes a learner makes through the simulator (as serve does): a user of their own and drift
    /// on a configured one.
    static func learnerChanges(_ workspace: Workspace) async throws {
        let simulator = try IAMSimulator(directory: URL(fileURLWithPath: workspace.simulatorDirectory))
        _ = try await simulator.perform(.createUser(name: "mallory", path: "/", tags: [], permissionsBoundary: nil), in: "111111111111")
        _ = try await simulator.perform(.updateUser(name: "bob", newPath: "/moved/"), in: "111111111111")
        try await simulator.flush()
    }

    static func world(_ workspace: Workspace) throws -> World {
        try #require(try WorldStore(directory: URL(fileURLWithPath: workspace.simulatorDirectory)).load())
    }

    @Test func resetRemovesWhatTheLearnerMadeAndPlanHasNothingToDo() async throws {
        let temp = try TemporaryDirectory()
        let workspace = try SimulatorOperationsTests.workspace(temp)
        let first = try await SimulatorOperationsTests.apply(workspace)
        try await Self.learnerChanges(workspace)
        let drifted = try await PlanOperation(workspace: workspace, refresh: true).run(observer: SilentObserver())
        #expect(drifted.plan.hasChanges, "bob's path drifted")

        let outcome = try await workspace.resetToConfiguration()
        #expect(outcome.isComplete && outcome.report.added == 2)
        let account = try #require(try Self.world(workspace).account("111111111111"))
        #expect(account.user(named: "mallory") == nil)
        #expect(account.user(named: "bob")?.path == "/")
        #expect(account.user(named: "alice")?.uniqueID != first.state.resources.values.first { $0.address.name == "alice" }?.outputs["unique_id"])
        let plan = try await PlanOperation(workspace: workspace, refresh: true).run(observer: SilentObserver())
        #expect(!plan.plan.hasChanges)
        #expect(plan.drift?.isEmpty == true)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: workspace.simulatorDirectory).filter { $0.hasPrefix(".reset-") }
        #expect(leftovers.isEmpty)
    }

    @Test func aConfigurationThatDoesNotApplyLeavesTheLabAsItWas() async throws {
        let temp = try TemporaryDirectory()
        let workspace = try SimulatorOperationsTests.workspace(temp)
        try await SimulatorOperationsTests.apply(workspace)
        try await Self.learnerChanges(workspace)
        let state = try String(contentsOfFile: workspace.statePath, encoding: .utf8)
        let world = try String(contentsOfFile: workspace.simulatorDirectory + "/simulator.json", encoding: .utf8)
        // Another process holds the state lock: the plan is made, the fresh apply cannot start.
        try Data("someone else".utf8).write(to: URL(fileURLWithPath: workspace.statePath + ".lock"))
        await #expect(throws: OperationError.self) { _ = try await workspace.resetToConfiguration() }
        #expect(try String(contentsOfFile: workspace.statePath, encoding: .utf8) == state)
        #expect(try String(contentsOfFile: workspace.simulatorDirectory + "/simulator.json", encoding: .utf8) == world)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: workspace.simulatorDirectory).filter { $0.hasPrefix(".reset-") }
        #expect(leftovers.isEmpty)
    }
}
