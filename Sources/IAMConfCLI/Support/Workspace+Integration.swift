import Foundation
import IAMConfCore
import IAMConfEngine
import IAMConfState

// The seams to the configuration loader, the state store and the backends.

extension Workspace {
    /// Loads and validates the configuration; warnings go to stderr, errors end the command.
    func loadConfiguration(terminal: Terminal) throws -> Configuration {
        throw CLIError("configuration loading is not wired yet")
    }

    func loadState() throws -> State? {
        throw CLIError("state loading is not wired yet")
    }

    func makeBackend(_ descriptor: BackendDescriptor, configuration: Configuration?, parallelism: Int) throws -> any Backend {
        throw CLIError("backend \(descriptor) is not wired yet")
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
