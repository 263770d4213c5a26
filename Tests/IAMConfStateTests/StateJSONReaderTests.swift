import IAMConfCore
import Testing
@testable import IAMConfState

/// The state file's fast reader must agree with Core's `JSONParser`, value for value and error for error.
@Suite struct JSONReaderTests {
    static let inputs: [String] = [
        "{}", "[]", "null", "true", "false", "0", "-0.5e+10", "1E3", "\"\"",
        #"{"b": 1, "a": [true, null, "x"], "c": {"d": 3600.0}}"#,
        #""esc \" \\ \/ \b \f \n \r \t \u00e9 \ud83d\ude00""#,
        "\"Zoë 😀 plain\"",
        "  {\n \"k\" :\t[ ]\r\n}  ",
        // Failures: same message and place.
        "", "{", "[1,", "{\"a\" 1}", "{\"a\": 1,}", "[1 2]", "tru", "nul", "01x", "-", "1.", "1e",
        "\"abc", "\"a\u{01}b\"", #""\x""#, #""\u12""#, #""\ud800""#, #""\ud800\u0041""#, #""\udc00""#,
        #"{"a": 1, "a": 2}"#, "{} {}", "@", "{\n  \"x\": é\n}",
        String(repeating: "[", count: 600) + String(repeating: "]", count: 600),
    ]

    @Test(arguments: inputs)
    func agreesWithJSONParser(_ text: String) {
        let bytes = Array(text.utf8)
        let expected: Result<JSONValue, JSONParser.Failure> = Result { () throws(JSONParser.Failure) in try JSONParser.parse(text) }
        switch (JSONReader.parse(bytes), expected) {
        case let (.success(mine), .success(theirs)):
            #expect(mine == theirs)
        case let (.failure(mine), .failure(theirs)):
            let (line, column) = JSONReader.lineAndColumn(of: mine.offset, in: bytes)
            #expect(mine.message == theirs.message)
            #expect(line == theirs.line)
            #expect(column == theirs.column)
        case let (mine, theirs):
            Issue.record("reader gave \(mine), JSONParser gave \(theirs)")
        }
    }

    @Test func largeObjectsStillRefuseDuplicateKeys() {
        let members = (0..<40).map { "\"k\($0)\": \($0)" } + ["\"k7\": 0"]
        let result = JSONReader.parse(Array(("{" + members.joined(separator: ", ") + "}").utf8))
        guard case let .failure(error) = result else {
            Issue.record("accepted a duplicate key")
            return
        }
        #expect(error.message == "duplicate key \"k7\"")
    }
}

/// The reader's one-pass address split must agree with `Address(parsing:)` wherever it answers.
@Suite struct SimpleAddressTests {
    @Test(arguments: [
        "a.b", "target.user.alice", "target.user.alice.group[developers]", "t.role.R.policy[AmazonS3FullAccess]",
        "t.alias", "t.user.alice.access_key[1]", "t.user.a.b", "t.user.a.b.c[d]", "t.user.alice.inline[my.policy]",
        "t.user.alice.login_profile", "t..x", ".a.b", "a.", "a", "", "t.user.x]", "t.user.[x]", "t.user.n.s[]",
        "t.user.n.s[k]x", "t.user.n.s[k[j]]", "t.user.n.s[k]]", "a.b.c[d]", "a.b[c]", "t.user.ü.s[ß]",
        "t.bucket.reports.policy", "t.role.r.login_profile", "t.user.a.policy",
    ])
    func agreesWithAddressParsing(_ text: String) {
        guard let simple = StateDocumentReader.simpleAddress(text) else { return }
        #expect(simple == Address(parsing: text))
        #expect(simple.description == text)
    }

    @Test func coversTheCommonShapes() {
        #expect(StateDocumentReader.simpleAddress("t.user.alice.group[developers]")?.key == "developers")
        #expect(StateDocumentReader.simpleAddress("t.user.alice")?.name == "alice")
        #expect(StateDocumentReader.simpleAddress("t.alias")?.kind == .alias)
        #expect(StateDocumentReader.simpleAddress("t.user.a.b") == nil)
        // Keyless parts are common (one login profile per console user): the fast path must take them.
        #expect(StateDocumentReader.simpleAddress("t.user.alice.login_profile")?.sub == "login_profile")
        #expect(StateDocumentReader.simpleAddress("t.bucket.reports.policy")?.sub == "policy")
        #expect(StateDocumentReader.simpleAddress("t.role.alice.login_profile") == nil)
    }
}
