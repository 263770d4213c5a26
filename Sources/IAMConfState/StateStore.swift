import Foundation
import IAMConfCore

/// Reads, writes and locks one state file, the way Terraform's local `statemgr.Filesystem` does.
///
/// - Writes are atomic and durable (temp file, `fsync`, `rename`, `fsync` the directory) with mode
///   0600, because the state holds secret access keys and passwords.
/// - Each write stores `serial + 1`; the lineage never changes.
/// - Backup: before the store's *first* write, the file as it was is copied to `<path>.backup`
///   (exactly one backup, replaced by the next run). Once per session rather than per write, so the
///   backup is the state from before this run (the useful recovery point) and a save after every
///   applied operation costs one file write, not two.
/// - A file this store cannot read (corrupt, truncated, newer format, another lineage) is never
///   overwritten, and a file changed by someone else since this store last saw it is not clobbered.
///
/// Thread-safe: one instance may be shared across tasks; an internal lock serialises its calls.
public final class StateStore: @unchecked Sendable {
    /// The state file.
    public let path: String
    /// `<path>.lock`, present while an operation holds the state.
    public var lockPath: String { path + ".lock" }
    /// `<path>.backup`, the state as it was before this store's first write.
    public var backupPath: String { path + ".backup" }
    /// `<path>.secrets`: secrets an apply received since the state was last saved.
    public var journal: SecretJournal { SecretJournal(path: path + ".secrets") }
    /// `<path>.intent`: the creates an apply is about to make (see `IntentJournal`).
    public var intentPath: String { path + ".intent" }
    /// Recorded in every file written, so a newer file can name the version that wrote it.
    public let iamconfVersion: String

    /// What this store last read or wrote, to notice another writer.
    private struct Seen {
        var lineage: String
        var serial: Int
        var identity: POSIXFile.Identity?
    }

    // Guards the mutable members below (`@unchecked Sendable` relies on it).
    private let mutex = NSLock()
    private var seen: Seen?
    private var hasBackedUp = false
    private var heldLockID: String?

    /// A test seam: runs just before the state file's rename, to simulate a crash mid-write.
    private let beforeRename: (@Sendable (String) throws(StateError) -> Void)?

    /// A store for the state file at `path`; nothing is read or created until the first call.
    public convenience init(path: String, iamconfVersion: String = StateFile.defaultIAMConfVersion) {
        self.init(path: path, iamconfVersion: iamconfVersion, beforeRename: nil)
    }

    init(path: String, iamconfVersion: String, beforeRename: (@Sendable (String) throws(StateError) -> Void)?) {
        self.path = path
        self.iamconfVersion = iamconfVersion
        self.beforeRename = beforeRename
    }

    /// The state on disk, or `nil` when there is no state file yet.
    public func load() throws(StateError) -> State? {
        mutex.lock()
        defer { mutex.unlock() }
        let journaled = journal.records()
        guard let bytes = try POSIXFile.read(path) else {
            // Killed before its first save: the journal alone holds what the apply was given.
            return journaled.first.map { first in SecretJournal.recover(State(lineage: first.lineage, backend: first.backend), from: journaled) }
        }
        let state = try StateFile.decode(bytes, path: path)
        try checkAccountIDs(state)
        seen = Seen(lineage: state.lineage, serial: state.serial, identity: POSIXFile.identity(path))
        return journaled.isEmpty ? state : SecretJournal.recover(state, from: journaled)
    }

    /// Refuses a state naming an account that cannot exist: planned against it, every resource of
    /// that account would be replaced and the apply would delete before failing to create.
    /// The file is left as it is (nothing has been written).
    private func checkAccountIDs(_ state: State) throws(StateError) {
        guard let bad = state.resources.values.first(where: { !Self.isAccountID($0.accountID) }) else { return }
        // Sorted only when there is something to report, so the message names the first in address order.
        let first = state.sortedResources.first { !Self.isAccountID($0.accountID) } ?? bad
        throw StateError(
            .invalidMember,
            "resource \(first.address) has account_id \"\(first.accountID)\", which is not a 12-digit AWS account id",
            hint: "the state may have been edited by hand; fix the account id or restore \(backupPath); the file was left unchanged",
            path: path, member: "account_id")
    }

