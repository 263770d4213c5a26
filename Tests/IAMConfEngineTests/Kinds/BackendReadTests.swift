import IAMConfBackend
import IAMConfCore
import Testing
@testable import IAMConfEngine

/// A kind reads a backend's answer as the typed values `IAMResponse.attributes` documents. It
/// never parses text to find a list, a map, a flag or a number, so JSON text in a string reads as
/// nothing: a backend that went back to JSON-in-strings would lose every relationship here.
@Suite struct BackendReadTests {
    struct Answering: Backend {
        let response: IAMResponse
        var descriptor: BackendDescriptor { .simulator }
        func perform(_ request: IAMRequest, in account: String) async throws(BackendError) -> IAMResponse { response }
    }

    static func read(_ attributes: [String: JSONValue]) async throws -> BackendCalls.Read? {
        let response = IAMResponse(arn: "arn:aws:iam::111111111111:user/alice", uniqueID: "AIDAEXAMPLE", attributes: attributes)
        let calls = BackendCalls(backend: Answering(response: response))
        return try await calls.get(.getUser(name: "alice"), ObjectKey(accountID: "111111111111", attributes: [:]))
    }

    @Test func typedValuesReadAsWhatTheySay() async throws {
        let a = try #require(try await Self.read([
            "name": .string("alice"), "description": .string(""), "groups": .array([.string("devs"), .string("ops")]),
            "tags": .object([(key: "team", value: .string("a")), (key: "cost", value: .string("42"))]),
            "statuses": .object([(key: "AKIAEXAMPLE", value: .string("Active"))]),
            "login_profile": .bool(true), "max_session_duration": .number("7200"),
        ]))
        #expect(a.text("name") == .string("alice"))
        #expect(a.nonEmptyText("description") == .null)
        #expect(a.strings("groups") == ["devs", "ops"])
        // Sorted by key, as the state keeps tags, whatever order the backend listed them in.
        #expect(a.tags("tags") == .object([(key: "cost", value: .string("42")), (key: "team", value: .string("a"))]))
        #expect(a.object("statuses") == ["AKIAEXAMPLE": "Active"])
        #expect(a.bool("login_profile") == true)
        #expect(a.int("max_session_duration") == 7200)
        // The response's identifiers are folded in.
        #expect(a.identifiers == ["arn": "arn:aws:iam::111111111111:user/alice", "unique_id": "AIDAEXAMPLE"])
    }

    @Test func jsonTextInAStringIsNoValue() async throws {
        let a = try #require(try await Self.read([
            "groups": .string(#"["devs"]"#), "tags": .string(#"{"team":"a"}"#), "statuses": .string(#"{"AKIAEXAMPLE":"Active"}"#),
            "login_profile": .string("true"), "max_session_duration": .string("7200"),
        ]))
        #expect(a.strings("groups").isEmpty)
        #expect(a.tags("tags") == .object([]))
        #expect(a.object("statuses").isEmpty)
        #expect(a.bool("login_profile") == nil)
        #expect(a.int("max_session_duration") == nil)
    }
}
