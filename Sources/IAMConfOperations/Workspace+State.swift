import Foundation
import IAMConfCore
import IAMConfEngine
import IAMConfState

extension Workspace {
    /// Where the state is: `--state` (a path or `s3://BUCKET/KEY`), else beside the configuration.
    public var stateLocation: StateLocation {
        get throws(OperationError) {
            if let stateProblem { throw stateProblem }
            return try StateLocation.parse(statePath)
        }
    }

    /// The store of the state (a new one each time: a store remembers what it read and wrote).
    public var store: any StateStorage {
        get throws(OperationError) { try stateLocation.storage() }
    }

    /// The state (with secrets the journal holds put back), or `nil` when there is none.
    public func loadState() throws(OperationError) -> State? {
        try loadState(from: store)
    }

    /// The state as `store` reads it; see `loadState()`.
    public func loadState(from store: any StateStorage) throws(OperationError) -> State? {
        try requireConfigurationPath()
        if store is StateStore { try requireRegularFile(statePath) }
        let state: State?
        do {
            state = try store.load()
        } catch {
            throw OperationError(error)
        }
        // Sorted only when there is something to report, so the message names the first in address order.
        if let state, state.resources.values.contains(where: { !$0.type.isKnown }),
           let unknown = state.sortedResources.first(where: { !$0.type.isKnown }) {
            throw OperationError(
                "\(statePath): resource \(unknown.address) has type '\(unknown.type)', which this iamconf does not know",
                hint: "the state may come from a newer iamconf or have been edited by hand; the file was left unchanged")
        }
        return state
    }

    /// A configuration path given on the command line must exist, unless --state names the state
    /// directly; otherwise a typo would silently mean "no state".
    public func requireConfigurationPath() throws(OperationError) {
        guard !isStatePathGiven, !FileManager.default.fileExists(atPath: configurationPath) else { return }
        throw OperationError("no configuration at \(configurationPath)", hint: "give the configuration directory or file, or the state with --state")
    }

    /// The state must be a regular file: a device or a FIFO would hang or exhaust memory.
    func requireRegularFile(_ path: String) throws(OperationError) {
        let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: resolved) else { return }
        guard attributes[.type] as? FileAttributeType == .typeRegular else {
            throw OperationError("\(path) is not a regular file", hint: "--state must name a state file (or a path where one can be created)")
        }
    }

    /// Holds the state lock while `body` runs. A lock whose holder ran on this host and is gone
    /// (killed mid-apply) is taken over with a note: the state it guarded is intact, because
    /// every write is atomic.
    public func withStateLock<T>(
        operation: String, observer: some OperationObserver, _ body: (any StateStorage) async throws -> T
    ) async throws -> T {
        let store = try self.store
        let held: StateLock
        do throws(StateError) {
            held = try store.lock(operation: operation)
        } catch where error.code == .locked {
            // Only a local lock is taken over: a shared store's lock is reported, and freed by a person
            // with force-unlock, since another machine cannot judge whether its holder is alive.
            guard store is StateStore, let holder = try? store.currentLock(), holder.holderLooksDead else {
                throw OperationError(error)
            }
            observer.warning("Note: taking over a stale lock left by \(holder) (that process is no longer running).")
            _ = try? store.forceUnlock(id: holder.id)
            do {
                held = try store.lock(operation: operation)
            } catch {
                throw OperationError(error)
            }
        } catch {
            throw OperationError(error)
        }
        defer { try? store.unlock(held) }
        return try await body(store)
    }

    /// Removes the state lock (only lock `id`, when given); returns the sentence saying whose it was.
    public func forceUnlock(id: String? = nil) throws(OperationError) -> String {
        try requireConfigurationPath()
        let store = try self.store
        do {
            let removed = try store.forceUnlock(id: id)
            return "Removed the state lock held by \(removed)."
        } catch {
            throw OperationError(error)
        }
    }
}

/// Saves through the state store (atomic write, backup, serial) for an apply.
public struct StoreSink: StateSink {
    public let store: any StateStorage

    public init(store: any StateStorage) {
        self.store = store
    }

    public func save(_ state: State) async throws -> State { try write(state) }

    public func keepSecret(_ resource: ResourceState, of state: State) async throws {
        do {
            try store.keepSecret(resource, lineage: state.lineage, backend: state.backend)
        } catch {
            throw OperationError(error)
        }
    }

    public func write(_ state: State) throws(OperationError) -> State {
        do {
            return try store.write(state)
        } catch {
            throw OperationError(error)
        }
    }
}
