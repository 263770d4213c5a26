extension StateStore {
    /// Takes the state lock for `operation` (`apply`, `plan`, …) by creating `<path>.lock` with
    /// `O_CREAT|O_EXCL`, which only one process can win.
    ///
    /// Throws `locked` naming the holder and since when; if the holder ran on this host and is no
    /// longer running, the message says the lock looks stale, but the lock is still not taken:
    /// deciding a lock is abandoned is the user's call (`iamconf force-unlock ID`).
    public func lock(operation: String) throws(StateError) -> StateLock {
        try withMutex { () throws(StateError) -> StateLock in
            let info = LockInfo.current(operation: operation, path: path, iamconfVersion: iamconfVersion)
            if try POSIXFile.createExclusively(lockPath, info.encoded) {
                setHeldLockID(info.id)
                // The holder of the lock is the one writer: what a killed writer left is garbage now.
                POSIXFile.removeStaleTemporaries(of: path)
                return StateLock(info: info, lockPath: lockPath)
            }
            let holder = try POSIXFile.read(lockPath).flatMap { LockInfo(decoding: $0) }
            throw StateStore.lockedError(holder, lockPath: lockPath, statePath: path)
        }
    }

    /// Runs `body` holding the lock and releases it afterwards, also when `body` throws.
    public func withLock<T>(operation: String, _ body: () throws -> T) throws -> T {
        let held = try lock(operation: operation)
        do {
            let result = try body()
            try held.unlock()
            return result
        } catch {
            try? held.unlock()
            throw error
        }
    }

    /// Who holds the lock now, or `nil` when the state is not locked. An unreadable lock file is
    /// reported with an empty ID and `who` saying so.
    public func currentLock() throws(StateError) -> LockInfo? {
        guard let bytes = try POSIXFile.read(lockPath) else { return nil }
        return LockInfo(decoding: bytes) ?? StateStore.unreadableLock(lockPath)
    }

    /// Removes a lock left behind by a process that died, and returns what it removed.
    ///
    /// With an `id`, refuses (`lockIDMismatch`) unless it is the current lock's, like
    /// `terraform force-unlock LOCK_ID`, so a lock taken meanwhile by a live run is not broken.
    /// Throws `notLocked` when there is no lock.
    @discardableResult
    public func forceUnlock(id: String? = nil) throws(StateError) -> LockInfo {
        try withMutex { () throws(StateError) -> LockInfo in
            guard let bytes = try POSIXFile.read(lockPath) else {
                throw StateError(.notLocked, "the state is not locked; nothing to unlock", path: lockPath)
            }
            let holder = LockInfo(decoding: bytes) ?? StateStore.unreadableLock(lockPath)
            if let id, id != holder.id {
                throw StateError(
                    .lockIDMismatch, "the state is locked by \(holder), not by lock ID \(id); the lock was left in place",
                    hint: "check the ID with the error that reported the lock", path: lockPath)
            }
            _ = try POSIXFile.remove(lockPath)
            setHeldLockID(nil)
            return holder
        }
    }

    static func unreadableLock(_ lockPath: String) -> LockInfo {
        LockInfo(
            id: "", operation: "unknown", who: "an unreadable lock file", host: "", pid: 0,
            created: "an unknown time", iamconfVersion: "unknown", path: lockPath)
    }

    static func lockedError(_ holder: LockInfo?, lockPath: String, statePath: String) -> StateError {
        guard let holder else {
            return StateError(
                .locked, "the state \(statePath) is locked, but the lock file does not say by whom (it is empty or not a lock iamconf wrote)",
                hint: "iamconf never leaves a lock half-written; if no iamconf is running, remove it with `iamconf force-unlock` (with the same PATH or --state)",
                path: lockPath)
        }
        if holder.holderLooksDead {
            return StateError(
                .locked,
                "the state \(statePath) is locked by \(holder); process \(holder.pid) is no longer running on \(holder.host), so the lock looks stale",
                hint: "if no iamconf is running, remove it with `iamconf force-unlock --lock-id \(holder.id)` (with the same PATH or --state)", path: lockPath)
        }
        return StateError(
            .locked, "the state \(statePath) is locked by \(holder)",
            hint: "wait for that operation to finish; if the lock is stale, run `iamconf force-unlock --lock-id \(holder.id)` (with the same PATH or --state)",
            path: lockPath)
    }
}
