import Foundation
import IAMConfBackend
import IAMConfCore
import IAMConfEngine
import IAMConfQueryAPI
import Testing

@Suite struct QueryCodecTests {
    @Test func percentEncodingKeepsOnlyUnreserved() {
        #expect(PercentEncoding.encode("a b+c/d=e&f~g_h.i-j") == "a%20b%2Bc%2Fd%3De%26f~g_h.i-j")
        #expect(PercentEncoding.encode("ሴ") == "%E1%88%B4")
        #expect(PercentEncoding.encode("/a b/", keepSlash: true) == "/a%20b/")
    }

    @Test func formEncodingWritesSpaceAsPlus() {
        #expect(PercentEncoding.formEncode("a b+c") == "a+b%2Bc")
    }

    @Test func percentDecodingLeavesPlusAndBrokenEscapes() {
        #expect(PercentEncoding.decode("a%20b+c") == "a b+c")
        #expect(PercentEncoding.decode("100%") == "100%")
        #expect(PercentEncoding.decode("%zz%4") == "%zz%4")
        #expect(PercentEncoding.decode("%E1%88%B4") == "ሴ")
    }

    @Test func createUserWithTagsAndBoundary() throws {
        let call = try IAMRequest.createUser(
            name: "alice", path: "/engineering/", tags: [Tag(key: "team", value: "platform"), Tag(key: "cost", value: "a b")],
            permissionsBoundary: "arn:aws:iam::aws:policy/PowerUserAccess"
        ).queryCall()
        #expect(call.service == .iam)
        #expect(
            call.formBody
                == "Action=CreateUser&Version=2010-05-08&UserName=alice&Path=%2Fengineering%2F"
                + "&PermissionsBoundary=arn%3Aaws%3Aiam%3A%3Aaws%3Apolicy%2FPowerUserAccess"
                + "&Tags.member.1.Key=team&Tags.member.1.Value=platform&Tags.member.2.Key=cost&Tags.member.2.Value=a+b")
    }

    @Test func oidcProviderListsAreNumberedFromOne() throws {
        let call = try IAMRequest.createOpenIDConnectProvider(
            url: "https://token.actions.githubusercontent.com", clientIDs: ["sts.amazonaws.com", "x"],
            thumbprints: ["6938fd4d98bab03faadb97b34396831e3780aea1"], tags: []
        ).queryCall()
        #expect(
            call.parameters == [
                QueryParameter("Url", "https://token.actions.githubusercontent.com"),
                QueryParameter("ClientIDList.member.1", "sts.amazonaws.com"), QueryParameter("ClientIDList.member.2", "x"),
                QueryParameter("ThumbprintList.member.1", "6938fd4d98bab03faadb97b34396831e3780aea1"),
            ])
    }

    @Test func policyDocumentIsEncodedWholly() throws {
        let document = #"{"Statement":[{"Resource":"arn:aws:s3:::b/100%+x"}]}"#
        let call = try IAMRequest.putRolePolicy(roleName: "r", policyName: "p", document: document).queryCall()
        #expect(call.formBody.hasSuffix("PolicyDocument=%7B%22Statement%22%3A%5B%7B%22Resource%22%3A%22arn%3Aaws%3As3%3A%3A%3Ab%2F100%25%2Bx%22%7D%5D%7D"))
    }

    @Test func booleansAndOptionalsFollowTheAPI() throws {
        let version = try IAMRequest.createPolicyVersion(policyARN: "arn:p", document: "{}", setAsDefault: true).queryCall()
        #expect(version.parameters.last == QueryParameter("SetAsDefault", "true"))
        let role = try IAMRequest.updateRole(name: "r", description: nil, maxSessionDuration: 7200).queryCall()
        #expect(role.parameters == [QueryParameter("RoleName", "r"), QueryParameter("MaxSessionDuration", "7200")])
        var policy = PasswordPolicy()
        policy.minimumPasswordLength = 14
        policy.hardExpiry = false
        let account = try IAMRequest.updateAccountPasswordPolicy(policy).queryCall()
        #expect(account.parameters == [QueryParameter("MinimumPasswordLength", "14"), QueryParameter("HardExpiry", "false")])
    }

    @Test func untagUsesTagKeysList() throws {
        let call = try IAMRequest.untagRole(name: "r", keys: ["a", "b"]).queryCall()
        #expect(call.parameters == [QueryParameter("RoleName", "r"), QueryParameter("TagKeys.member.1", "a"), QueryParameter("TagKeys.member.2", "b")])
    }

    @Test func loginProfileGetsAGeneratedPassword() throws {
        let call = try IAMRequest.createLoginProfile(userName: "alice", passwordResetRequired: true).queryCall()
        let password = try #require(call.generatedPassword)
        #expect(password.count == 24)
        #expect(password.contains { $0.isUppercase } && password.contains { $0.isLowercase } && password.contains { $0.isNumber })
        #expect(call.parameters.contains(QueryParameter("Password", password)))
        #expect(call.parameters.last == QueryParameter("PasswordResetRequired", "true"))
    }

    /// UpdateLoginProfile sends Password only to set a new one, which the response then carries.
    @Test func updateLoginProfileSendsAPasswordOnlyWhenAskedFor() throws {
        let repair = try IAMRequest.updateLoginProfile(userName: "alice", passwordResetRequired: true, newPassword: true).queryCall()
        let password = try #require(repair.generatedPassword)
        #expect(password.count == 24)
        #expect(repair.parameters == [
            QueryParameter("UserName", "alice"), QueryParameter("Password", password), QueryParameter("PasswordResetRequired", "true"),
        ])
        let root = try #require(WireElement.parse(Data("<UpdateLoginProfileResponse/>".utf8)))
        #expect(IAMResponseDecoder.decode(root, for: .updateLoginProfile(userName: "alice", passwordResetRequired: true, newPassword: true),
            password: repair.generatedPassword).password == password)
        let flagOnly = try IAMRequest.updateLoginProfile(userName: "alice", passwordResetRequired: false, newPassword: false).queryCall()
        #expect(flagOnly.generatedPassword == nil)
        #expect(flagOnly.parameters == [QueryParameter("UserName", "alice"), QueryParameter("PasswordResetRequired", "false")])
    }

    @Test func bucketRequestsAreS3RestCalls() throws {
        let put = try #require(IAMRequest.putBucketPolicy(bucket: "b", document: "{}").restCall(region: "us-east-1"))
        #expect(put.method == "PUT" && put.path == "/b" && put.query == [QueryParameter("policy", "")] && put.body == Array("{}".utf8))
        #expect(put.payloadHash == "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a")
        let create = try #require(IAMRequest.createBucket(name: "b").restCall(region: "eu-west-1"))
        #expect(String(decoding: create.body, as: UTF8.self).contains("<LocationConstraint>eu-west-1</LocationConstraint>"))
        #expect(IAMRequest.createBucket(name: "b").restCall(region: "us-east-1")?.body.isEmpty == true)
        #expect(IAMRequest.getUser(name: "u").restCall(region: "us-east-1") == nil)
    }

    @Test("simulated S3 requests have no Query form", arguments: [
        IAMRequest.createBucket(name: "b"), .putBucketPolicy(bucket: "b", document: "{}"), .deleteBucketPolicy(bucket: "b"),
        .deleteBucket(name: "b"),
    ])
    func bucketsUnsupported(_ request: IAMRequest) {
        #expect(throws: BackendError.self) { try request.queryCall() }
        do { _ = try request.queryCall() } catch { #expect(error.code == .unsupported) }
    }

    @Test func actionNamesMatchTheAPI() throws {
        #expect(try IAMRequest.deleteAccountPasswordPolicy.queryCall().action == "DeleteAccountPasswordPolicy")
        #expect(try IAMRequest.createOpenIDConnectProvider(url: "u", clientIDs: [], thumbprints: [], tags: []).queryCall().action == "CreateOpenIDConnectProvider")
        #expect(try IAMRequest.createSAMLProvider(name: "n", metadataDocument: "m", tags: []).queryCall().action == "CreateSAMLProvider")
    }
}
