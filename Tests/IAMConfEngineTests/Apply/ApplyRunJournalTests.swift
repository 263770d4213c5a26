import Foundation
import IAMConfBackend
import IAMConfCore
import IAMConfState
import Testing

@testable import IAMConfEngine

/// Where the backend keeps an object at once, a secret is journaled before the apply goes on,
/// whatever the save cadence; where it keeps objects only on flush (the simulator), nothing is.
@Suite struct ApplyRunJournalTests {
    typealias F = PlanFixtures

    /// Records what the run asks of the state, in order.
    actor Sink: StateSink {
        private(set) var events: [String] = []
        let failJournal: Bool
        init(failJournal: Bool = false) { self.failJournal = failJournal }

        func save(_ state: State) async throws -> State {
            events.append("save \(state.resources.count)")
            return state
        }

        func keepSecret(_ resource: ResourceState, of state: State) async throws {
            if failJournal { throw CocoaError(.fileWriteNoPermission) }
            events.append("journal \(resource.address) \(resource.secrets.keys.sorted())")
        }
    }

    /// RecordingBackend with the simulator's durability.
    struct FlushOnlyBackend: Backend {
        let inner = RecordingBackend()
        var descriptor: BackendDescriptor { .simulator }
        var keepsChangesOnlyOnFlush: Bool { true }
        func perform(_ request: IAMRequest, in account: String) async throws(BackendError) -> IAMResponse {
            try await inner.perform(request, in: account)
        }
    }

    static let secondKey = F.resource(
        "target.user.bob.access_key[2]", .accessKey, ["user": .string("bob"), "index": .number("2")], dependsOn: ["target.user.bob"])

    /// Bob and two access keys.
    static func plan() -> Plan {
        Planner().plan(desired: [F.bob, F.bobKey, secondKey], prior: nil, backend: .simulator)
    }

    @Test func secretsAreJournaledBeforeTheBatchedSave() async {
        let sink = Sink()
        // A save interval far longer than the run: only the final save happens.
        let run = ApplyRun(state: State(lineage: "l"), backend: RecordingBackend(), sink: sink, saveInterval: .seconds(3600))
        let (report, _) = await run.run(Self.plan(), parallelism: 1, interrupted: [])
        #expect(report.failures.isEmpty)
        let events = await sink.events
        #expect(events.dropLast().sorted() == [
            "journal target.user.bob.access_key[1] [\"secret_access_key\"]",
            "journal target.user.bob.access_key[2] [\"secret_access_key\"]",
        ])
        #expect(events.last == "save 3")
    }

    @Test func nothingIsJournaledForABackendThatKeepsChangesOnlyOnFlush() async {
        let sink = Sink()
        let run = ApplyRun(state: State(lineage: "l"), backend: FlushOnlyBackend(), sink: sink, saveInterval: .seconds(3600))
        _ = await run.run(Self.plan(), parallelism: 1, interrupted: [])
        #expect(await sink.events == ["save 3"])
    }

    @Test func aJournalThatCannotBeWrittenMeansSavingAtOnce() async {
        let sink = Sink(failJournal: true)
        let run = ApplyRun(state: State(lineage: "l"), backend: RecordingBackend(), sink: sink, saveInterval: .seconds(3600))
        _ = await run.run(Self.plan(), parallelism: 1, interrupted: [])
        // Each key's save comes straight after its creation, not only at the end.
        #expect(await sink.events == ["save 2", "save 3"])
    }
}
