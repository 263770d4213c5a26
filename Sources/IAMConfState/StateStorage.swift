import IAMConfCore

/// Where a state lives and how it is locked: a local file (`StateStore`) or a shared store
/// (`RemoteStateStore` over S3-compatible storage or PostgreSQL). Operations use only this, so
/// everything that works on a local state works on a remote one.
///
/// Every implementation keeps the same promises: a write never replaces a state it has not seen
/// (another lineage, or a newer serial written meanwhile), the lock names its holder, the previous
/// version is kept as a backup, and a secret handed to `keepSecret` survives a crash before the
/// next `write`.
public protocol StateStorage: AnyObject, Sendable {
    /// Where the state is, for messages: a path, `s3://bucket/key`, `postgres://host/db#name`.
    var location: String { get }
    /// Where the lock is, for messages.
    var lockLocation: String { get }
    /// Where the backup is, for messages.
    var backupLocation: String { get }

    /// The state (with journaled secrets put back), or `nil` when there is none yet.
    func load() throws(StateError) -> State?
    /// Saves `state` as the next serial and returns it as written.
    @discardableResult func write(_ state: State) throws(StateError) -> State

    /// The state exactly as stored (for `state migrate`), or `nil` when there is none.
    func storedBytes() throws(StateError) -> [UInt8]?
    /// Stores a state file's `bytes` as they are (for `state migrate`), keeping the previous version
    /// as the backup. Refused when the store holds another lineage or a newer serial.
    func replaceStoredBytes(_ bytes: [UInt8]) throws(StateError)

    /// Takes the lock for `operation`, or throws `locked` naming the holder.
    func lock(operation: String) throws(StateError) -> StateLock
    /// Releases `lock` if it is still this one (`lockIDMismatch` when someone took over).
    func unlock(_ lock: StateLock) throws(StateError)
    /// Who holds the lock now, or `nil`.
    func currentLock() throws(StateError) -> LockInfo?
    /// Removes the lock (only lock `id`, when given) and returns whose it was.
    @discardableResult func forceUnlock(id: String?) throws(StateError) -> LockInfo

    /// Records a resource carrying a new secret durably, before the apply goes on.
    func keepSecret(_ resource: ResourceState, lineage: String, backend: BackendDescriptor) throws(StateError)
    /// The creates an apply was about to make when it last ran (see `IntentJournal`).
    func readIntent() -> IntentJournal
    /// Replaces the intent journal (an empty one removes it).
    func writeIntent(_ journal: IntentJournal) throws(StateError)
}

extension StateStorage {
    /// The fingerprint of the stored state (`.none` when there is none), for a saved plan.
    public func fingerprint() throws(StateError) -> StateFingerprint {
        StateFingerprint(try load())
    }
}
