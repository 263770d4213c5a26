/// A held state lock. Call `unlock()` when the operation ends (also when it fails).
///
/// A value, not a guard object: releasing on `deinit` would hide when the lock really ends, and a
/// process that dies keeps its lock file anyway (that is what `force-unlock` is for).
public struct StateLock: Sendable, Hashable {
    public let info: LockInfo
    /// The lock file (`<state path>.lock`).
    public let lockPath: String

    /// Removes the lock file if it is still this lock. Throws `notLocked` if the lock is gone and
    /// `lockIDMismatch` if someone force-unlocked and another process locked since.
    public func unlock() throws(StateError) {
        guard let bytes = try POSIXFile.read(lockPath) else {
            throw StateError(
                .notLocked, "the state lock \(info.id) was already released", hint: "someone may have run `iamconf force-unlock`",
                path: lockPath)
        }
        if let current = LockInfo(decoding: bytes), current.id != info.id {
            throw StateError(
                .lockIDMismatch, "the state is now locked by \(current), not by this process's lock \(info.id)",
                hint: "the lock was force-unlocked and taken by another process; it was left in place", path: lockPath)
        }
        _ = try POSIXFile.remove(lockPath)
    }
}
