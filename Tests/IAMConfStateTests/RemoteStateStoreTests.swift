import Foundation
import IAMConfCore
import Synchronization
import Testing
@testable import IAMConfState

/// An object store in memory with S3's conditional-write rules, shared by several "machines".
final class MemoryObjects: StateObjectStore {
    private let objects = Mutex<[StateObject: VersionedBytes]>([:])
    private let counter = Atomic<Int>(0)

    func location(of object: StateObject) -> String { "mem://state\(object.rawValue)" }

    func read(_ object: StateObject) throws(StateError) -> VersionedBytes? { objects.withLock { $0[object] } }

    func write(_ object: StateObject, _ bytes: [UInt8], condition: WriteCondition) throws(StateError) -> String {
        let version = "v\(counter.add(1, ordering: .relaxed).newValue)"
        let refused: Bool = objects.withLock { objects in
            switch condition {
            case .absent where objects[object] != nil: return true
            case let .version(expected) where objects[object]?.version != expected: return true
            default:
                objects[object] = VersionedBytes(bytes: bytes, version: version)
                return false
            }
        }
        if refused { throw StateError(.conflict, "precondition failed", path: location(of: object)) }
        return version
    }

    func delete(_ object: StateObject, version: String?) throws(StateError) {
        let refused: Bool = objects.withLock { objects in
            if let version, objects[object]?.version != version { return true }
            objects[object] = nil
            return false
        }
        if refused { throw StateError(.conflict, "precondition failed", path: location(of: object)) }
    }

    func bytes(_ object: StateObject) -> [UInt8]? { objects.withLock { $0[object]?.bytes } }
}

@Suite struct RemoteStateStoreTests {
    func user(_ name: String, secret: String? = nil) -> ResourceState {
        var resource = ResourceState(
            address: Address(account: "a", kind: .user, name: name), type: ResourceType(rawValue: "user"), accountID: "111111111111", attributes: ["name": .string(name)])
        if let secret { resource.secrets = ["secret": secret] }
        return resource
    }