    /// Twelve ASCII digits: the only form an AWS account id takes.
    static func isAccountID(_ text: String) -> Bool {
        text.utf8.count == 12 && text.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    /// Saves `state` as the next serial and returns it as written (with that serial).
    ///
    /// Refuses, leaving the file untouched, when the file on disk cannot be read, has another lineage,
    /// changed since this store last saw it, or is locked by someone else.
    @discardableResult
    public func write(_ state: State) throws(StateError) -> State {
        mutex.lock()
        defer { mutex.unlock() }
        try checkNotLockedByOthers()
        let onDisk = try validateFileOnDisk(for: state)
        var next = state
        let (serial, overflow) = max(state.serial, seen?.serial ?? 0, onDisk?.serial ?? 0).addingReportingOverflow(1)
        guard !overflow else {
            throw StateError(.invalidMember, "the state's serial is at its maximum and cannot be incremented", path: path, member: "serial")
        }
        next.serial = serial
        try backUpOnce(onDisk?.bytes)
        try POSIXFile.writeAtomically(
            StateFile.encode(next, iamconfVersion: iamconfVersion), to: path, beforeRename: beforeRename)
        seen = Seen(lineage: next.lineage, serial: next.serial, identity: POSIXFile.identity(path))
        // Whatever the journal held is in the state just written (it was loaded through `load`,
        // or journaled by the apply writing it).
        journal.clearAfterSave()
        return next
    }

    /// Reads the file on disk unless it is exactly the one this store last read or wrote (the common
    /// case during an apply, kept to one `stat`). Returns its bytes and serial when it was read.
    private func validateFileOnDisk(for state: State) throws(StateError) -> (bytes: [UInt8], serial: Int)? {
        guard let identity = POSIXFile.identity(path) else { return nil }
        if let seen, seen.identity == identity {
            guard seen.lineage == state.lineage else { throw lineageMismatch(disk: seen.lineage, writing: state.lineage) }
            return hasBackedUp ? nil : try POSIXFile.read(path).map { ($0, seen.serial) }
        }
        guard let bytes = try POSIXFile.read(path) else { return nil }
        let disk = try StateFile.decode(bytes, path: path)
        guard disk.lineage == state.lineage else { throw lineageMismatch(disk: disk.lineage, writing: state.lineage) }
        if let seen {
            throw StateError(
                .changedExternally,
                "the state file changed on disk since this run last saw it (serial \(seen.serial), now \(disk.serial)); not overwriting it",
                hint: "another iamconf may be running without the lock; wait for it and run the command again", path: path)
        }
        return (bytes, disk.serial)
    }

    private func backUpOnce(_ bytes: [UInt8]?) throws(StateError) {
        guard !hasBackedUp else { return }
        // Once per store, like the backup: temporaries of killed writers go before the first write.
        POSIXFile.removeStaleTemporaries(of: path)
        if let bytes { try POSIXFile.writeAtomically(bytes, to: backupPath) }
        hasBackedUp = true
    }

    private func lineageMismatch(disk: String, writing: String) -> StateError {
        StateError(
            .lineageMismatch,
            "the state file on disk has lineage \(disk), but the state being written has lineage \(writing); not overwriting it",
            hint: "the file belongs to another configuration's history; move it away if it is really not needed", path: path)
    }

    // MARK: Locking (see StateStore+Lock.swift); these touch the guarded members.

    func withMutex<T>(_ body: () throws(StateError) -> T) throws(StateError) -> T {
        mutex.lock()
        defer { mutex.unlock() }
        return try body()
    }

    func setHeldLockID(_ id: String?) { heldLockID = id }

    /// A write while another process holds the lock would race its writes; refuse it.
    private func checkNotLockedByOthers() throws(StateError) {
        guard let bytes = try POSIXFile.read(lockPath) else { return }
        let holder = LockInfo(decoding: bytes)
        if let holder, holder.id == heldLockID { return }
        throw StateStore.lockedError(holder, lockPath: lockPath, statePath: path)
    }
}
