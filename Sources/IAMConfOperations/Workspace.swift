import Foundation
import IAMConfConfig
import IAMConfCore
import IAMConfEngine
import IAMConfState

/// Where an operation's inputs and outputs live: the configuration, the state file beside it, and
/// the simulator's world directory beside that; plus the backend the caller asked for, if any.
public struct Workspace: Sendable {
    /// The configuration directory or file, as given.
    public var configurationPath: String
    public var statePath: String
    /// Where the simulator keeps its world (`.iamconf/` beside the state file).
    public var simulatorDirectory: String
    /// Whether the caller named the state file itself (`--state`): then the configuration may be absent.
    public var isStatePathGiven: Bool
    /// The backend kind asked for (`simulator`, `endpoint`), overriding the configuration's.
    public var backendKind: String?
    /// The endpoint URL asked for, overriding the configuration's `backend.url`.
    public var endpointURL: String?
    /// A `state:` block that cannot be used: every state access reports it.
    var stateProblem: OperationError?

    public init(configurationPath: String?, statePath: String? = nil, backendKind: String? = nil, endpointURL: String? = nil) {
        let config = configurationPath ?? "."
        self.configurationPath = config
        self.isStatePathGiven = statePath != nil
        self.backendKind = backendKind
        self.endpointURL = endpointURL
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: config, isDirectory: &isDirectory)
        let baseDirectory = exists && !isDirectory.boolValue ? (config as NSString).deletingLastPathComponent : config
        let base = baseDirectory.isEmpty ? "." : baseDirectory
        var configured: String?
        if statePath == nil, exists {
            // The configuration's `state:` block, read before anything else (it locates the state).
            let (settings, diagnostics) = ConfigurationLoader.stateSettings(at: config)
            if let problem = diagnostics.errors.first {
                let place = problem.location.map { "\($0): " } ?? ""
                stateProblem = OperationError("\(place)\(problem.summary)", hint: problem.hint)
            }
            configured = settings.map { StateLocation.text(for: $0, relativeTo: base) }
        }
        self.statePath = statePath ?? configured ?? (base as NSString).appendingPathComponent("iamconf.state.json")
        // A state in a shared store has no directory here: the simulator's world stays beside the configuration.
        let stateDirectory = self.statePath.contains("://") ? base : (self.statePath as NSString).deletingLastPathComponent
        simulatorDirectory = (stateDirectory as NSString).appendingPathComponent(".iamconf")
    }

    /// The backend to use: the flags' (`--backend`, `--endpoint-url`), else the configuration's
    /// `backend:`, else the one the state records, else the simulator. Like Terraform remembering its
    /// backend: once applied against an endpoint, `plan` and `apply` need no flags to find it again.
    public func backendDescriptor(_ configuration: Configuration?, recorded: BackendDescriptor? = nil) -> BackendDescriptor {
        if backendKind == nil, endpointURL == nil, configuration?.backend == nil, let recorded { return recorded }
        let kind = backendKind ?? (endpointURL != nil ? "endpoint" : nil) ?? configuration?.backend?.kind.rawValue ?? "simulator"
        if kind == "endpoint" {
            return BackendDescriptor(kind: .endpoint, endpoint: endpointURL ?? configuration?.backend?.url ?? recorded?.endpoint)
        }
        return .simulator
    }

    /// Everything needed to build the backend: the descriptor plus the configuration's region and access roles.
    public func backendConnection(_ configuration: Configuration?, recorded: BackendDescriptor? = nil) -> BackendConnection {
        BackendConnection(backendDescriptor(configuration, recorded: recorded), configuration: configuration)
    }

    /// Refuses a state that belongs to another backend, before anything is planned against it.
    public func checkBackend(_ state: State?, _ descriptor: BackendDescriptor) throws(OperationError) {
        guard let state, state.backend != descriptor else { return }
        throw OperationError(
            "the state \(statePath) belongs to backend \(state.backend), not \(descriptor)",
            hint: "use --backend/--endpoint-url (or a configuration `backend:`) matching the state, or a different --state file")
    }

    /// A fresh, empty state for `descriptor` (no file is written).
    public func newState(_ descriptor: BackendDescriptor) -> State {
        State(lineage: UUID().uuidString.lowercased(), serial: 0, backend: descriptor)
    }

    /// The path made absolute against the current directory, so a saved plan works from anywhere.
    public static func absolute(_ path: String) -> String {
        if path.hasPrefix("/") || path.contains("://") { return path }
        let joined = (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(path)
        return (joined as NSString).standardizingPath
    }
}
