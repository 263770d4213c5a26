import Foundation
import IAMConfBackend
import IAMConfCore
import IAMConfPolicy
import IAMConfQueryAPI
import IAMConfSimulator

/// Builds the backend a descriptor names: the one place that knows both concrete backends
/// (terraform's `internal/backend/init`). Everything else talks to `any Backend`.
public struct BackendFactory: Sendable {
    /// Where the simulator keeps its world (`.iamconf/` beside the state).
    public var simulatorDirectory: String

    public init(simulatorDirectory: String) {
        self.simulatorDirectory = simulatorDirectory
    }

    /// The backend for `connection`, with `parallelism` requests in flight at most (endpoint).
    public func makeBackend(_ connection: BackendConnection, parallelism: Int) throws(OperationError) -> any Backend {
        switch connection.descriptor.kind {
        case .simulator: return try simulator()
        case .endpoint: return try endpoint(connection, parallelism: parallelism)
        }
    }

    private func simulator() throws(OperationError) -> any Backend {
        try SimulatorWorldLock.acquire(directory: simulatorDirectory)
        // A lookup per request, not a table built up front: the catalog holds every AWS managed
        // policy, and its documents are stored as the compact text the simulator answers with.
        let catalog = ManagedPolicyCatalog.shared
        let managed: @Sendable (String) -> AWSManagedPolicyInfo? = { arn in
            catalog.policy(arn: arn).map { AWSManagedPolicyInfo(defaultVersionID: $0.defaultVersionID, document: $0.documentText) }
        }
        do {
            return try IAMSimulator(directory: URL(fileURLWithPath: simulatorDirectory), awsManagedPolicy: managed)
        } catch {
            throw OperationError(
                "cannot open the simulator's world in \(simulatorDirectory): \(error.message)",
                hint: "the file may be corrupt or from a newer iamconf; move it aside to start an empty world")
        }
    }

    private func endpoint(_ connection: BackendConnection, parallelism: Int) throws(OperationError) -> any Backend {
        guard let text = connection.descriptor.endpoint, let url = URL(string: text) else {
            throw OperationError(
                "the endpoint backend needs a URL",
                hint: "pass --endpoint-url http://127.0.0.1:5000 or set backend.url in the configuration")
        }
        let configuration = HTTPBackend.Configuration(
            endpoint: url, region: connection.region, accessRoles: connection.accessRoles, parallelism: parallelism)
        do {
            return try HTTPBackend(configuration)
        } catch {
            throw OperationError("cannot use the endpoint \(text): \(error.message)")
        }
    }
}

extension Workspace {
    /// The factory for this workspace's simulator world.
    public var backendFactory: BackendFactory { BackendFactory(simulatorDirectory: simulatorDirectory) }
}
