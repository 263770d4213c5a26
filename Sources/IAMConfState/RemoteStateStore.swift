import Foundation
import IAMConfCore

/// A state shared through a `StateObjectStore` (S3-compatible storage), safer than Terraform's S3
/// backend in the two places where that one can lose an update:
///
/// - The lock is an object created only if absent, holding who, where, when, the operation and the
///   lock ID; it is released with a delete conditional on its version, so a lock that was
///   force-unlocked and taken by another run is never removed by the first one.
/// - The state is written only if it is still the version this run read (compare-and-swap on the
///   ETag), so a writer whose lock was broken can never overwrite a newer state.
///
/// The previous version is kept as `<key>.backup` (written once per run, before its first write),
/// secrets an apply receives are written to `<key>.secrets` before it goes on, and the intent journal
/// is `<key>.intent`, as beside a local state file.
public final class RemoteStateStore: StateStorage, @unchecked Sendable {
    public let objects: any StateObjectStore
    public let iamconfVersion: String

    public var location: String { objects.location(of: .state) }
    public var lockLocation: String { objects.location(of: .lock) }
    public var backupLocation: String { objects.location(of: .backup) }

    /// What this store last read or wrote: the version a write must replace.
    private struct Seen {
        var lineage: String
        var serial: Int
        var version: String
    }

    // Guards the members below (`@unchecked Sendable` relies on it).
    private let mutex = NSLock()
    private var seen: Seen?
    /// Whether the store was read before the first write (then an absent state means "create").
    private var hasRead = false
    private var hasBackedUp = false
    private var heldLock: (id: String, version: String)?
    /// The secrets journal as this run last read or wrote it (records are appended to it), and that
    /// version: journal writes are conditional on it, so no run's records are ever overwritten.
    private var journalBytes: [UInt8]?
    private var journalVersion: String?

    public init(objects: any StateObjectStore, iamconfVersion: String = StateFile.defaultIAMConfVersion) {
        self.objects = objects
        self.iamconfVersion = iamconfVersion
    }

    // MARK: State

    public func load() throws(StateError) -> State? {
        try locked { () throws(StateError) -> State? in
            let journal = try objects.read(.secrets)
            journalBytes = journal?.bytes
            journalVersion = journal?.version
            let records = journal.map { SecretJournal.parse($0.bytes, path: objects.location(of: .secrets)).records } ?? []
            hasRead = true
            guard let stored = try objects.read(.state) else {
                seen = nil
                return records.first.map { SecretJournal.recover(State(lineage: $0.lineage, backend: $0.backend), from: records) }
            }
            let state = try StateFile.decode(stored.bytes, path: location)
            seen = Seen(lineage: state.lineage, serial: state.serial, version: stored.version)
            return records.isEmpty ? state : SecretJournal.recover(state, from: records)
        }
    }

    @discardableResult
    public func write(_ state: State) throws(StateError) -> State {
        try locked { () throws(StateError) -> State in
            try checkLockIsStillOurs()
            if !hasRead {
                // Written without a read (state migrate, a first apply): learn what is there first.
                if let stored = try objects.read(.state) {
                    let existing = try StateFile.decode(stored.bytes, path: location)
                    seen = Seen(lineage: existing.lineage, serial: existing.serial, version: stored.version)
                }
                hasRead = true
            }
            if let seen, seen.lineage != state.lineage {
                throw StateError(
                    .lineageMismatch,
                    "the state at \(location) has lineage \(seen.lineage), but the state being written has lineage \(state.lineage); not overwriting it",
                    hint: "that state belongs to another configuration's history; use another key, or move it away if it is really not needed",
                    path: location)
            }
            var next = state
            let (serial, overflow) = max(state.serial, seen?.serial ?? 0).addingReportingOverflow(1)
            guard !overflow else {
                throw StateError(.invalidMember, "the state's serial is at its maximum and cannot be incremented", path: location, member: "serial")
            }
            next.serial = serial
            try backUpOnce()
            let version: String
            do throws(StateError) {
                version = try objects.write(
                    .state, StateFile.encode(next, iamconfVersion: iamconfVersion),
                    condition: seen.map { .version($0.version) } ?? .absent)
            } catch where error.code == .conflict {
                throw StateError(
                    .changedExternally,
                    "the state at \(location) was written by someone else since this run read it (serial \(seen?.serial ?? 0)); not overwriting the newer state",
                    hint: "this run's lock may have been force-unlocked and taken by another; run the command again to plan against the newer state",
                    path: location)
            }
            seen = Seen(lineage: next.lineage, serial: next.serial, version: version)
            if let journalVersion {
                // Whatever the journal held is in the state just written. Conditional: records another
                // run added meanwhile stay for the next load to recover.
                try? objects.delete(.secrets, version: journalVersion)
            }
            journalBytes = nil
            journalVersion = nil
            return next
        }
    }

    private func backUpOnce() throws(StateError) {
        guard !hasBackedUp else { return }
        if let seen, let stored = try objects.read(.state), stored.version == seen.version {
            _ = try objects.write(.backup, stored.bytes, condition: .unconditional)
        }
        hasBackedUp = true
    }

    /// A write while someone else holds the lock would race their writes: refuse it, naming them.
    private func checkLockIsStillOurs() throws(StateError) {
        let current = try objects.read(.lock)
        guard let current else {
            if heldLock != nil {
                throw StateError(
                    .notLocked, "this run's lock on \(location) was removed (force-unlocked); not writing the state",
                    hint: "run the command again", path: lockLocation)
            }
            return
        }
        let holder = LockInfo(decoding: current.bytes)
        if let heldLock, holder?.id == heldLock.id { return }
        throw StateStore.lockedError(holder, lockPath: lockLocation, statePath: location)
    }

