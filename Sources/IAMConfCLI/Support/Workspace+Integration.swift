import Foundation
import IAMConfConfig
import IAMConfCore
import IAMConfEngine
import IAMConfPolicy
import IAMConfSimulator
import IAMConfState

// The seams to the configuration loader, the state store and the backends.

extension Workspace {
    /// Loads and validates the configuration; warnings go to stderr, errors end the command.
    func loadConfiguration(terminal: Terminal) throws -> Configuration {
        guard FileManager.default.fileExists(atPath: configurationPath) else {
            throw CLIError(
                "no configuration at \(configurationPath)",
                hint: "give a directory of *.yaml files or one .yaml file; see examples/ in the iamconf repository")
        }
        let (configuration, diagnostics) = ConfigurationLoader.load(path: configurationPath)
        if !diagnostics.isEmpty {
            terminal.warn(DiagnosticRenderer().text(diagnostics.sorted()))
        }
        guard let configuration, !diagnostics.hasErrors else {
            throw CLIError("the configuration has errors; nothing was planned", hint: "fix the problems above; `iamconf validate` lists them")
        }
        return configuration
    }

    func loadState() throws -> State? {
        throw CLIError("state loading is not wired yet")
    }

    func makeBackend(_ descriptor: BackendDescriptor, configuration: Configuration?, parallelism: Int) throws -> any Backend {
        switch descriptor.kind {
        case "simulator":
            let catalog = ManagedPolicyCatalog.shared
            do {
                return try IAMSimulator(
                    directory: URL(fileURLWithPath: simulatorDirectory),
                    isAWSManagedPolicy: { catalog.policy(arn: $0) != nil })
            } catch {
                throw CLIError("cannot open the simulator's world in \(simulatorDirectory): \(error.message)",
                    hint: "the file may be corrupt or from a newer iamconf; move it aside to start an empty world")
            }
        default:
            throw CLIError("backend \(descriptor) is not available in this build", hint: "use --backend simulator")
        }
    }
}

extension Workspace {
    /// Holds the state lock while `body` runs; a second process gets a clear error naming the holder.
    func withStateLock<T>(operation: String, _ body: () async throws -> T) async throws -> T {
        throw CLIError("state locking is not wired yet")
    }

    /// Saves the state atomically (the store also keeps a backup and increments the serial).
    func stateSink() throws -> any StateSink {
        throw CLIError("state saving is not wired yet")
    }

    func newState(_ descriptor: BackendDescriptor) -> State {
        State(lineage: UUID().uuidString.lowercased(), serial: 0, backend: descriptor)
    }
}

extension Workspace {
    /// Removes the lock file and says whose it was.
    func forceUnlock() throws -> String {
        throw CLIError("force-unlock is not wired yet")
    }
}
