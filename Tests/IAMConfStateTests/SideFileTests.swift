import Foundation
import IAMConfCore
import Testing
@testable import IAMConfState

/// What a killed writer leaves behind is cleaned up, and every file beside the state is owner-only.
@Suite struct SideFileTests {
    /// The pid of a process that has exited (and been reaped), so it no longer runs.
    static func deadPID() throws -> pid_t {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }

    @Test("temporaries of dead processes go when the state is locked or first written", arguments: [true, false])
    func staleTemporariesAreRemoved(byLocking: Bool) throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let dead = try Self.deadPID()
        let stale = [".state.json.tmp-\(dead)-123", ".state.json.backup.tmp-\(dead)-9", ".state.json.intent.tmp-\(dead)-4"]
        // A live process's temporary (pid 1 always runs) and unrelated files stay.
        let kept = [".state.json.tmp-1-77", ".other.json.tmp-\(dead)-1", "state.json.tmp-notes"]
        for name in stale + kept { writeFile(dir.file(name), "{") }
        let store = StateStore(path: dir.file("state.json"))
        if byLocking {
            try store.lock(operation: "apply").unlock()
        } else {
            try store.write(State.new())
        }
        for name in stale { #expect(!FileManager.default.fileExists(atPath: dir.file(name)), "\(name)") }
        for name in kept { #expect(FileManager.default.fileExists(atPath: dir.file(name)), "\(name)") }
    }

    @Test func aSavedPrivateFileIsOwnerOnlyAndCleansUpAfterAKilledWriter() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let dead = try Self.deadPID()
        writeFile(dir.file(".my.plan.tmp-\(dead)-5"), "{")
        try PrivateFile.write(Array("plan".utf8), to: dir.file("my.plan"))
        #expect(fileMode(dir.file("my.plan")) == 0o600)
        #expect(!FileManager.default.fileExists(atPath: dir.file(".my.plan.tmp-\(dead)-5")))
    }

    @Test func everySideFileIsOwnerOnly() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let previous = umask(0o022)
        defer { umask(previous) }
        let store = StateStore(path: dir.file("state.json"))
        let held = try store.lock(operation: "apply")
        #expect(fileMode(store.lockPath) == 0o600)
        let first = try store.write(Samples.smallState())
        try held.unlock()
        // The backup is the file as it was before a store's first write: a second store makes one.
        let next = StateStore(path: store.path)
        let again = try next.lock(operation: "apply")
        _ = try next.load()
        try next.write(first)
        #expect(fileMode(store.path) == 0o600)
        #expect(fileMode(store.backupPath) == 0o600)
        let key = Samples.address("target.user.alice.access_key[1]")
        try store.journal.append(
            ResourceState(address: key, type: ResourceType(rawValue: "access_key"), accountID: "111111111111", secrets: ["secret_access_key": "s"]),
            lineage: first.lineage, backend: .simulator)
        #expect(fileMode(store.journal.path) == 0o600)
        try IntentJournal(addresses: [key], startedAt: Date()).write(to: store.intentPath)
        #expect(fileMode(store.intentPath) == 0o600)
        try again.unlock()
    }

    @Test("a state whose account_id is not a 12-digit id is refused on load, the file untouched",
          arguments: ["1", "11111111111a", "1111111111111", "", "１１１１１１１１１１１１"])
    func badAccountIDsAreRefused(accountID: String) throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = dir.file("state.json")
        let address = Samples.address("target.user.alice")
        let state = State(lineage: Samples.lineage, serial: 3, resources: [
            address: ResourceState(address: address, type: ResourceType(rawValue: "user"), accountID: accountID),
        ])
        let bytes = StateFile.encode(state)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let error = stateError { _ = try StateStore(path: path).load() }
        #expect(error?.code == .invalidMember)
        #expect(error?.path == path)
        #expect(error?.message.contains("target.user.alice") == true, "\(String(describing: error))")
        #expect(error?.message.contains("12-digit") == true)
        #expect(fileBytes(path) == bytes)
    }
}
