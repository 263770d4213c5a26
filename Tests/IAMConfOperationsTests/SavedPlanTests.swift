import Foundation
import IAMConfCore
import IAMConfEngine
import IAMConfOperations
import IAMConfTestSupport
import Testing

/// A saved plan records the backend settings it needs, and `apply PLANFILE` uses exactly them.
@Suite struct SavedPlanTests {
    static let endpointSettings = BackendConnection(
        descriptor: BackendDescriptor(kind: .endpoint, endpoint: "http://127.0.0.1:1"), region: "eu-west-1",
        accessRoles: ["111111111111": "Deployer"])

    static func saved(_ settings: BackendConnection = endpointSettings) -> SavedPlan {
        let plan = Planner().plan(desired: [], prior: nil, backend: settings.descriptor)
        return SavedPlan(configurationDirectory: "/config", statePath: "/config/iamconf.state.json", backend: settings, plan: plan)
    }

    @Test func roundTripsItsBackendConnectionOwnerOnly() throws {
        let temp = try TemporaryDirectory()
        let path = temp.file("my.plan")
        try Self.saved().write(to: path)
        #expect(fileMode(path) == 0o600)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        // One JSON document, the engine's plan file set inside it.
        let parsed = try JSONParser.parse(text)
        #expect(parsed["iamconf_saved_plan"] == .number("2"))
        #expect(parsed["plan"]?["iamconf_plan"] == .number("1"))
        let read = try #require(try SavedPlan.read(path))
        #expect(read.backend == Self.endpointSettings)
        #expect(read.configurationDirectory == "/config" && read.statePath == "/config/iamconf.state.json")
        #expect(read.plan.backend == Self.endpointSettings.descriptor)
    }

    /// Rewrites a saved plan's text and returns the error reading it gives.
    static func readError(_ edit: (String) -> String) throws -> OperationError? {
        let temp = try TemporaryDirectory()
        let path = temp.file("my.plan")
        try Data(edit(saved().encoded()).utf8).write(to: URL(fileURLWithPath: path))
        do {
            _ = try SavedPlan.read(path)
            return nil
        } catch {
            return error
        }
    }

    @Test func aPlanSavedByAnOlderIamconfIsRefused() throws {
        let error = try Self.readError { $0.replacingOccurrences(of: "\"iamconf_saved_plan\": 2", with: "\"iamconf_saved_plan\": 1") }
        #expect(error?.message.contains("saved by an older iamconf (plan format 1), which did not record the backend's region and access roles") == true, "\(String(describing: error))")
        #expect(error?.hint?.contains("iamconf plan --out") == true)
    }

    @Test("a saved plan edited after it was saved is refused", arguments: [
        ("\"region\": \"eu-west-1\"", "\"region\": \"\"", "backend.region must be a non-empty string"),
        ("\"111111111111\": \"Deployer\"", "\"1111\": \"Deployer\"", "names \"1111\", which is not a 12-digit account id"),
        ("\"111111111111\": \"Deployer\"", "\"111111111111\": 7", "backend.access_roles.111111111111 must be a non-empty role name"),
        ("\"kind\": \"endpoint\",\n    \"endpoint\": \"http://127.0.0.1:1\"", "\"kind\": \"simulator\",\n    \"endpoint\": null", "its backend settings name simulator, but its plan was made for endpoint (http://127.0.0.1:1)"),
        ("\"iamconf_saved_plan\": 2", "\"iamconf_saved_plan\": \"2\"", "has no saved-plan format version"),
    ])
    func tamperedPlansAreRefused(original: String, replacement: String, expected: String) throws {
        let error = try Self.readError {
            #expect($0.contains(original), "the fixture edit must apply")
            return $0.replacingOccurrences(of: original, with: replacement)
        }
        #expect(error?.message.contains(expected) == true, "\(String(describing: error))")
    }

    @Test func aFileWithoutTheMarkerIsNotASavedPlan() throws {
        let temp = try TemporaryDirectory()
        try temp.write("config/iam.yaml", "accounts: {}\n")
        #expect(try SavedPlan.read(temp.file("config/iam.yaml")) == nil)
        #expect(try SavedPlan.read(temp.file("config")) == nil)
    }
}

/// The regression behind the envelope: a saved plan applied to an endpoint whose account has a
/// non-default access role and whose region is not us-east-1 used the defaults instead.
@Suite(.serialized) struct SavedPlanEndpointTests {
    @Test func applyingASavedPlanAssumesTheConfiguredRoleAndSignsTheConfiguredRegion() async throws {
        guard MotoServer.findExecutable("moto_server") != nil else {
            Issue.record("moto_server is not installed: pip install 'moto[server]==5.2.1'")
            return
        }
        let moto = try await MotoServer.start()
        defer { moto.stop() }
        let temp = try TemporaryDirectory()
        let proxy = try RecordingProxy(forwardingTo: moto.url, recordFile: temp.file("requests.jsonl"))
        defer { proxy.stop() }
        let configuration = try temp.write("config/iam.yaml", """
            backend: { kind: endpoint, url: "\(proxy.url.absoluteString)", region: eu-west-1 }
            accounts:
              target:
                id: "111111111111"
                access_role: Deployer
                users:
                  alice:
                    path: /
            """)
        let planned = Workspace(configurationPath: configuration)
        let prepared = try await PlanOperation(workspace: planned).run(observer: SilentObserver())
        let planPath = temp.file("alice.plan")
        try SavedPlan(
            configurationDirectory: configuration, statePath: planned.statePath, backend: prepared.backend, plan: prepared.plan
        ).write(to: planPath)
        #expect(try proxy.recorded().isEmpty, "planning without a state reads nothing")

        // `apply PLANFILE`, in another process or directory: only the file says how to reach the endpoint.
        let saved = try #require(try SavedPlan.read(planPath))
        let workspace = Workspace(configurationPath: saved.configurationDirectory, statePath: saved.statePath)
        let outcome = try await ApplyOperation(workspace: workspace, plan: saved.plan, backend: saved.backend).run(observer: SilentObserver())
        #expect(outcome.isComplete, "\(outcome.report.failures.map(\.error))")
        #expect(outcome.state.resources.keys.map(\.description) == ["target.user.alice"])

        let records = try proxy.recorded()
        let assumed = records.filter { $0.action == "AssumeRole" }.compactMap(\.roleARN)
        #expect(!assumed.isEmpty && assumed.allSatisfy { $0 == "arn:aws:iam::111111111111:role/Deployer" }, "\(assumed)")
        #expect(records.contains { $0.action == "CreateUser" })
        let regions = Set(records.compactMap(\.signedRegion))
        #expect(regions == ["eu-west-1"], "\(regions)")
    }
}
