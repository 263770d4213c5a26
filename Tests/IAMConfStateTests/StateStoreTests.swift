import Foundation
import IAMConfCore
import Testing
@testable import IAMConfState

@Suite struct StateStoreTests {
    @Test func loadWithoutAFileIsNil() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        #expect(try StateStore(path: dir.file("state.json")).load() == nil)
        #expect(try StateStore(path: dir.file("state.json")).fingerprint() == .none)
    }

    @Test func writeCreatesAnOwnerOnlyFileAndIncrementsTheSerial() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let store = StateStore(path: dir.file("state.json"))
        let fresh = State.new()
        let first = try store.write(fresh)
        #expect(first.serial == 1)
        #expect(fileMode(store.path) == 0o600)
        let second = try store.write(first)
        #expect(second.serial == 2)
        // A caller that keeps passing its original value still moves forward.
        #expect(try store.write(fresh).serial == 3)
        let reloaded = try StateStore(path: store.path).load()
        #expect(reloaded?.serial == 3)
        #expect(reloaded?.lineage == fresh.lineage)
    }

    @Test func writtenStateLoadsBackEqual() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let store = StateStore(path: dir.file("state.json"), iamconfVersion: "9.9.9")
        let written = try store.write(Samples.smallState())
        #expect(written.serial == 4)
        #expect(try StateStore(path: store.path).load() == written)
        #expect(String(decoding: fileBytes(store.path) ?? [], as: UTF8.self).contains("\"iamconf_version\": \"9.9.9\""))
    }

    @Test func backupHoldsTheFileFromBeforeTheSessionsFirstWrite() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = dir.file("state.json")
        let original = try StateStore(path: path).write(Samples.smallState())
        let before = fileBytes(path)
        #expect(fileBytes(path + ".backup") == nil)

        let store = StateStore(path: path)
        var state = try #require(try store.load())
        state.resources.removeValue(forKey: Samples.address("target.user.alice.access_key[1]"))
        state = try store.write(state)
        #expect(fileBytes(path + ".backup") == before)
        #expect(fileMode(path + ".backup") == 0o600)
        try store.write(state)
        #expect(fileBytes(path + ".backup") == before, "only the first write of a session backs up")
        #expect(try StateFile.decode(fileBytes(path + ".backup") ?? [], path: "b") == original)

        let entries = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(entries == ["state.json", "state.json.backup"])
    }

    @Test(arguments: ["{\"format_version\": 1, \"lin", "{ not json }", "{\"format_version\": 2}", "{\"format_version\": 1}", ""])
    func unreadableFileIsNeverOverwritten(_ content: String) {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = dir.file("state.json")
        writeFile(path, content)
        let store = StateStore(path: path)
        #expect(stateError { _ = try store.load() } != nil)
        let error = stateError { try store.write(State.new()) }
        #expect([.truncated, .corrupt, .newerFormat, .missingMember].contains(error?.code))
        #expect(fileBytes(path) == Array(content.utf8))
        #expect(fileBytes(path + ".backup") == nil)
    }

    @Test func anotherLineageIsNotOverwritten() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = dir.file("state.json")
        try StateStore(path: path).write(State.new())
        let before = fileBytes(path)
        let error = stateError { try StateStore(path: path).write(State.new()) }
        #expect(error?.code == .lineageMismatch)
        #expect(fileBytes(path) == before)
    }

    @Test func writeWithoutLoadContinuesTheSerialOnDisk() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = dir.file("state.json")
        var state = State.new()
        state.serial = 10
        try StateStore(path: path).write(state)
        state.serial = 2
        #expect(try StateStore(path: path).write(state).serial == 12)
    }

    @Test func aFileChangedBySomeoneElseIsNotClobbered() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = dir.file("state.json")
        let mine = StateStore(path: path)
        let state = try mine.write(State.new())
        try StateStore(path: path).write(state)  // another writer
        let before = fileBytes(path)
        let error = stateError { try mine.write(state) }
        #expect(error?.code == .changedExternally)
        #expect(fileBytes(path) == before)
    }

    @Test func failedWriteLeavesTheOldFileIntactAndNoTemporaryFile() throws {
        guard geteuid() != 0 else { return }  // root ignores directory permissions
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = dir.file("state.json")
        let store = StateStore(path: path)
        let state = try store.write(State.new())
        let before = fileBytes(path)
        #expect(chmod(dir.path, 0o500) == 0)
        let error = stateError { try store.write(state) }
        #expect(chmod(dir.path, 0o700) == 0)
        #expect(error?.code == .io)
        #expect(error?.message.contains("cannot create a temporary file") == true)
        #expect(fileBytes(path) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["state.json"])
        // The store recovers once the directory is writable again.
        #expect(try store.write(state).serial == 2)
    }

    @Test func crashBeforeRenameLeavesTheOldFileAndNoTemporaryFile() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = dir.file("state.json")
        let before = try StateStore(path: path).write(Samples.smallState())
        let beforeBytes = fileBytes(path)
        let store = StateStore(path: path, iamconfVersion: "0.1.0") { temporary throws(StateError) in
            // The new state is complete and flushed in the temp file when the "crash" happens.
            let written = try StateFile.decode(fileBytes(temporary) ?? [], path: temporary)
            #expect(written.serial == before.serial + 1)
            #expect(fileMode(temporary) == 0o600)
            throw StateError(.io, "simulated crash", path: temporary)
        }
        var next = before
        next.resources = [:]
        let error = stateError { try store.write(next) }
        #expect(error?.message == "simulated crash")
        #expect(fileBytes(path) == beforeBytes)
        let entries = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(entries == ["state.json", "state.json.backup"])
        #expect(try StateStore(path: path).load() == before)
    }

    @Test func aDirectoryAtTheStatePathIsRefusedCleanly() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = dir.file("state.json")
        try FileManager.default.createDirectory(atPath: path + "/inside", withIntermediateDirectories: true)
        let error = stateError { try StateStore(path: path).write(State.new()) }
        #expect(error?.code == .io)
        #expect(error?.message == "cannot read \(path): Is a directory")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["state.json"])
    }

    @Test func aSymbolicLinkStaysALinkAndItsTargetIsUpdated() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        try FileManager.default.createDirectory(atPath: dir.file("real"), withIntermediateDirectories: true)
        let target = dir.file("real/state.json")
        let first = try StateStore(path: target).write(State.new())
        try FileManager.default.createSymbolicLink(atPath: dir.file("link.json"), withDestinationPath: target)
        let second = try StateStore(path: dir.file("link.json")).write(first)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: dir.file("link.json")) == target)
        #expect(try StateStore(path: target).load() == second)
        #expect(fileMode(target) == 0o600)
    }

    @Test func missingDirectoryIsAnIOError() {
        let error = stateError { try StateStore(path: "/nonexistent-iamconf-dir/state.json").write(State.new()) }
        #expect(error?.code == .io)
        #expect(error?.path == "/nonexistent-iamconf-dir/state.json")
    }

    @Test func concurrentWritesFromOneStoreAllLand() async throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let store = StateStore(path: dir.file("state.json"))
        let state = State.new()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<20 { group.addTask { try store.write(state) } }
            try await group.waitForAll()
        }
        #expect(try StateStore(path: store.path).load()?.serial == 20)
    }
}
