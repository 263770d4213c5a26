import Foundation
import IAMConfCore
import IAMConfEngine
import IAMConfOperations
import IAMConfState
import Testing

/// Plan, apply, refresh and import called in process against the embedded simulator.
@Suite struct SimulatorOperationsTests {
    static let configuration = """
        accounts:
          target:
            id: "111111111111"
            users:
              alice:
                path: /engineering/
              bob:
                path: /
        """

    /// A workspace with the configuration above in `config/`.
    static func workspace(_ temp: TemporaryDirectory) throws -> Workspace {
        Workspace(configurationPath: try temp.write("config/iam.yaml", configuration))
    }

    /// Plans and applies the configuration; returns the outcome.
    @discardableResult
    static func apply(_ workspace: Workspace, observer: RecordingObserver = RecordingObserver()) async throws -> ApplyOperation.Outcome {
        let prepared = try await PlanOperation(workspace: workspace).run(observer: observer)
        return try await ApplyOperation(
            workspace: workspace, plan: prepared.plan, plannedState: prepared.state, backend: prepared.backend
        ).run(observer: observer)
    }

    @Test func planThenApplyThenNothingLeftToDo() async throws {
        let temp = try TemporaryDirectory()
        let workspace = try Self.workspace(temp)
        let observer = RecordingObserver()
        let prepared = try await PlanOperation(workspace: workspace).run(observer: observer)
        #expect(prepared.state == nil)
        #expect(prepared.backend == BackendConnection(descriptor: .simulator))
        #expect(prepared.plan.changes.map(\.action) == [.create, .create])
        let outcome = try await ApplyOperation(workspace: workspace, plan: prepared.plan, backend: prepared.backend).run(observer: observer)
        #expect(outcome.isComplete)
        #expect(outcome.report.added == 2)
        #expect(outcome.state.resources.keys.map(\.description).sorted() == ["target.user.alice", "target.user.bob"])
        #expect(observer.progress.last.map { $0.done == $0.total } == true)
        #expect(fileMode(workspace.statePath) == 0o600)
        #expect(!FileManager.default.fileExists(atPath: workspace.statePath + ".intent"), "a finished run settles its intent")
        let again = try await PlanOperation(workspace: workspace).run(observer: observer)
        #expect(!again.plan.hasChanges)
        #expect(again.state?.serial == outcome.state.serial)
    }

    @Test func aPlanMadeBeforeAnotherApplyIsRefused() async throws {
        let temp = try TemporaryDirectory()
        let workspace = try Self.workspace(temp)
        let prepared = try await PlanOperation(workspace: workspace).run(observer: SilentObserver())
        let first = try await ApplyOperation(workspace: workspace, plan: prepared.plan, backend: prepared.backend).run(observer: SilentObserver())
        #expect(first.isComplete)
        await #expect {
            _ = try await ApplyOperation(workspace: workspace, plan: prepared.plan, backend: prepared.backend).run(observer: SilentObserver())
        } throws: { error in
            let message = (error as? OperationError)?.message ?? ""
            return message == "the state changed since this plan was made (plan: no state, state now: lineage \(first.state.lineage) serial \(first.state.serial))"
        }
    }

    @Test func anEarlierRunsUnresolvedIntentOutlivesANormalRunWithItsStart() async throws {
        let temp = try TemporaryDirectory()
        let workspace = try Self.workspace(temp)
        let killed = Date(timeIntervalSince1970: 1_700_000_000)
        let carol = try #require(Address(parsing: "target.user.carol"))
        try IntentJournal(addresses: [carol], startedAt: killed).write(to: workspace.statePath + ".intent")
        let outcome = try await Self.apply(workspace)
        #expect(outcome.isComplete)
        // Carol is not in the state: still adoptable later. Alice and bob were this run's and are recorded.
        let left = IntentJournal.read(workspace.statePath + ".intent")
        #expect(left == IntentJournal(addresses: [carol], startedAt: killed))
    }

    @Test func refreshRecordsWhatTheBackendHas() async throws {
        let temp = try TemporaryDirectory()
        let workspace = try Self.workspace(temp)
        let applied = try await Self.apply(workspace)
        // The state says alice lives elsewhere; the backend knows better.
        let alice = try #require(Address(parsing: "target.user.alice"))
        var edited = applied.state
        edited.resources[alice]?.attributes["path"] = .string("/elsewhere/")
        try StateStore(path: workspace.statePath).write(edited)
        let observer = RecordingObserver()
        let outcome = try await RefreshOperation(workspace: workspace).run(observer: observer)
        #expect(outcome.isSaved)
        #expect(outcome.result?.drift.map(\.address) == [alice])
        #expect(try workspace.loadState()?.resources[alice]?.attributes["path"] == .string("/engineering/"))
        #expect(observer.warnings.isEmpty, "\(observer.warnings)")
        let quiet = try await RefreshOperation(workspace: workspace).run(observer: observer)
        #expect(!quiet.isSaved && quiet.result?.drift.isEmpty == true)
    }

    @Test func importAdoptsAnObjectTheStateForgot() async throws {
        let temp = try TemporaryDirectory()
        let workspace = try Self.workspace(temp)
        let applied = try await Self.apply(workspace)
        let alice = try #require(Address(parsing: "target.user.alice"))
        var forgotten = applied.state
        forgotten.resources[alice] = nil
        try StateStore(path: workspace.statePath).write(forgotten)
        let outcome = try await ImportOperation(workspace: workspace, address: "target.user.alice", id: "alice").run(observer: SilentObserver())
        #expect(outcome.imported.address == alice)
        #expect(outcome.remaining == nil, "the imported user is what the configuration declares")
        #expect(try workspace.loadState()?.resources[alice]?.outputs["arn"] == "arn:aws:iam::111111111111:user/engineering/alice")
        await #expect {
            _ = try await ImportOperation(workspace: workspace, address: "target.user.alice", id: "alice").run(observer: SilentObserver())
        } throws: { error in
            (error as? OperationError)?.message == "target.user.alice is already in the state"
        }
    }

    @Test func aStateWithAnImpossibleAccountIDIsRefusedAndLeftAlone() async throws {
        let temp = try TemporaryDirectory()
        let workspace = try Self.workspace(temp)
        try await Self.apply(workspace)
        let original = try String(contentsOfFile: workspace.statePath, encoding: .utf8)
        let broken = original.replacingOccurrences(of: "\"account_id\": \"111111111111\"", with: "\"account_id\": \"11111111111\"")
        #expect(broken != original)
        try Data(broken.utf8).write(to: URL(fileURLWithPath: workspace.statePath))
        await #expect {
            _ = try await PlanOperation(workspace: workspace).run(observer: SilentObserver())
        } throws: { error in
            let message = (error as? OperationError)?.message ?? ""
            return message.hasPrefix(workspace.statePath + ": ") && message.contains("target.user.alice")
                && message.contains("\"11111111111\", which is not a 12-digit AWS account id")
        }
        #expect(try String(contentsOfFile: workspace.statePath, encoding: .utf8) == broken)
    }
}
