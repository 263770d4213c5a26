import IAMConfCore
import Testing

@Suite("ARNs")
struct ARNTests {
    @Test("the resource part keeps its colons and slashes")
    func parse() throws {
        let arn = try #require(ARN("arn:aws:sts::222222222222:assumed-role/S3Access/alice"))
        #expect(arn.service == "sts" && arn.region.isEmpty && arn.account == "222222222222")
        #expect(arn.resource == "assumed-role/S3Access/alice")
        let s3 = try #require(ARN("arn:aws:s3:::bucket/key:with:colons"))
        #expect(s3.resource == "bucket/key:with:colons" && s3.description == "arn:aws:s3:::bucket/key:with:colons")
    }

    @Test("IAM entity ARNs include the path")
    func iam() {
        #expect(ARN.iam(account: "111111111111", type: "role", path: "/ops/", name: "Admin").description == "arn:aws:iam::111111111111:role/ops/Admin")
        #expect(ARN.root(account: "111111111111").description == "arn:aws:iam::111111111111:root")
    }

    @Test("not an ARN", arguments: ["", "arn:aws", "aws:iam::1:root", "arn::iam::1:x", "arn:aws::::x"])
    func rejected(text: String) {
        #expect(ARN(text) == nil)
    }

    @Test("account ids are exactly twelve digits", arguments: [("111111111111", true), ("11111111111", false), ("1111111111111", false), ("11111111111a", false)])
    func accountIDs(text: String, valid: Bool) {
        #expect(AccountID.isValid(text) == valid)
    }
}
