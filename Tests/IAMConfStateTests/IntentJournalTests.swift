import Foundation
import IAMConfCore
import Testing
@testable import IAMConfState

@Suite struct IntentJournalTests {
    static let alice = Samples.address("target.user.alice")
    static let bob = Samples.address("target.user.bob")
    static let start = Date(timeIntervalSince1970: 1_760_000_000)

    @Test func writesVersionedJSONOwnerOnlyAndReadsItBack() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = dir.file("state.json.intent")
        try IntentJournal.empty.adding([Self.bob, Self.alice], startedAt: Self.start).write(to: path)
        let text = String(decoding: fileBytes(path) ?? [], as: UTF8.self)
        #expect(text == #"{"version":1,"started_at":"2025-10-09T08:53:20Z","addresses":["target.user.alice","target.user.bob"]}"#)
        #expect(fileMode(path) == 0o600)
        let read = IntentJournal.read(path)
        #expect(read.addresses == [Self.alice, Self.bob])
        #expect(read.startedAt == Self.start)
    }

    @Test func theFirstFormatReadsAsStartedUnknown() {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = dir.file("state.json.intent")
        writeFile(path, #"["target.user.alice","not an address"]"#)
        let read = IntentJournal.read(path)
        #expect(read.addresses == [Self.alice])
        #expect(read.startedAt == nil)
        // Carried into a new run, the start stays unknown rather than becoming this run's.
        #expect(read.adding([Self.bob], startedAt: Self.start).startedAt == nil)
    }

    @Test("an unreadable, missing or newer journal reads as empty", arguments: [nil, "", "{", "42", #"{"version":2,"addresses":["target.user.alice"]}"#])
    func unusableJournalsAreEmpty(content: String?) {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = dir.file("state.json.intent")
        if let content { writeFile(path, content) }
        #expect(IntentJournal.read(path) == .empty)
    }

    @Test func anEarlierRunKeepsItsStartAndSettlingKeepsOnlyWhatTheStateLacks() throws {
        let earlier = IntentJournal(addresses: [Self.alice], startedAt: Self.start)
        let next = earlier.adding([Self.bob], startedAt: Self.start.addingTimeInterval(60))
        #expect(next.startedAt == Self.start)
        #expect(next.addresses == [Self.alice, Self.bob])
        // Bob was this run's own create: it is not carried, whatever happened to it.
        let state = State(lineage: "l", resources: [:])
        #expect(earlier.settled(by: state) == earlier)
        let recorded = State(lineage: "l", resources: [Self.alice: ResourceState(address: Self.alice, type: ResourceType(rawValue: "user"), accountID: "111111111111")])
        #expect(earlier.settled(by: recorded).isEmpty)
    }

    @Test func writingAnEmptyJournalRemovesTheFile() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = dir.file("state.json.intent")
        try IntentJournal(addresses: [Self.alice], startedAt: Self.start).write(to: path)
        try IntentJournal.empty.write(to: path)
        #expect(!FileManager.default.fileExists(atPath: path))
        try IntentJournal.empty.write(to: path)  // already gone: fine
    }
}
