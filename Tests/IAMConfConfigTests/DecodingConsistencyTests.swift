import IAMConfConfig
import IAMConfCore
import Testing

/// Issue 14's consistency points: one spelling per principal, and messages that say where the
/// other setting is and never show a reference that would not parse.
@Suite struct DecodingConsistencyTests {
    static func load(_ sources: [SourceFile]) -> (configuration: Configuration?, diagnostics: Diagnostics) {
        ConfigurationLoader.load(sources: sources)
    }

    static func trustDocument(_ principal: String) -> JSONValue? {
        let text = account("    roles:\n      R:\n        trust_policy:\n          Version: \"2012-10-17\"\n          Statement:\n            - Effect: Allow\n              Principal: { AWS: \(principal) }\n              Action: sts:AssumeRole\n              Condition: { Bool: { aws:MultiFactorAuthPresent: \"true\" } }\n")
        return load([SourceFile(path: "main.yaml", text: text)]).configuration?.accounts.first?.roles.first?.trustPolicy.document
    }

    @Test func aBareAccountIDIsTheAccountRootARN() throws {
        let bare = try #require(Self.trustDocument("\"444455556666\""))
        let arn = try #require(Self.trustDocument("\"arn:aws:iam::444455556666:root\""))
        #expect(bare == arn)
        let list = try #require(Self.trustDocument("[\"444455556666\", \"arn:aws:iam::111111111111:root\"]"))
        #expect(list["Statement"]?.arrayValue?.first?["Principal"]?["AWS"] == .array([.string("arn:aws:iam::444455556666:root"), .string("arn:aws:iam::111111111111:root")]))
    }

    @Test func aBucketPolicyPrincipalIsNormalisedToo() throws {
        let text = account("    buckets:\n      reports:\n        policy:\n          Version: \"2012-10-17\"\n          Statement:\n            - Effect: Allow\n              Principal: { AWS: \"444455556666\" }\n              Action: s3:GetObject\n              Resource: \"arn:aws:s3:::reports/*\"\n")
        let document = try #require(Self.load([SourceFile(path: "main.yaml", text: text)]).configuration?.accounts.first?.buckets.first?.policy?.document)
        #expect(document["Statement"]?.arrayValue?.first?["Principal"]?["AWS"] == .string("arn:aws:iam::444455556666:root"))
    }

    @Test func duplicateSettingNamesTheOtherFileAndLine() {
        let sources = [
            SourceFile(path: "a.yaml", text: "backend: { kind: simulator }\naccounts:\n  a:\n    id: \"111111111111\"\n    alias: one-a\n"),
            SourceFile(path: "b.yaml", text: "backend: { kind: simulator }\naccounts:\n  a:\n    id: \"111111111111\"\n    alias: two-a\n"),
        ]
        let summaries = Self.load(sources).diagnostics.filter { $0.code == "duplicate-setting" }.map(\.summary)
        #expect(summaries == [
            "'backend' is already set at a.yaml:1",
            "the id of account 'a' is already set at a.yaml:4",
            "'alias' of account 'a' is already set at a.yaml:5",
        ])
    }

    @Test(arguments: [
        // A trust shorthand names a user by address, not with ${…}.
        account("    roles:\n      R: { trust: { principals: [a.user.nobody] } }\n"),
        // The wrong kind's hint must be a whole reference.
        account("    users:\n      alice: { tags: { r: \"${accounts.a.users.R.arn}\" } }\n    roles:\n      R: { trust: { accounts: [a] } }\n"),
        // An invalid account name must not be shown inside a reference.
        "accounts:\n  prod.eu:\n    id: \"111111111111\"\n",
    ])
    func messagesShowOnlyValidReferences(_ text: String) {
        let diagnostics = Self.load([SourceFile(path: "main.yaml", text: text)]).diagnostics
        #expect(diagnostics.hasErrors)
        for diagnostic in diagnostics {
            for message in [diagnostic.summary, diagnostic.hint ?? ""] {
                for reference in Self.references(in: message) {
                    #expect(Self.isValidReference(reference), "\(diagnostic.code): \(message)")
                }
            }
        }
    }

    /// Every `${…}` in a message.
    static func references(in text: String) -> [String] {
        var found: [String] = []
        var rest = Substring(text)
        while let start = rest.range(of: "${") {
            guard let end = rest[start.upperBound...].firstIndex(of: "}") else {
                found.append(String(rest[start.upperBound...]))
                break
            }
            found.append(String(rest[start.upperBound..<end]))
            rest = rest[rest.index(after: end)...]
        }
        return found
    }

    /// `accounts.NAME.(id|name|alias)` or `accounts.NAME.KIND.ENTITY.(arn|name)`, with placeholder
    /// words in capitals allowed.
    static func isValidReference(_ reference: String) -> Bool {
        let parts = reference.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.first == "accounts", parts.count >= 3, parts.allSatisfy({ !$0.isEmpty && !$0.contains("…") }) else { return false }
        let nameOK = parts[1].allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
        if parts.count == 3 { return nameOK && ["id", "name", "alias"].contains(parts[2]) }
        let kinds = ["users", "groups", "roles", "policies", "instance_profiles", "identity_providers", "buckets", "KIND"]
        return nameOK && parts.count == 5 && kinds.contains(parts[2]) && ["arn", "name"].contains(parts[4])
    }
}
