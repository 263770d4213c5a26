import Testing
@testable import IAMConfState

@Suite struct StateFingerprintTests {
    static let a3 = StateFingerprint(lineage: "a", serial: 3)

    @Test(arguments: [
        (StateFingerprint.none, StateFingerprint.none, false),
        (StateFingerprint.none, a3, true),
        (a3, StateFingerprint.none, true),
        (a3, a3, false),
        (a3, StateFingerprint(lineage: "a", serial: 4), true),
        (a3, StateFingerprint(lineage: "b", serial: 3), true),
    ])
    func staleness(planned: StateFingerprint, current: StateFingerprint, stale: Bool) {
        #expect(planned.isStale(against: current) == stale)
    }

    @Test func messageNamesBothSerials() {
        #expect(Self.a3.staleness(against: StateFingerprint(lineage: "a", serial: 5))
            == "the plan was made against state serial 3, but the state is now at serial 5")
    }

    @Test func storeFingerprintFollowsWrites() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let store = StateStore(path: dir.file("s.json"))
        let planned = try store.fingerprint()
        let written = try store.write(State.new())
        #expect(planned.isStale(against: try store.fingerprint()))
        #expect(try store.fingerprint() == written.fingerprint)
    }
}
