import Foundation
import IAMConfCore
import IAMConfEngine
import IAMConfOperations
import IAMConfState
import Testing

/// `OutputOperation` (what `iamconf output` reads) and `PlanOperation.skipsExpectations`, in process.
@Suite struct OutputAndExpectationOperationsTests {
    static let configuration = """
        accounts:
          target:
            id: "111111111111"
            users:
              alice:
                path: /engineering/
                access_keys: 1
        expectations:
          - name: alice can read the reports
            principal: target.user.alice
            action: s3:GetObject
            resource: arn:aws:s3:::reports/q1.csv
            expect: allow
        """

    static func applied(_ temp: TemporaryDirectory) async throws -> Workspace {
        let workspace = Workspace(configurationPath: try temp.write("config/iam.yaml", configuration))
        let prepared = try await PlanOperation(workspace: workspace, skipsExpectations: true).run(observer: SilentObserver())
        let outcome = try await ApplyOperation(workspace: workspace, plan: prepared.plan, plannedState: prepared.state, backend: prepared.backend)
            .run(observer: SilentObserver())
        #expect(outcome.isComplete)
        return workspace
    }

    @Test func aFailingExpectationRefusesThePlanUnlessSkipped() async throws {
        let temp = try TemporaryDirectory()
        let workspace = Workspace(configurationPath: try temp.write("config/iam.yaml", Self.configuration))
        let refused = RecordingObserver()
        await #expect(throws: OperationError.self) {
            try await PlanOperation(workspace: workspace).run(observer: refused)
        }
        #expect(!refused.warnings.joined().contains("--skip-expectations"))

        let skipped = RecordingObserver()
        let prepared = try await PlanOperation(workspace: workspace, skipsExpectations: true).run(observer: skipped)
        #expect(prepared.plan.changes.count == 2)
        let warning = try #require(skipped.warnings.last)
        #expect(warning.hasPrefix("Warning: 1 of 1 access expectation failed, and --skip-expectations plans anyway:\n"), "\(warning)")
        #expect(warning.contains("  - alice can read the reports (\(workspace.configurationPath)/iam.yaml:9)\n"), "\(warning)")
    }

    @Test func everyResourceWithOutputsInAddressOrderSecretsHidden() async throws {
        let temp = try TemporaryDirectory()
        let workspace = try await Self.applied(temp)
        guard case let .all(resources) = try OutputOperation(workspace: workspace).run() else {
            Issue.record("expected every resource")
            return
        }
        #expect(resources.map(\.address.description) == ["target.user.alice", "target.user.alice.access_key[1]"])
        let key = try #require(resources.last)
        let secret = try #require(key.values.first { $0.name == "secret_access_key" })
        #expect(secret.isSensitive && secret.value == OutputOperation.sensitivePlaceholder)
        #expect(key.values.map(\.name) == key.values.map(\.name).sorted())

        guard case let .all(shown) = try OutputOperation(workspace: workspace, showsSecrets: true).run() else { return }
        let clear = try #require(shown.last?.values.first { $0.name == "secret_access_key" })
        #expect(clear.isSensitive && clear.value.count == 40)
    }

    @Test func oneValueByAddressAndName() async throws {
        let temp = try TemporaryDirectory()
        let workspace = try await Self.applied(temp)
        let selection = try OutputOperation(workspace: workspace, address: "target.user.alice", name: "arn").run()
        let alice = try #require(Address(parsing: "target.user.alice"))
        #expect(selection == .value(address: alice, OutputValue(name: "arn", value: "arn:aws:iam::111111111111:user/engineering/alice", isSensitive: false)))
    }

    @Test(arguments: [
        ("target.user.bob", nil, false, "no resource target.user.bob in the state"),
        ("bob", nil, false, "'bob' is not a resource address"),
        ("target.user.alice", "nope", false, "target.user.alice has no output 'nope'"),
        ("target.user.alice.access_key[1]", "secret_access_key", false, "is a secret"),
    ] as [(String, String?, Bool, String)])
    func refusals(address: String, name: String?, showsSecrets: Bool, message: String) async throws {
        let temp = try TemporaryDirectory()
        let workspace = try await Self.applied(temp)
        do {
            _ = try OutputOperation(workspace: workspace, address: address, name: name, showsSecrets: showsSecrets).run()
            Issue.record("expected a refusal for \(address) \(name ?? "")")
        } catch {
            #expect(error.message.contains(message), "\(error)")
            #expect(error.hint != nil)
        }
    }

    @Test func noStateMeansNoOutputsButANamedResourceIsAnError() throws {
        let temp = try TemporaryDirectory()
        let workspace = Workspace(configurationPath: try temp.write("config/iam.yaml", Self.configuration))
        #expect(try OutputOperation(workspace: workspace).run() == .all([]))
        #expect(throws: OperationError.self) { try OutputOperation(workspace: workspace, address: "target.user.alice").run() }
    }
}
