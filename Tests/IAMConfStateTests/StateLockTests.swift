import Foundation
import IAMConfCore
import Testing
@testable import IAMConfState

@Suite struct StateLockTests {
    @Test func lockFileHoldsWhoWhatAndWhen() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let store = StateStore(path: dir.file("state.json"), iamconfVersion: "1.2.3")
        let held = try store.lock(operation: "apply")
        let info = try #require(LockInfo(decoding: fileBytes(store.lockPath) ?? []))
        #expect(info == held.info)
        #expect(info.operation == "apply")
        #expect(info.pid == getpid())
        #expect(info.who.hasSuffix("@\(SystemIdentity.hostName())"))
        #expect(info.iamconfVersion == "1.2.3")
        #expect(info.path == store.path)
        #expect(info.created.hasSuffix("Z"))
        #expect(try store.currentLock() == info)
        try held.unlock()
        #expect(fileBytes(store.lockPath) == nil)
        #expect(try store.currentLock() == nil)
    }

    /// A process killed while taking the lock must not leave a lock that names nobody (then no one
    /// could tell it is stale): the lock file appears complete or not at all.
    @Test func lockFileNeverExistsHalfWritten() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = dir.file("state.json.lock")
        let bytes = Array("{\"id\": \"x\"}\n".utf8)
        nonisolated(unsafe) var seenWhileWriting: [UInt8]?? = .none
        let created = try POSIXFile.createExclusively(path, bytes) { temporary in
            seenWhileWriting = .some(fileBytes(path))
            #expect(fileBytes(temporary) == bytes)
            #expect(POSIXFile.temporaryOwner(URL(fileURLWithPath: temporary).lastPathComponent) == getpid())
        }
        #expect(created)
        #expect(seenWhileWriting == .some(nil), "the lock path existed before its bytes were complete")
        #expect(fileBytes(path) == bytes)
        #expect(try POSIXFile.createExclusively(path, Array("other".utf8)) == false)
        #expect(fileBytes(path) == bytes)
        // Only the lock is left: the temporary it was published from is gone.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["state.json.lock"])
        #expect(fileMode(path) == 0o600)
    }

    @Test func secondStoreOnTheSamePathIsRefused() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let first = StateStore(path: dir.file("state.json"))
        let second = StateStore(path: dir.file("state.json"))
        let held = try first.lock(operation: "apply")
        let error = stateError { _ = try second.lock(operation: "plan") }
        #expect(error?.code == .locked)
        #expect(error?.path == first.lockPath)
        #expect(error?.message.contains(held.info.who) == true)
        #expect(error?.message.contains(held.info.created) == true)
        #expect(error?.message.contains("looks stale") == false)
        #expect(error?.hint?.contains("iamconf force-unlock --lock-id \(held.info.id)") == true)
        // The holder may write; the other store may not.
        _ = try first.write(State.new())
        #expect(stateError { _ = try second.write(State.new()) }?.code == .locked)
        try held.unlock()
        let again = try second.lock(operation: "plan")
        try again.unlock()
    }

    @Test func withLockReleasesAfterAThrow() throws {
        struct Boom: Error {}
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let store = StateStore(path: dir.file("state.json"))
        #expect(throws: Boom.self) { try store.withLock(operation: "apply") { throw Boom() } }
        #expect(fileBytes(store.lockPath) == nil)
        #expect(try store.withLock(operation: "apply") { 42 } == 42)
    }

    @Test func lockHeldByAnotherProcessThenStale() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let store = StateStore(path: dir.file("state.json"))
        let holder = try LockHolderProcess(lockPath: store.lockPath)
        defer { holder.stop() }

        let live = stateError { _ = try store.lock(operation: "apply") }
        #expect(live?.code == .locked)
        #expect(live?.message.contains("bob@\(SystemIdentity.hostName())") == true)
        #expect(live?.message.contains("since 2026-01-01T00:00:00Z") == true)
        #expect(live?.message.contains("pid \(holder.pid)") == true)
        #expect(live?.message.contains("looks stale") == false)

        holder.stop()
        let stale = stateError { _ = try store.lock(operation: "apply") }
        #expect(stale?.code == .locked, "a stale lock is still not taken over")
        #expect(stale?.message.contains("process \(holder.pid) is no longer running") == true)
        #expect(stale?.message.contains("looks stale") == true)
        #expect(stale?.hint == "if no iamconf is running, remove it with `iamconf force-unlock --lock-id ext-lock-1` (with the same PATH or --state)")

        #expect(stateError { try store.forceUnlock(id: "wrong-id") }?.code == .lockIDMismatch)
        #expect(fileBytes(store.lockPath) != nil)
        let removed = try store.forceUnlock(id: "ext-lock-1")
        #expect(removed.pid == holder.pid)
        #expect(removed.operation == "apply")
        let mine = try store.lock(operation: "apply")
        try mine.unlock()
    }

    @Test func forceUnlockWithoutALockIsReported() {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let error = stateError { try StateStore(path: dir.file("s.json")).forceUnlock() }
        #expect(error?.code == .notLocked)
    }

    @Test func unlockAfterSomeoneElseReLockedLeavesTheirLock() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let first = StateStore(path: dir.file("s.json"))
        let second = StateStore(path: dir.file("s.json"))
        let old = try first.lock(operation: "apply")
        try second.forceUnlock()
        let new = try second.lock(operation: "apply")
        #expect(stateError { try old.unlock() }?.code == .lockIDMismatch)
        #expect(try second.currentLock()?.id == new.info.id)
        try new.unlock()
        #expect(stateError { try old.unlock() }?.code == .notLocked)
    }

    @Test func unreadableLockFileStillLocksAndCanBeForced() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let store = StateStore(path: dir.file("s.json"))
        writeFile(store.lockPath, "garbage")
        let error = stateError { _ = try store.lock(operation: "apply") }
        #expect(error?.code == .locked)
        #expect(error?.message.contains("does not say by whom") == true)
        #expect(try store.forceUnlock().who == "an unreadable lock file")
        #expect(fileBytes(store.lockPath) == nil)
    }
}

