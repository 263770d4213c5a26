import Foundation
import IAMConfCore
import IAMConfEngine
import IAMConfState

/// Where a command's inputs and outputs live: the configuration, the state file beside it, and
/// the simulator's world directory beside that.
struct Workspace {
    /// The configuration directory or file, as given.
    var configurationPath: String
    var statePath: String
    /// Where the simulator keeps its world (`.iamconf/` beside the state file).
    var simulatorDirectory: String
    var options: GlobalOptions

    init(configurationPath: String?, options: GlobalOptions) {
        let config = configurationPath ?? "."
        self.configurationPath = config
        self.options = options
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: config, isDirectory: &isDirectory)
        let baseDirectory = exists && !isDirectory.boolValue ? (config as NSString).deletingLastPathComponent : config
        let base = baseDirectory.isEmpty ? "." : baseDirectory
        statePath = options.state ?? (base as NSString).appendingPathComponent("iamconf.state.json")
        simulatorDirectory = ((statePath as NSString).deletingLastPathComponent as NSString).appendingPathComponent(".iamconf")
    }

    /// The backend the command line or the configuration asks for.
    func backendDescriptor(_ configuration: Configuration?) -> BackendDescriptor {
        let kind = options.backend?.rawValue ?? configuration?.backend?.kind.rawValue ?? "simulator"
        if kind == "endpoint" {
            return BackendDescriptor(kind: "endpoint", endpoint: options.endpointURL ?? configuration?.backend?.url)
        }
        return .simulator
    }

    /// Refuses a state that belongs to another backend, before anything is planned against it.
    func checkBackend(_ state: State?, _ descriptor: BackendDescriptor) throws {
        guard let state, state.backend != descriptor else { return }
        throw CLIError(
            "the state \(statePath) belongs to backend \(state.backend), not \(descriptor)",
            hint: "use --backend/--endpoint-url matching the state, or a different --state file")
    }
}
