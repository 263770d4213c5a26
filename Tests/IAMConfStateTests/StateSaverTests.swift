import Foundation
import IAMConfCore
import Testing
@testable import IAMConfState

/// A clock the test moves by hand.
final class ManualClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current = ContinuousClock.now

    var now: ContinuousClock.Instant {
        lock.lock()
        defer { lock.unlock() }
        return current
    }

    func advance(_ duration: Duration) {
        lock.lock()
        current += duration
        lock.unlock()
    }
}

@Suite struct StateSaverTests {
    @Test func coalescesWithinTheIntervalAndFlushesTheLatest() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let clock = ManualClock()
        let saver = StateSaver(store: StateStore(path: dir.file("s.json")), interval: .seconds(5)) { clock.now }
        var state = State.new()
        #expect(try saver.save(state)?.serial == 1, "the first save writes")
        for index in 0..<10 {
            let address = Address(account: "a", kind: "user", name: "u\(index)")
            state.resources[address] = ResourceState(address: address, type: "user", accountID: "1")
            #expect(try saver.save(state) == nil)
        }
        #expect(saver.hasPendingChanges)
        #expect(try StateStore(path: dir.file("s.json")).load()?.resources.count == 0)
        clock.advance(.seconds(5))
        let written = try #require(try saver.save(state))
        #expect(written.serial == 2)
        #expect(written.resources.count == 10)
        #expect(!saver.hasPendingChanges)
        #expect(try saver.flush() == nil, "nothing pending")
    }

    @Test func urgentSavesAndFlushWriteAtOnce() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let clock = ManualClock()
        let store = StateStore(path: dir.file("s.json"))
        let saver = StateSaver(store: store, interval: .seconds(60)) { clock.now }
        let state = State.new()
        try saver.save(state)
        #expect(try saver.save(state) == nil)
        #expect(try saver.save(state, immediately: true)?.serial == 2)
        #expect(try saver.save(state) == nil)
        #expect(try saver.flush()?.serial == 3)
        #expect(try store.load()?.serial == 3)
    }

    @Test func aFailedWriteStaysPending() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = dir.file("s.json")
        let saver = StateSaver(store: StateStore(path: path), interval: .zero)
        writeFile(path + ".lock", "held by someone")
        let error = stateError { try saver.save(State.new()) }
        #expect(error?.code == .locked)
        #expect(saver.hasPendingChanges)
        _ = try StateStore(path: path).forceUnlock()
        #expect(try saver.flush()?.serial == 1)
    }
}