/// A `/bin/sh` that takes the lock the way iamconf does (noclobber = `O_CREAT|O_EXCL`), then sleeps.
final class LockHolderProcess: @unchecked Sendable {
    let process = Process()

    init(lockPath: String) throws {
        let host = SystemIdentity.hostName()
        let script = """
            set -C
            printf '{"id": "ext-lock-1", "operation": "apply", "who": "bob@%s", "host": "%s", "pid": %s, "created": "2026-01-01T00:00:00Z", "iamconf_version": "0.0.9", "path": "x"}' "$HOLDER_HOST" "$HOLDER_HOST" $$ > "$LOCK_PATH" || exit 1
            exec sleep 60
            """
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        process.environment = ["HOLDER_HOST": host, "LOCK_PATH": lockPath, "PATH": "/usr/bin:/bin"]
        try process.run()
        for _ in 0..<500 where (fileBytes(lockPath) ?? []).last != UInt8(ascii: "}") { usleep(10_000) }
    }

    var pid: Int32 { process.processIdentifier }

    func stop() {
        guard process.isRunning else { return }
        // SIGKILL: the test runner may leave SIGTERM ignored, and ignored signals survive exec.
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}

@Suite struct LockInfoCodingTests {
    @Test func codableUsesTheLockFileNames() throws {
        let info = LockInfo(id: "i", operation: "apply", who: "u@h", host: "h", pid: 7, created: "c", iamconfVersion: "1", path: "p")
        let data = try JSONEncoder().encode(info)
        let document = try JSONParser.parse(String(decoding: data, as: UTF8.self))
        #expect(document["iamconf_version"] == .string("1"))
        #expect(LockInfo(decoding: info.encoded) == info)
        #expect(try JSONDecoder().decode(LockInfo.self, from: Data(info.encoded)) == info)
    }
}
