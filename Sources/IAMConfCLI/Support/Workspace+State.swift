import Foundation
import IAMConfCore
import IAMConfEngine
import IAMConfState

extension Workspace {
    var store: StateStore { StateStore(path: statePath) }

    func loadState() throws -> State? {
        do {
            return try store.load()
        } catch {
            throw CLIError(error)
        }
    }

    /// Holds the state lock while `body` runs. A lock whose holder ran on this host and is gone
    /// (killed mid-apply) is taken over with a note: the state it guarded is intact, because
    /// every write is atomic.
    func withStateLock<T>(operation: String, terminal: Terminal, _ body: (StateStore) async throws -> T) async throws -> T {
        let store = self.store
        let held: StateLock
        do {
            held = try store.lock(operation: operation)
        } catch where error.code == .locked {
            guard let holder = try? store.currentLock(), holder.holderLooksDead else {
                throw CLIError(error)
            }
            terminal.warn("Note: taking over a stale lock left by \(holder) (that process is no longer running).")
            _ = try? store.forceUnlock(id: holder.id)
            do {
                held = try store.lock(operation: operation)
            } catch {
                throw CLIError(error)
            }
        } catch {
            throw CLIError(error)
        }
        defer { try? held.unlock() }
        return try await body(store)
    }

    func forceUnlock() throws -> String {
        do {
            let removed = try store.forceUnlock()
            return "Removed the state lock held by \(removed)."
        } catch {
            throw CLIError(error)
        }
    }
}

/// Saves through the state store (atomic write, backup, serial) for an apply.
struct StoreSink: StateSink {
    let store: StateStore
    func save(_ state: State) async throws -> State { try write(state) }

    func write(_ state: State) throws -> State {
        do {
            return try store.write(state)
        } catch {
            throw CLIError(error)
        }
    }
}

extension CLIError {
    /// A state problem, always naming the file it is about.
    init(_ error: StateError) {
        let message = error.message.contains(error.path) ? error.message : "\(error.path): \(error.message)"
        self.init(message, hint: error.hint)
    }
}
