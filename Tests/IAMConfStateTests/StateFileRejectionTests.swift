import IAMConfCore
import Testing
@testable import IAMConfState

/// Files the reader must refuse, each with the exact code (and place) the user is shown.
@Suite struct StateFileRejectionTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var text: String
        var code: StateError.Code
        var member: String? = nil
        var line: Int? = nil
        var column: Int? = nil
        var testDescription: String { name }
    }

    static let valid = StateFile.encodedText(Samples.smallState())

    static func without(_ member: String) -> String {
        // Drops the first line that starts the member (only single-line members are used here).
        valid.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.trimmingPrefix(while: { $0 == " " }).hasPrefix("\"\(member)\":") }
            .joined(separator: "\n")
    }

    static let cases: [Case] = [
        Case(name: "empty", text: "", code: .truncated, line: 1, column: 1),
        Case(name: "whitespace", text: " \n", code: .truncated, line: 1, column: 1),
        Case(name: "cut in half", text: String(valid.prefix(valid.count / 2)), code: .truncated),
        Case(name: "cut inside a string", text: "{\"format_version\": 1, \"lineage\": \"abc", code: .truncated),
        Case(name: "cut inside a literal", text: "{\"format_version\": 1, \"x\": tr", code: .truncated, line: 1, column: 28),
        Case(name: "cut after a comma", text: "{\"format_version\": 1,\n", code: .truncated, line: 2, column: 1),
        Case(name: "mismatched brackets", text: "{\"format_version\": [1, 2}", code: .corrupt, line: 1, column: 25),
        Case(name: "bad character before the end", text: "{\"a\": x, \"b\": [", code: .corrupt, line: 1, column: 7),
        Case(name: "bad character", text: "{\n  \"format_version\": 1,\n  \"lineage\": x\n}", code: .corrupt, line: 3, column: 14),
        Case(name: "trailing comma", text: "{\"format_version\": 1,}", code: .corrupt, line: 1, column: 22),
        Case(name: "text after the value", text: "{}\n{}", code: .corrupt, line: 2, column: 1),
        Case(name: "not UTF-8", text: "", code: .corrupt),  // bytes replaced in the test
        Case(name: "an array", text: "[]", code: .invalidMember),
        Case(name: "newer format", text: valid.replacingOccurrences(of: "\"format_version\": 1", with: "\"format_version\": 2"), code: .newerFormat, member: "format_version"),
        Case(name: "format zero", text: valid.replacingOccurrences(of: "\"format_version\": 1", with: "\"format_version\": 0"), code: .unsupportedFormat, member: "format_version"),
        Case(name: "format as string", text: valid.replacingOccurrences(of: "\"format_version\": 1", with: "\"format_version\": \"1\""), code: .unsupportedFormat, member: "format_version"),
        Case(name: "no format_version", text: without("format_version"), code: .missingMember, member: "format_version"),
        Case(name: "no lineage", text: without("lineage"), code: .missingMember, member: "lineage"),
        Case(name: "no serial", text: without("serial"), code: .missingMember, member: "serial"),
        Case(name: "no iamconf_version", text: without("iamconf_version"), code: .missingMember, member: "iamconf_version"),
        Case(name: "no account_id", text: without("account_id"), code: .missingMember, member: "resources[0].account_id"),
        Case(name: "no address", text: without("address"), code: .missingMember, member: "resources[0].address"),
        Case(name: "no attributes", text: valid.replacingOccurrences(of: "\"attributes\": {},", with: ""), code: .missingMember, member: "resources[3].attributes"),
        Case(name: "no type", text: without("type"), code: .missingMember, member: "resources[0].type"),
        Case(name: "no backend", text: "{\"format_version\": 1, \"iamconf_version\": \"x\", \"lineage\": \"l\", \"serial\": 0, \"resources\": []}", code: .missingMember, member: "backend"),
        Case(name: "no resources", text: "{\"format_version\": 1, \"iamconf_version\": \"x\", \"lineage\": \"l\", \"serial\": 0, \"backend\": {\"kind\": \"simulator\"}}", code: .missingMember, member: "resources"),
        Case(name: "negative serial", text: valid.replacingOccurrences(of: "\"serial\": 3", with: "\"serial\": -3"), code: .invalidMember, member: "serial"),
        Case(name: "fractional serial", text: valid.replacingOccurrences(of: "\"serial\": 3", with: "\"serial\": 3.5"), code: .invalidMember, member: "serial"),
        Case(name: "bad address", text: valid.replacingOccurrences(of: "\"address\": \"target.policy.AssumeS3Access\"", with: "\"address\": \"nodots\""), code: .invalidMember, member: "resources[0].address"),
        Case(name: "numeric output", text: valid.replacingOccurrences(of: "\"default_version_id\": \"v1\"", with: "\"default_version_id\": 1"), code: .invalidMember, member: "resources[0].outputs.default_version_id"),
        Case(name: "duplicate address", text: valid.replacingOccurrences(of: "target.user.alice.access_key[1]", with: "target.user.alice.policy[AssumeS3Access]"), code: .invalidMember, member: "resources[3].address"),
    ]

    @Test(arguments: cases)
    func isRefused(_ example: Case) {
        var bytes = Array(example.text.utf8)
        if example.name == "not UTF-8" { bytes = [0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x7D] }
        let error = stateError { _ = try StateFile.decode(bytes, path: "/tmp/x.json") }
        #expect(error?.code == example.code, "\(String(describing: error))")
        #expect(error?.path == "/tmp/x.json")
        #expect(error?.hint != nil)
        if let member = example.member { #expect(error?.member == member) }
        if let line = example.line { #expect(error?.location?.line == line) }
        if let column = example.column { #expect(error?.location?.column == column) }
    }

    @Test func newerFormatSaysToUpgrade() {
        let text = Self.valid.replacingOccurrences(of: "\"format_version\": 1", with: "\"format_version\": 7")
        let error = stateError { _ = try StateFile.decode(Array(text.utf8), path: "p") }
        #expect(error?.message.contains("newer iamconf") == true)
        #expect(error?.message.contains("version 7, written by iamconf 0.1.0, a newer iamconf") == true)
        #expect(error?.hint?.hasPrefix("upgrade iamconf") == true)
    }

    @Test func corruptErrorRendersLikeACompilerDiagnostic() {
        let error = stateError { _ = try StateFile.decode(Array("{\n  x\n}".utf8), path: "s.json") }
        #expect(error?.description.hasPrefix("s.json:2:3: error: the state file is not valid JSON") == true)
        #expect(error?.description.contains("[state-corrupt]") == true)
        #expect(error?.diagnostic.code == "state-corrupt")
    }

    @Test func unknownMembersAreIgnored() throws {
        let text = Self.valid.replacingOccurrences(of: "\"serial\": 3,", with: "\"serial\": 3,\n  \"comment\": \"hand edit\",")
        #expect(try StateFile.decode(Array(text.utf8), path: "p") == Samples.smallState())
    }

    @Test func nullEndpointIsAbsent() throws {
        let text = Self.valid.replacingOccurrences(of: "\"endpoint\": \"http://127.0.0.1:5000\"", with: "\"endpoint\": null")
        #expect(try StateFile.decode(Array(text.utf8), path: "p").backend == BackendDescriptor(kind: .endpoint))
    }
}

/// The upgrade path, exercised with a pretend version 2 (version 1 is the only real format so far).
@Suite struct StateFileUpgradeTests {
    static let v1 = JSONValue.object([("format_version", .number("1")), ("name", .string("old"))])

    @Test func olderFilesAreUpgradedStepByStep() throws {
        let rename: StateFile.Upgrade = { document throws(StateError) in
            guard case let .object(members) = document else { return document }
            return .object(members.map { $0.key == "format_version" ? ($0.key, .number("2")) : ($0.key == "name" ? ("title", $0.value) : $0) })
        }
        let upgraded = try StateFile.upgrade(Self.v1, path: "p", current: 2, steps: [1: rename])
        #expect(upgraded["title"] == .string("old"))
        #expect(upgraded["format_version"] == .number("2"))
    }

    @Test func aMissingStepIsReported() {
        let error = stateError { _ = try StateFile.upgrade(Self.v1, path: "p", current: 3, steps: [1: { $0 }]) }
        #expect(error?.code == .unsupportedFormat)
        #expect(error?.message == "no upgrade from state format version 2")
    }

    @Test func theCurrentVersionNeedsNoSteps() throws {
        #expect(try StateFile.upgrade(Self.v1, path: "p") == Self.v1)
    }
}
