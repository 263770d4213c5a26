import Foundation
import IAMConfCore
@testable import IAMConfSimulator
import Testing

/// The world file gives the same bytes through `JSONByteWriter` as through the simulator's own
/// writer it replaced; the expected text was captured from that writer (commit b9247b4).
@Suite struct WorldFileCompatibilityTests {
    static let expected = #"""
        {"format":"iamconf-simulator","version":1,"world":{"accounts":{"111111111111":{"alias":"acme","buckets":{},"groups":{},"id":"111111111111","instanceProfiles":{},"oidcProviders":{},"policies":{},"roles":{},"samlProviders":{},"users":{"alice":{"accessKeys":[],"arn":"arn:aws:iam::111111111111:user/alice","attachedPolicies":[],"createDate":788918400.25,"groups":[],"inlinePolicies":{"p":"{\"escapes\":\"quote \\\" backslash \\\\ slash / tab\\t newline\\n return\\r backspace\\b formfeed\\f bell\\u0007 unit\\u001f nul\\u0000\",\"unicode\":\"ünïcödé ✓ 日本 🎉\",\"key \\\"with\\\" \\\\ escapes\\n\":\"\",\"numbers\":[0,-0,1.50,1e+10,-12E-3,0.000001,123456789012345678901234567890,3600],\"flags\":[true,false,null],\"empty\":{\"object\":{},\"array\":[],\"string\":\"\"},\"zebra\":\"last written, first sorted after \\\"nested\\\"\",\"nested\":{\"d7\":[{\"d5\":[{\"d3\":[{\"d1\":[{\"bottom\":[]},0]},2]},4]},6]}}"},"name":"alice","path":"/","tags":[{"key":"quote \" back \\","value":"tab\t nl\n cr\r ctl\u0001\u001f ünï ✓ 🎉"}],"uniqueID":"AIDAX"}}}}}}
        """#

    static func trickyWorld() -> World {
        var account = World.Account(id: "111111111111")
        account.alias = "acme"
        var user = World.User(
            name: "alice", path: "/", arn: "arn:aws:iam::111111111111:user/alice", uniqueID: "AIDAX",
            createDate: Date(timeIntervalSinceReferenceDate: 788_918_400.25))
        user.tags = [StoredTag(key: "quote \" back \\", value: "tab\t nl\n cr\r ctl\u{01}\u{1F} ünï ✓ 🎉")]
        // A policy document's compact text, itself full of escapes.
        user.inlinePolicies = ["p": #"{"escapes":"quote \" backslash \\ slash / tab\t newline\n return\r backspace\b formfeed\f bell\u0007 unit\u001f nul\u0000","unicode":"ünïcödé ✓ 日本 🎉","key \"with\" \\ escapes\n":"","numbers":[0,-0,1.50,1e+10,-12E-3,0.000001,123456789012345678901234567890,3600],"flags":[true,false,null],"empty":{"object":{},"array":[],"string":""},"zebra":"last written, first sorted after \"nested\"","nested":{"d7":[{"d5":[{"d3":[{"d1":[{"bottom":[]},0]},2]},4]},6]}}"#]
        account.users["alice"] = user
        return World(accounts: ["111111111111": account])
    }

    @Test func aTrickyWorldWritesTheSameBytes() throws {
        let bytes = WorldStore.encode(Self.trickyWorld())
        #expect(bytes == Array(Self.expected.utf8))
        struct Envelope: Decodable { var world: World }
        #expect(try JSONDecoder().decode(Envelope.self, from: Data(bytes)).world == Self.trickyWorld())
    }

    /// The one spelling that changed: backspace and form feed now take JSON's short escapes, as
    /// the state file always wrote them (the world writer wrote `\u0008`, `\u000c`). IAM's input
    /// patterns admit neither character in anything the world stores, and JSONDecoder reads both forms.
    @Test func backspaceAndFormFeedTakeTheShortEscapes() throws {
        var world = Self.trickyWorld()
        world.accounts["111111111111"]?.alias = "a\u{08}b\u{0C}c"
        let text = String(decoding: WorldStore.encode(world), as: UTF8.self)
        #expect(text.contains(#""alias":"a\bb\fc""#))
        struct Envelope: Decodable { var world: World }
        #expect(try JSONDecoder().decode(Envelope.self, from: Data(text.utf8)).world == world)
    }
}
