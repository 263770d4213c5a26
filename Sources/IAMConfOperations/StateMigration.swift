import IAMConfState

/// `iamconf state migrate --to LOCATION`: copies the state, byte for byte, from where the workspace
/// has it to another store (local <-> S3), under both stores' locks.
///
/// The copy keeps serial and lineage, so a plan made against the source still applies against the
/// destination, and a state moved there and back is identical. It refuses a destination holding
/// another lineage or a newer serial; the source is left in place (deleting it is the user's call).
public struct StateMigration: Sendable {
    public var workspace: Workspace
    public var destination: String

    public init(workspace: Workspace, destination: String) {
        self.workspace = workspace
        self.destination = destination
    }

    /// Returns the sentence saying what was copied.
    public func run(observer: some OperationObserver) async throws -> String {
        let target = try StateLocation.parse(destination).storage()
        let workspace = self.workspace
        return try await workspace.withStateLock(operation: "state migrate", observer: observer) { source in
            guard source.location != target.location else {
                throw OperationError("the state is already at \(target.location)", hint: "give another --to location")
            }
            guard let bytes = try Self.attempt({ () throws(StateError) in try source.storedBytes() }) else {
                throw OperationError("there is no state at \(source.location) to migrate", hint: "give the state with --state, or run `iamconf apply` first")
            }
            let state = try Self.attempt { () throws(StateError) in try StateFile.decode(bytes, path: source.location) }
            // Secrets still in the journal are not in the stored bytes: saving them first keeps them.
            guard try workspace.loadState(from: source) == state else {
                throw OperationError(
                    "\(source.location) has secrets from an interrupted apply that are not saved in the state yet",
                    hint: "run `iamconf apply` (or `iamconf refresh`) once to save them, then migrate")
            }
            let held = try Self.attempt { () throws(StateError) in try target.lock(operation: "state migrate") }
            defer { try? target.unlock(held) }
            try Self.attempt { () throws(StateError) in
                try target.replaceStoredBytes(bytes)
                let intent = source.readIntent()
                if !intent.isEmpty { try target.writeIntent(intent) }
            }
            guard try Self.attempt({ () throws(StateError) in try target.storedBytes() }) == bytes else {
                throw OperationError("the state read back from \(target.location) differs from what was written", hint: "the source is unchanged; run the command again")
            }
            return "Migrated the state (serial \(state.serial), \(state.resources.count) resources, lineage \(state.lineage)) from \(source.location) to \(target.location). "
                + "The source is left in place: use --state \(destination) from now on, and remove the old state once every machine does."
        }
    }

    private static func attempt<T>(_ body: () throws(StateError) -> T) throws(OperationError) -> T {
        do {
            return try body()
        } catch {
            throw OperationError(error)
        }
    }
}
