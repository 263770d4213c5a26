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
        let odd = Address(account: "my.acct", kind: .user, name: "bob")
        let state = State(lineage: "l", resources: [odd: ResourceState(address: odd, type: ResourceType(rawValue: "user"), accountID: "1", dependencies: [odd])])
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
            address: address, type: ResourceType(rawValue: "user"), accountID: "1", attributes: ["x": .string("\u{01}\u{1F}\u{7F}é😀")])])
        let text = StateFile.encodedText(state)
        #expect(text.contains(#""x": "\u0001\u001f"#))
        #expect(try StateFile.decode(Array(text.utf8), path: "s") == state)
    }
}

@Suite struct StateFileEdgeTests {
    static func state(with attribute: JSONValue) -> State {
        let address = Samples.address("a.user.u")
        return State(lineage: "l", resources: [address: ResourceState(address: address, type: ResourceType(rawValue: "user"), accountID: "1", attributes: ["n": attribute])])
    }

    @Test(arguments: ["0", "-0", "12", "3600.0", "1e3", "-1.5E-7", "10"])
    func jsonNumbersAreKeptAsWritten(_ spelling: String) throws {
        let state = Self.state(with: .number(spelling))
        #expect(try StateFile.decode(StateFile.encode(state), path: "s") == state)
    }

    @Test(arguments: ["+12", ".inf", "0x1F", "1_000", "01", "1.", "", "NaN", "1e"])
    func nonJSONNumberSpellingsBecomeStringsSoTheFileStaysReadable(_ spelling: String) throws {
        let decoded = try StateFile.decode(StateFile.encode(Self.state(with: .number(spelling))), path: "s")
        #expect(decoded.resources.first?.value.attributes["n"] == .string(spelling))
    }

    @Test func theDictionaryKeyIsTheAddressWritten() throws {
        let key = Samples.address("a.user.right")
        let state = State(lineage: "l", resources: [key: ResourceState(address: Samples.address("a.user.wrong"), type: ResourceType(rawValue: "user"), accountID: "1")])
        let decoded = try StateFile.decode(StateFile.encode(state), path: "s")
        #expect(decoded.resources[key]?.address == key)
    }

    @Test func serialAtItsMaximumIsRefusedNotACrash() throws {
        let dir = TemporaryDirectory()
        defer { dir.cleanUp() }
        var state = State.new()
        state.serial = Int.max
        #expect(stateError { try StateStore(path: dir.file("s.json")).write(state) }?.code == .invalidMember)
    }
}

@Suite struct StateFileReadBackTests {
    @Test func repeatedKeysKeepTheFirstSoTheFileStaysReadable() throws {
        let value = JSONValue.object([("a", .number("1")), ("b", .null), ("a", .number("2"))])
        let decoded = try StateFile.decode(StateFile.encode(StateFileEdgeTests.state(with: value)), path: "s")
        #expect(decoded.resources.first?.value.attributes["n"] == .object([("a", .number("1")), ("b", .null)]))
    }

    @Test func valuesNestedBeyondWhatReadersAcceptAreKeptAsText() throws {
        var value = JSONValue.array([])
        for _ in 0..<600 { value = .array([value]) }
        let decoded = try StateFile.decode(StateFile.encode(StateFileEdgeTests.state(with: value)), path: "s")
        guard case var current? = decoded.resources.first?.value.attributes["n"] else {
            Issue.record("attribute lost")
            return
        }
        var depth = 0
        while case let .array(items) = current, let first = items.first {
            current = first
            depth += 1
        }
        #expect(depth == 500 - 4, "containers up to the writer's limit stay JSON")
        #expect(current.stringValue?.hasPrefix("[[[") == true)
    }
}
