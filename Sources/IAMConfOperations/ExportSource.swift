import Foundation
import IAMConfCore
import IAMConfState

/// Where `iamconf export` reads what IAM holds: the resources of the accounts, shaped exactly as an
/// applied state holds them, and the backend they live in (recorded in the exported state).
///
/// The one seam between export and its input. Today the source is a state (`--from-state`); a
/// backend's account inventory (every object IAM lists in an account, read through the backend's
/// list calls) plugs in here as a second conformance, and the exporter does not change.
public protocol ExportSource: Sendable {
    /// Says where the resources came from, for messages ("the state at iamconf.state.json").
    var origin: String { get }
    /// The resources of `accounts` (ids; nil: every account the source knows) and the backend
    /// they live in.
    func read(accounts: Set<String>?, observer: some OperationObserver) async throws(OperationError) -> ExportInput
}

/// What a source read.
public struct ExportInput: Sendable {
    public var resources: [ResourceState]
    public var backend: BackendDescriptor
    /// The simulator's world files the resources live in (the world, the buckets' objects), when
    /// they live in one: the export takes a copy, so its directory is a workspace whose state and
    /// world agree (`plan --refresh`, `apply`).
    public var simulatorFiles: [String]

    public init(resources: [ResourceState], backend: BackendDescriptor, simulatorFiles: [String] = []) {
        self.resources = resources
        self.backend = backend
        self.simulatorFiles = simulatorFiles
    }
}

/// An existing state as the source: turns what one configuration applied into YAML again (a file,
/// `s3://…` or `postgres://…`, as `--state` takes them).
public struct StateExportSource: ExportSource {
    public var location: String

    public init(location: String) {
        self.location = location
    }

    public var origin: String { "the state at \(location)" }

    public func read(accounts: Set<String>?, observer: some OperationObserver) async throws(OperationError) -> ExportInput {
        let workspace = Workspace(configurationPath: nil, statePath: location)
        guard let state = try workspace.loadState() else {
            throw OperationError("no state at \(location)", hint: "name the state file apply wrote (iamconf.state.json beside the configuration)")
        }
        var files: [String] = []
        if state.backend == .simulator, !location.contains("://") {
            files = ["simulator.json", "objects.json"].map { (workspace.simulatorDirectory as NSString).appendingPathComponent($0) }
                .filter { FileManager.default.fileExists(atPath: $0) }
        }
        return ExportInput(resources: Array(state.resources.values), backend: state.backend, simulatorFiles: files)
    }
}
