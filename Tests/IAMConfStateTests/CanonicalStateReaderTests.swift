import IAMConfCore
import Testing
@testable import IAMConfState

/// The fast path for files in the exact layout iamconf writes must give the general reader's result,
/// and must step aside (return nil) for everything the general reader refuses.
@Suite struct CanonicalStateReaderTests {
    static func general(_ bytes: [UInt8]) throws -> State {
        try StateDocumentReader(path: "p").state(from: StateFile.upgrade(StateFile.parse(bytes, path: "p"), path: "p"))
    }

    static let states: [State] = [
        Samples.smallState(), Samples.largeState(300), State(lineage: "l"),
        StateFileEdgeTests.state(with: .string("\u{01}\"\\é😀")), StateFileEdgeTests.state(with: .array([])),
        keylessParts(),
    ]

    /// Addresses with a keyless part (`.login_profile`, a bucket's `.policy`): one per console user,
    /// so common in real states; missing them once sent every such file down the slow path.
    static func keylessParts() -> State {
        var state = Samples.smallState()
        for resource in [
            ResourceState(
                address: Address(account: "target", kind: .user, name: "alice", sub: "login_profile"), type: ResourceType(rawValue: "login_profile"),
                accountID: "111111111111", attributes: ["password_reset_required": .bool(true)], secrets: ["password": "Xy7!example"]),
            ResourceState(
                address: Address(account: "target", kind: .bucket, name: "reports", sub: "policy"), type: ResourceType(rawValue: "bucket_policy"),
                accountID: "111111111111", attributes: ["policy": .object([("Version", .string("2012-10-17"))])]),
        ] {
            state.resources[resource.address] = resource
        }
        return state
    }

    @Test(arguments: states)
    func ownOutputTakesTheFastPathWithTheSameResult(_ state: State) throws {
        let bytes = StateFile.encode(state)
        let fast = try #require(JSONReader.canonicalState(bytes))
        #expect(fast == state)
        #expect(fast == (try Self.general(bytes)))
    }

    @Test(arguments: StateFileRejectionTests.cases)
    func refusedFilesAreLeftToTheGeneralPath(_ example: StateFileRejectionTests.Case) {
        #expect(JSONReader.canonicalState(Array(example.text.utf8)) == nil)
    }

    @Test(arguments: [
        // Valid, but not the canonical layout: the general path must be the one to read them.
        StateFileRejectionTests.valid.replacingOccurrences(of: "\"serial\": 3,", with: "\"serial\": 3,\n  \"comment\": \"x\","),
        StateFileRejectionTests.valid.replacingOccurrences(of: "\"target.user.alice\"", with: "{\"account\": \"target\", \"kind\": \"user\", \"name\": \"alice\"}"),
        "{\"iamconf_version\": \"x\", \"format_version\": 1, \"lineage\": \"l\", \"serial\": 0, \"backend\": {\"kind\": \"simulator\"}, \"resources\": []}",
    ])
    func otherValidLayoutsFallBack(_ text: String) throws {
        let bytes = Array(text.utf8)
        #expect(JSONReader.canonicalState(bytes) == nil)
        #expect(try StateFile.decode(bytes, path: "p") == (try Self.general(bytes)))
    }

    @Test func duplicateKeysInsideAttributesAreStillRefused() {
        let text = StateFileRejectionTests.valid.replacingOccurrences(of: "\"status\": \"Active\"", with: "\"status\": \"Active\", \"status\": \"Inactive\"")
        #expect(JSONReader.canonicalState(Array(text.utf8)) == nil)
        #expect(stateError { _ = try StateFile.decode(Array(text.utf8), path: "p") }?.code == .corrupt)
    }
}

/// Large states are encoded in parallel runs; the file must read exactly as one written in one pass.
@Suite struct ParallelStateEncodingTests {
    @Test("a state written in several runs reads back whole, through the fast and the general reader")
    func runsJoinIntoOneValidFile() throws {
        let state = Samples.largeState(20_000)
        let bytes = StateFile.encode(state)
        #expect(JSONReader.canonicalState(bytes) == state)
        #expect(try CanonicalStateReaderTests.general(bytes) == state)
        // Every resource object opens on its own line at the array's indentation, with one comma
        // between neighbours: the joins between runs look like any other element boundary.
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.components(separatedBy: "\n    {\n").count - 1 == state.resources.count)
        #expect(text.components(separatedBy: "\n    },\n    {\n").count - 1 == state.resources.count - 1)
        #expect(text.hasSuffix("\n    }\n  ]\n}\n"))
    }
}