    public func storedBytes() throws(StateError) -> [UInt8]? {
        try objects.read(.state)?.bytes
    }

    public func replaceStoredBytes(_ bytes: [UInt8]) throws(StateError) {
        let incoming = try StateFile.decode(bytes, path: "the state being migrated")
        try locked { () throws(StateError) -> Void in
            try checkLockIsStillOurs()
            let existing = try objects.read(.state)
            if let existing {
                try StateStorageRules.checkReplaceable(try StateFile.decode(existing.bytes, path: location), by: incoming, at: location)
                _ = try objects.write(.backup, existing.bytes, condition: .unconditional)
            }
            do throws(StateError) {
                let version = try objects.write(.state, bytes, condition: existing.map { .version($0.version) } ?? .absent)
                seen = Seen(lineage: incoming.lineage, serial: incoming.serial, version: version)
                hasRead = true
            } catch where error.code == .conflict {
                throw StateError(
                    .changedExternally, "the state at \(location) was written by someone else meanwhile; not overwriting it",
                    hint: "run the command again", path: location)
            }
        }
    }

    // MARK: Lock

    public func lock(operation: String) throws(StateError) -> StateLock {
        try locked { () throws(StateError) -> StateLock in
            let info = LockInfo.current(operation: operation, path: location, iamconfVersion: iamconfVersion)
            do throws(StateError) {
                let version = try objects.write(.lock, info.encoded, condition: .absent)
                heldLock = (info.id, version)
                return StateLock(info: info, lockPath: lockLocation)
            } catch where error.code == .conflict {
                let holder = try objects.read(.lock).flatMap { LockInfo(decoding: $0.bytes) }
                throw StateStore.lockedError(holder, lockPath: lockLocation, statePath: location)
            }
        }
    }

    public func unlock(_ lock: StateLock) throws(StateError) {
        try locked { () throws(StateError) -> Void in
            guard let current = try objects.read(.lock) else {
                throw StateError(
                    .notLocked, "the state lock \(lock.info.id) was already released", hint: "someone may have run `iamconf force-unlock`",
                    path: lockLocation)
            }
            if let holder = LockInfo(decoding: current.bytes), holder.id != lock.info.id {
                throw StateError(
                    .lockIDMismatch, "the state is now locked by \(holder), not by this process's lock \(lock.info.id)",
                    hint: "the lock was force-unlocked and taken by another process; it was left in place", path: lockLocation)
            }
            // Conditional: if another run took the lock between the read and the delete, theirs stays.
            try objects.delete(.lock, version: current.version)
            heldLock = nil
        }
    }

    public func currentLock() throws(StateError) -> LockInfo? {
        guard let current = try objects.read(.lock) else { return nil }
        return LockInfo(decoding: current.bytes) ?? StateStore.unreadableLock(lockLocation)
    }

    @discardableResult
    public func forceUnlock(id: String? = nil) throws(StateError) -> LockInfo {
        try locked { () throws(StateError) -> LockInfo in
            guard let current = try objects.read(.lock) else {
                throw StateError(.notLocked, "the state is not locked; nothing to unlock", path: lockLocation)
            }
            let holder = LockInfo(decoding: current.bytes) ?? StateStore.unreadableLock(lockLocation)
            if let id, id != holder.id {
                throw StateError(
                    .lockIDMismatch, "the state is locked by \(holder), not by lock ID \(id); the lock was left in place",
                    hint: "check the ID with the error that reported the lock", path: lockLocation)
            }
            do throws(StateError) {
                try objects.delete(.lock, version: current.version)
            } catch where error.code == .conflict {
                throw StateError(
                    .lockIDMismatch, "the lock changed while it was being removed; it was left in place",
                    hint: "run `iamconf force-unlock` again with the ID it reports now", path: lockLocation)
            }
            return holder
        }
    }

    // MARK: Journals

    /// Appends the secret to the journal. The write is conditional on the journal this run last saw:
    /// if another run wrote it meanwhile (this run's lock was force-unlocked and taken), its records
    /// are read again and kept, so neither run's secrets are lost.
    public func keepSecret(_ resource: ResourceState, lineage: String, backend: BackendDescriptor) throws(StateError) {
        try locked { () throws(StateError) -> Void in
            let record = SecretJournal.record(resource, lineage: lineage, backend: backend)
            for _ in 0..<5 {
                let bytes = (journalBytes ?? []) + record
                do throws(StateError) {
                    journalVersion = try objects.write(.secrets, bytes, condition: journalVersion.map { .version($0) } ?? .absent)
                    journalBytes = bytes
                    return
                } catch where error.code == .conflict {
                    let current = try objects.read(.secrets)
                    journalBytes = current?.bytes
                    journalVersion = current?.version
                }
            }
            throw StateError(
                .changedExternally, "the secrets journal at \(objects.location(of: .secrets)) keeps changing under this run; the secret was not recorded",
                hint: "another run is writing the same state: check who holds the lock (`iamconf force-unlock` names it)", path: objects.location(of: .secrets))
        }
    }

    public func readIntent() -> IntentJournal {
        IntentJournal.decode((try? objects.read(.intent))??.bytes)
    }

    /// Written only under this run's lock: the journal of a run that holds it now is never replaced.
    public func writeIntent(_ journal: IntentJournal) throws(StateError) {
        try locked { () throws(StateError) -> Void in try checkLockIsStillOurs() }
        if let bytes = journal.encoded {
            _ = try objects.write(.intent, bytes, condition: .unconditional)
        } else {
            try objects.delete(.intent, version: nil)
        }
    }

    private func locked<T>(_ body: () throws(StateError) -> T) throws(StateError) -> T {
        mutex.lock()
        defer { mutex.unlock() }
        return try body()
    }
}
