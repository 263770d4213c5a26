import IAMConfCore
import Testing

@Suite("Addresses")
struct AddressTests {
    static let printed = [
        "target.role.S3Access",
        "source.user.alice",
        "source.user.alice.group[developers]",
        "target.role.S3Access.policy[AmazonS3FullAccess]",
        "source.user.alice.inline[AllowAssume]",
        "source.user.alice.login_profile",
        "source.user.alice.access_key[1]",
        "source.user.first.last@example.com.group[ops]",
        "target.bucket.shared-reports.policy",
        "target.bucket.logs.example.com",
        "target.instance_profile.web.role[WebServer]",
        "target.alias",
        "target.password_policy",
        "target.policy.path.with.dots",
    ]

    @Test("the printed form parses back to the same address", arguments: printed)
    func roundTrip(text: String) throws {
        let address = try #require(Address(parsing: text))
        #expect(address.description == text)
    }

    @Test("parts and keys are recognised")
    func parts() throws {
        let login = try #require(Address(parsing: "source.user.alice.login_profile"))
        #expect(login.name == "alice" && login.sub == "login_profile" && login.key == nil)
        #expect(login.owner == Address(account: "source", kind: .user, name: "alice"))
        let membership = try #require(Address(parsing: "source.user.a.b.group[x.y]"))
        #expect(membership.name == "a.b" && membership.sub == "group" && membership.key == "x.y")
        let dotted = try #require(Address(parsing: "target.bucket.logs.example.com"))
        #expect(dotted.name == "logs.example.com" && dotted.sub == nil)
    }

    @Test("text that is not an address", arguments: [
        "", "target", ".user.x", "target..x", "target.user.x.[k]",
        // Kinds are a closed set: a misspelt or invented one is not an address.
        "target.users.alice", "target.widget.x", "target.User.alice", "target.access_key.alice",
    ])
    func rejected(text: String) {
        #expect(Address(parsing: text) == nil)
    }

    @Test("every kind prints and parses back as itself")
    func kindsRoundTrip() {
        for kind in Address.Kind.allCases {
            let address = Address(account: "a", kind: kind, name: "n")
            #expect(Address(parsing: address.description) == address)
            #expect(address.description == "a.\(kind.rawValue).n")
        }
    }
}
