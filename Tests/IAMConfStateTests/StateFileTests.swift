import Foundation
import IAMConfCore
import Testing
@testable import IAMConfState

@Suite struct StateFileTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// Set IAMCONF_RECORD=1 to re-record the golden file after a deliberate format change.
    @Test func smallStateMatchesGoldenFile() throws {
        let golden = StateFileTests.fixtures.appendingPathComponent("small-state.json")
        let text = StateFile.encodedText(Samples.smallState())
        if ProcessInfo.processInfo.environment["IAMCONF_RECORD"] == "1" {
            try Data(text.utf8).write(to: golden)
        }
        let expected = try String(contentsOf: golden, encoding: .utf8)
        #expect(text == expected)
    }

    @Test func goldenFileDecodesToTheSameState() throws {
        let golden = StateFileTests.fixtures.appendingPathComponent("small-state.json")
        let bytes = Array(try Data(contentsOf: golden))
        let state = try StateFile.decode(bytes, path: "small-state.json")
        #expect(state == Samples.smallState())
        #expect(StateFile.encode(state) == bytes)
    }

    @Test func resourcesAreWrittenInAddressOrder() {
        let text = StateFile.encodedText(Samples.smallState())
        let order = ["target.policy.AssumeS3Access", "target.user.alice\"", "target.user.alice.access_key[1]", "target.user.alice.policy[AssumeS3Access]"]
        let positions = order.compactMap { text.range(of: "\"address\": \"\($0)")?.lowerBound }
        #expect(positions.count == 4)
        #expect(positions == positions.sorted())
    }

    @Test func emptyStateRoundTrips() throws {
        let state = State(lineage: "l-1", serial: 0)
        let decoded = try StateFile.decode(StateFile.encode(state), path: "s")
        #expect(decoded == state)
        #expect(decoded.backend == .simulator)
    }

    @Test func addressThePrintedFormCannotCarryIsWrittenAsParts() throws {
        // An account local name with a dot would parse back as a different address.
        let odd = Address(account: "my.acct", kind: "user", name: "bob")
        let state = State(lineage: "l", resources: [odd: ResourceState(address: odd, type: "user", accountID: "1", dependencies: [odd])])
        let text = StateFile.encodedText(state)
        #expect(text.contains("\"account\": \"my.acct\""))
        #expect(try StateFile.decode(Array(text.utf8), path: "s") == state)
    }

    @Test func largeStateRoundTrips() throws {
        let state = Samples.largeState(3_000)
        #expect(try StateFile.decode(StateFile.encode(state), path: "s") == state)
    }

    @Test func controlCharactersAreEscaped() throws {
        let address = Samples.address("a.user.u")
        let state = State(lineage: "l", resources: [address: ResourceState(
            address: address, type: "user", accountID: "1", attributes: ["x": .string("\u{01}\u{1F}\u{7F}é😀")])])
        let text = StateFile.encodedText(state)
        #expect(text.contains(#""x": "\u0001\u001f"#))
        #expect(try StateFile.decode(Array(text.utf8), path: "s") == state)
    }
}
