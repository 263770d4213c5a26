import IAMConfCore
import Testing

@testable import IAMConfServer

/// A world document gets the configuration's statement locations only while it equals what the
/// configuration declares, at the same place.
@Suite struct DeclaredPoliciesTests {
    static let allow: JSONValue = .object([("Effect", .string("Allow")), ("Action", .string("s3:GetObject")), ("Resource", .string("*"))])
    static let deny: JSONValue = .object([("Effect", .string("Deny")), ("Action", .string("s3:DeleteObject")), ("Resource", .string("*"))])
    static let locations = [SourceLocation(file: "config/main.yaml", line: 11, column: 11), SourceLocation(file: "config/main.yaml", line: 15, column: 11)]

    static func document(_ statements: [JSONValue]) -> JSONValue {
        .object([("Version", .string("2012-10-17")), ("Statement", .array(statements))])
    }

    static let declared: DeclaredPolicies = {
        var user = User(name: "carol")
        user.inlinePolicies = [InlinePolicy(name: "reports", document: PolicySource(document: document([allow, deny]), statementLocations: locations))]
        var account = Account(name: "lab", id: "111111111111")
        account.users = [user]
        return DeclaredPolicies(configuration: Configuration(accounts: [account]))
    }()

    static let place = DeclaredPolicies.Place(account: "111111111111", kind: .userInline, owner: "carol", name: "reports")

    @Test func anUnchangedDocumentIsLocated() {
        // Key order and a lone Action string versus a list do not matter: the canonical forms compare.
        let stored: JSONValue = .object([
            ("Statement", .array([
                .object([("Resource", .string("*")), ("Action", .array([.string("s3:GetObject")])), ("Effect", .string("Allow"))]), Self.deny,
            ])),
            ("Version", .string("2012-10-17")),
        ])
        #expect(Self.declared.located(PolicySource(document: stored), at: Self.place).statementLocations == Self.locations)
    }

    @Test(arguments: [
        document([allow]), document([deny, allow]),
        document([allow, .object([("Effect", .string("Deny")), ("Action", .string("s3:*")), ("Resource", .string("*"))])]),
    ])
    func aChangedDocumentIsNot(_ stored: JSONValue) {
        #expect(Self.declared.located(PolicySource(document: stored), at: Self.place).statementLocations.isEmpty)
    }

    @Test func anotherPlaceIsNot() {
        let stored = PolicySource(document: Self.document([Self.allow, Self.deny]))
        for place in [
            DeclaredPolicies.Place(account: "222222222222", kind: .userInline, owner: "carol", name: "reports"),
            DeclaredPolicies.Place(account: "111111111111", kind: .groupInline, owner: "carol", name: "reports"),
            DeclaredPolicies.Place(account: "111111111111", kind: .userInline, owner: "dave", name: "reports"),
            DeclaredPolicies.Place(account: "111111111111", kind: .userInline, owner: "carol", name: "other"),
        ] {
            #expect(Self.declared.located(stored, at: place).statementLocations.isEmpty, "\(place)")
        }
    }
}
