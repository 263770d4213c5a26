import Foundation
import IAMConfCore
import IAMConfEngine
import IAMConfState

/// A plan file as `plan --out` writes it: the plan plus where its configuration and state live and
/// how to reach its backend, so `apply FILE` acts on the same state, through the same region and
/// access roles, whatever directory it runs from (Terraform's plan records its backend the same way).
///
/// ```
/// {
///   "iamconf_saved_plan": 2,
///   "configuration": "/abs/config",
///   "state": "/abs/config/iamconf.state.json",
///   "backend": { "kind": "endpoint", "endpoint": "http://…" | null, "region": "eu-west-1",
///                "access_roles": { "111111111111": "Deployer" } },
///   "plan": { …the engine's plan file (`PlanFile`)… }
/// }
/// ```
/// Format 1 had no `backend` member; such a file is refused (its apply would use default roles).
public struct SavedPlan: Sendable {
    /// The member that marks a saved plan and holds its format version.
    public static let marker = "iamconf_saved_plan"
    /// The format written, and the only one read.
    public static let version = 2

    public var configurationDirectory: String
    public var statePath: String
    public var backend: BackendConnection
    public var plan: Plan

    public init(configurationDirectory: String, statePath: String, backend: BackendConnection, plan: Plan) {
        self.configurationDirectory = configurationDirectory
        self.statePath = statePath
        self.backend = backend
        self.plan = plan
    }

    /// The file's text. The plan is encoded once, by `PlanFile`, and set in indented.
    public func encoded() -> String {
        let roles = backend.accessRoles.sorted { $0.key < $1.key }.map { ($0.key, JSONValue.string($0.value)) }
        let header: [(String, JSONValue)] = [
            (Self.marker, .number(String(Self.version))),
            ("configuration", .string(configurationDirectory)),
            ("state", .string(statePath)),
            ("backend", .object([
                ("kind", .string(backend.descriptor.kind.rawValue)),
                ("endpoint", backend.descriptor.endpoint.map(JSONValue.string) ?? .null),
                ("region", .string(backend.region)),
                ("access_roles", .object(roles)),
            ])),
        ]
        var text = "{\n"
        for (key, value) in header {
            text += "  \(JSONValue.string(key).compactText()): \(indented(value.prettyText())),\n"
        }
        var planText = PlanFile.encode(plan)
        while planText.hasSuffix("\n") { planText.removeLast() }
        text += "  \"plan\": \(indented(planText))\n}\n"
        return text
    }

    /// Every line after the first shifted two spaces right (JSON strings hold no raw newlines).
    private func indented(_ text: String) -> String {
        text.replacingOccurrences(of: "\n", with: "\n  ")
    }

    /// Writes the file atomically with mode 0600: a plan describes the whole access setup.
    public func write(to path: String) throws(OperationError) {
        do {
            try PrivateFile.write(Array(encoded().utf8), to: path)
        } catch {
            throw OperationError("cannot write the plan to \(path): \(error.message)", hint: error.hint)
        }
    }
}
