import Foundation
import IAMConfCore
import Testing

@testable import IAMConfState

/// The journal keeps secrets an apply received until the state holding them is saved.
@Suite struct SecretJournalTests {
    static func key(_ index: Int, secret: String = "s3cr3t") -> ResourceState {
        ResourceState(
            address: Address(account: "t", kind: .user, name: "bob", sub: "access_key", key: "\(index)"), type: ResourceType(rawValue: "access_key"),
            accountID: "111111111111", attributes: ["status": .string("Active")], outputs: ["access_key_id": "AKIA\(index)"],
            secrets: ["secret_access_key": secret])
    }

    @Test func recordsComeBackInOrderAndATornTailIsIgnored() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let journal = SecretJournal(path: dir.file("s.json.secrets"))
        try journal.append(Self.key(1), lineage: "l", backend: .simulator)
        try journal.append(Self.key(2), lineage: "other", backend: .simulator)
        try journal.append(Self.key(3), lineage: "l", backend: .simulator)
        #expect(try journal.resources(lineage: "l").map(\.address.key) == ["1", "3"])
        // The file holds secrets: owner-only, like the state.
        let attributes = try FileManager.default.attributesOfItem(atPath: journal.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        // A crash mid-append leaves a partial record: everything before it is still read.
        let handle = try #require(FileHandle(forWritingAtPath: journal.path))
        handle.seekToEndOfFile()
        handle.write(Data("812\n{\n  \"format_version\": 1,".utf8))
        try handle.close()
        #expect(try journal.resources(lineage: "l").map(\.address.key) == ["1", "3"])
        try journal.clear()
        #expect(!journal.exists)
    }

    @Test func loadingPutsJournaledSecretsBackAndTheNextWriteEmptiesTheJournal() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let store = StateStore(path: dir.file("s.json"))
        var state = State(lineage: "l")
        var unsaved = Self.key(2)
        unsaved.secrets = [:]  // a key the state knows without its secret
        state.resources[unsaved.address] = unsaved
        state = try store.write(state)
        try store.journal.append(Self.key(1), lineage: "l", backend: .simulator)
        try store.journal.append(Self.key(2, secret: "found"), lineage: "l", backend: .simulator)
        try store.journal.append(Self.key(3), lineage: "another-state", backend: .simulator)

        let loaded = try #require(try store.load())
        #expect(loaded.resources.count == 2)
        #expect(loaded.resources[Self.key(1).address]?.secrets["secret_access_key"] == "s3cr3t")
        #expect(loaded.resources[Self.key(2).address]?.secrets["secret_access_key"] == "found")
        // Reading alone changes nothing on disk.
        #expect(store.journal.exists)
        _ = try store.write(loaded)
        #expect(!store.journal.exists)
        #expect(try store.load()?.resources[Self.key(1).address]?.secrets["secret_access_key"] == "s3cr3t")
    }

    @Test("a journal with an unreadable whole record is kept after the save, not emptied")
    func damagedJournalIsKept() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let store = StateStore(path: dir.file("s.json"))
        _ = try store.write(State(lineage: "l"))
        try store.journal.append(Self.key(1), lineage: "l", backend: .simulator)
        let handle = try #require(FileHandle(forWritingAtPath: store.journal.path))
        handle.seekToEndOfFile()
        handle.write(Data("5\nxxxxx\n".utf8))  // complete, but not a state
        try handle.close()
        try store.journal.append(Self.key(2), lineage: "l", backend: .simulator)

        let loaded = try #require(try store.load())
        #expect(loaded.resources[Self.key(1).address] != nil)
        _ = try store.write(loaded)
        #expect(store.journal.exists)
        #expect(store.journal.contents().isDamaged)
    }

    @Test func anApplyKilledBeforeItsFirstSaveLeavesAStateToRecover() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let store = StateStore(path: dir.file("s.json"))
        try store.journal.append(Self.key(1), lineage: "fresh", backend: BackendDescriptor(kind: .endpoint, endpoint: "http://127.0.0.1:5000"))
        let recovered = try #require(try store.load())
        #expect(recovered.lineage == "fresh")
        #expect(recovered.backend.endpoint == "http://127.0.0.1:5000")
        #expect(recovered.resources[Self.key(1).address]?.secrets["secret_access_key"] == "s3cr3t")
    }
}