    @Test func writesAreCompareAndSwapOnTheVersionRead() throws {
        let objects = MemoryObjects()
        let first = RemoteStateStore(objects: objects)
        var state = State.new()
        state.resources[user("alice").address] = user("alice")
        let written = try first.write(state)
        #expect(written.serial == 1)

        // Two machines read serial 1; the second writes; the first may not overwrite that.
        let machineA = RemoteStateStore(objects: objects)
        let machineB = RemoteStateStore(objects: objects)
        let readA = try #require(try machineA.load())
        var readB = try #require(try machineB.load())
        readB.resources[user("bob").address] = user("bob")
        #expect(try machineB.write(readB).serial == 2)
        let refused = #expect(throws: StateError.self) { try machineA.write(readA) }
        #expect(refused?.code == .changedExternally)
        #expect(refused?.message.contains("not overwriting the newer state") == true)
        let stored = try StateFile.decode(try #require(objects.bytes(.state)), path: "mem")
        #expect(stored.serial == 2 && stored.resources[user("bob").address] != nil)
        // The version before this run's first write is the backup.
        #expect(try StateFile.decode(try #require(objects.bytes(.backup)), path: "mem").serial == 1)
    }

    @Test func anotherLineageIsNeverOverwritten() throws {
        let objects = MemoryObjects()
        try RemoteStateStore(objects: objects).write(State.new())
        let error = #expect(throws: StateError.self) { try RemoteStateStore(objects: objects).write(State.new()) }
        #expect(error?.code == .lineageMismatch)
    }

    @Test func theLockNamesItsHolderAndIsReleasedOnlyByIt() throws {
        let objects = MemoryObjects()
        let holder = RemoteStateStore(objects: objects)
        let other = RemoteStateStore(objects: objects)
        let held = try holder.lock(operation: "apply")
        let refused = #expect(throws: StateError.self) { try other.lock(operation: "plan") }
        #expect(refused?.code == .locked)
        #expect(refused?.message.contains(held.info.id) == true && refused?.message.contains("\"apply\"") == true)
        // A write by a store that does not hold the lock is refused, naming the holder.
        let write = #expect(throws: StateError.self) { try other.write(State.new()) }
        #expect(write?.code == .locked)

        // Force-unlocked and taken by another: the first holder's unlock leaves the new lock, and its
        // writes are refused.
        #expect(try other.forceUnlock(id: held.info.id).id == held.info.id)
        let taken = try other.lock(operation: "apply")
        let unlock = #expect(throws: StateError.self) { try holder.unlock(held) }
        #expect(unlock?.code == .lockIDMismatch)
        #expect(try other.currentLock()?.id == taken.info.id)
        let lateWrite = #expect(throws: StateError.self) { try holder.write(State.new()) }
        #expect(lateWrite?.code == .locked)
        try other.unlock(taken)
        #expect(try other.currentLock() == nil)
        #expect(throws: StateError.self) { try other.forceUnlock(id: nil) }
    }

    @Test func secretsSurviveACrashBeforeTheNextSave() throws {
        let objects = MemoryObjects()
        let store = RemoteStateStore(objects: objects)
        let state = try store.write(State.new())
        let key = user("alice", secret: "wJalrXUtnFEMI")
        try store.keepSecret(key, lineage: state.lineage, backend: state.backend)
        try store.keepSecret(user("bob", secret: "second"), lineage: state.lineage, backend: state.backend)
        // "Killed" here: a new run finds both secrets.
        let recovered = try #require(try RemoteStateStore(objects: objects).load())
        #expect(recovered.resources[key.address]?.secrets["secret"] == "wJalrXUtnFEMI")
        #expect(recovered.resources[user("bob").address]?.secrets["secret"] == "second")
        // Once saved, the journal is gone.
        let next = RemoteStateStore(objects: objects)
        try next.write(try #require(try next.load()))
        #expect(objects.bytes(.secrets) == nil)
    }

    @Test func aRunWhoseLockWasTakenNeitherReplacesTheIntentJournalNorLosesSecrets() throws {
        let objects = MemoryObjects()
        let holder = RemoteStateStore(objects: objects)
        let state = try holder.write(State.new())
        let held = try holder.lock(operation: "apply")
        try holder.keepSecret(user("alice", secret: "first"), lineage: state.lineage, backend: state.backend)

        let other = RemoteStateStore(objects: objects)
        _ = try other.load()
        try other.forceUnlock(id: held.info.id)
        _ = try other.lock(operation: "apply")
        let theirs = IntentJournal(addresses: [user("carol").address], startedAt: Date(timeIntervalSince1970: 1_800_000_000))
        try other.writeIntent(theirs)
        try other.keepSecret(user("carol", secret: "theirs"), lineage: state.lineage, backend: state.backend)

        let intent = #expect(throws: StateError.self) { try holder.writeIntent(.empty) }
        #expect(intent?.code == .locked)
        #expect(RemoteStateStore(objects: objects).readIntent() == theirs)
        // The late secret is appended to the journal the other run wrote, not written over it.
        try holder.keepSecret(user("bob", secret: "late"), lineage: state.lineage, backend: state.backend)
        let recovered = try #require(try RemoteStateStore(objects: objects).load())
        #expect(recovered.resources[user("alice").address]?.secrets["secret"] == "first")
        #expect(recovered.resources[user("carol").address]?.secrets["secret"] == "theirs")
        #expect(recovered.resources[user("bob").address]?.secrets["secret"] == "late")
    }

    @Test func theIntentJournalRoundTrips() throws {
        let objects = MemoryObjects()
        let store = RemoteStateStore(objects: objects)
        let journal = IntentJournal(addresses: [user("alice").address], startedAt: Date(timeIntervalSince1970: 1_800_000_000))
        try store.writeIntent(journal)
        #expect(RemoteStateStore(objects: objects).readIntent() == journal)
        try store.writeIntent(.empty)
        #expect(objects.bytes(.intent) == nil)
    }
}
