import Foundation
import IAMConfCore
import IAMConfQueryAPI
import Testing

@testable import IAMConfServer

/// AssumeRole's limits on session policies and tags: the parameter constraints (ValidationError)
/// and the packed size (PackedPolicyTooLarge, PackedPolicySize).
/// https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html
@Suite struct SessionLimitsTests {
    static let smallPolicy = #"{"Version":"2012-10-17","Statement":[{"Sid":"Stmt1","Effect":"Allow","Action":"s3:ListAllMyBuckets","Resource":"*"}]}"#

    /// 24 statements, 1,982 characters.
    static let largePolicy: String = {
        let statements = (0..<24).map { i in
            #"{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket-\#(i < 10 ? "0" : "")\#(i)/*"}"#
        }
        return #"{"Version":"2012-10-17","Statement":["# + statements.joined(separator: ",") + "]}"
    }()

    /// 50 tags whose values are 64 distinct hex digits each (like hashes or ids).
    static let manyTags: [IAMConfCore.Tag] = (0..<50).map { i in
        var generator = SplitMix(seed: UInt64(i))
        let value = String((0..<64).map { _ in Array("0123456789abcdef")[Int(generator.next() % 16)] })
        return IAMConfCore.Tag(key: "attribute-\(i)", value: value)
    }

    @Test func ordinarySessionsTakeLittleSpace() {
        let size = PackedSessionSize(policy: Self.smallPolicy, policyARNs: [], tags: [IAMConfCore.Tag(key: "Project", value: "Pegasus"), IAMConfCore.Tag(key: "Cost-Center", value: "98765")])
        #expect((1...10).contains(size.percent), "\(size)")
        #expect(size.refusal == nil)
        let arns = PackedSessionSize(policy: nil, policyARNs: ["arn:aws:iam::aws:policy/ReadOnlyAccess"], tags: [])
        #expect((1...5).contains(arns.percent), "\(arns)")
    }

    @Test func whitespaceOutsideStringsDoesNotCount() {
        let pretty = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [ { \"Sid\": \"Stmt1\", \"Effect\": \"Allow\",\n"
            + "    \"Action\": \"s3:ListAllMyBuckets\", \"Resource\": \"*\" } ]\n}"
        #expect(PackedSessionSize.minified(pretty) == Self.smallPolicy)
        #expect(PackedSessionSize.minified(#"{"a": "x y\" z"}"#) == #"{"a":"x y\" z"}"#)
    }

    @Test func aLargePolicyFitsAloneButNotWithFiftyLongTags() {
        #expect(Self.largePolicy.count == 1982)
        let alone = PackedSessionSize(policy: Self.largePolicy, policyARNs: [], tags: [])
        #expect(alone.percent < 100, "\(alone)")
        let withTags = PackedSessionSize(policy: Self.largePolicy, policyARNs: [], tags: Self.manyTags)
        #expect(withTags.percent > 100, "\(withTags)")
        let message = withTags.refusal?.message
        #expect(message == "Packed size of session tags consumes \(PackedSessionSize.percent(withTags.tagBytes))% of allotted space.")
        // A policy that does not compress (distinct resources) fills the space by itself.
        let distinct = (0..<30).map { i in "arn:aws:s3:::\(Self.manyTags[i].value.prefix(40))/*" }
        let policy = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":["# + distinct.map { "\"\($0)\"" }.joined(separator: ",") + "]}]}"
        let heavy = PackedSessionSize(policy: policy, policyARNs: [], tags: Array(Self.manyTags.suffix(20)))
        #expect(heavy.refusal?.message.hasPrefix("Packed policy consumes ") == true, "\(heavy)")
        #expect(heavy.refusal?.code == "PackedPolicyTooLarge")
    }

    @Test func packingHandlesTheEdges() {
        #expect(PackedSessionSize.packedLength([]) == 0)
        #expect(PackedSessionSize.packedLength(Array("ab".utf8)) == 2)
        #expect(PackedSessionSize.packedLength(Array(repeating: 65, count: 1000)) < 30)
    }

    static func assume(_ extra: [(String, String)], as credentials: AWSCredentials) -> ServerRequest {
        LabFixture.query(
            "sts",
            [("Action", "AssumeRole"), ("Version", "2011-06-15"), ("RoleArn", "arn:aws:iam::111111111111:role/S3Reader"), ("RoleSessionName", "alice")]
                + extra, as: credentials)
    }

    @Test func assumeRoleAnswersThePackedSizeWhenPoliciesOrTagsArePassed() async throws {
        let lab = try await LabFixture.make()
        let plain = await lab.server.handle(Self.assume([], as: lab.alice))
        #expect(plain.status == 200, "\(plain.bodyText)")
        #expect(!plain.bodyText.contains("PackedPolicySize"))
        let limited = await lab.server.handle(Self.assume([("Policy", Self.smallPolicy)], as: lab.alice))
        #expect(limited.status == 200, "\(limited.bodyText)")
        let size = WireElement.parse(Data(limited.body))?.first("PackedPolicySize")?.text
        #expect(size.flatMap(Int.init).map { (1...10).contains($0) } == true, "\(limited.bodyText)")
        // AWS's element order: Credentials, AssumedRoleUser, PackedPolicySize.
        #expect(limited.bodyText.contains("</AssumedRoleUser><PackedPolicySize>"), "\(limited.bodyText)")
    }

    @Test(arguments: [
        ("Tags.member.1.Key", "cost#center", "Value 'cost#center' at 'tags.1.member.key' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+"),
        ("Tags.member.1.Value", "a<b", "Value 'a<b' at 'tags.1.member.value' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*"),
    ])
    func tagCharactersAreChecked(member: String, text: String, message: String) async throws {
        let lab = try await LabFixture.make()
        var tag = [("Tags.member.1.Key", "team"), ("Tags.member.1.Value", "data")]
        tag = tag.map { $0.0 == member ? ($0.0, text) : $0 }
        let refused = await lab.server.handle(Self.assume(tag, as: lab.alice))
        #expect(refused.status == 400)
        #expect(LabFixture.error(refused)?.code == "ValidationError")
        #expect(LabFixture.error(refused)?.message == "1 validation error detected: \(message)")
    }

    @Test func lettersNumbersAndSpacesOfAnyScriptAreGoodTagText() {
        #expect(SessionTags.isTagText("Équipe données 42 _.:/=+-@"))
        #expect(SessionTags.isTagText("チーム"))
        #expect(!SessionTags.isTagText("a;b"))
        #expect(!SessionTags.isTagText("tab\there"))
    }

    @Test func tooLargeAndTooLongAreRefused() async throws {
        let lab = try await LabFixture.make()
        var tags: [(String, String)] = []
        for (index, tag) in Self.manyTags.enumerated() {
            tags += [("Tags.member.\(index + 1).Key", tag.key), ("Tags.member.\(index + 1).Value", tag.value)]
        }
        let tooLarge = await lab.server.handle(Self.assume([("Policy", Self.largePolicy)] + tags, as: lab.alice))
        #expect(tooLarge.status == 400)
        #expect(LabFixture.error(tooLarge)?.code == "PackedPolicyTooLarge", "\(tooLarge.bodyText)")
        let tooLong = await lab.server.handle(Self.assume([("Policy", Self.largePolicy + String(repeating: " ", count: 100))], as: lab.alice))
        #expect(LabFixture.error(tooLong)?.code == "ValidationError", "\(tooLong.bodyText)")
        #expect(LabFixture.error(tooLong)?.message.contains("Member must have length less than or equal to 2048") == true)
    }
}

/// A small deterministic generator for test data.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
