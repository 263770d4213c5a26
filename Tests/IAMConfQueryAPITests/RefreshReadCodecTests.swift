import Foundation
import IAMConfBackend
import IAMConfCore
import IAMConfEngine
import IAMConfQueryAPI
import Testing

/// The refresh reads on the wire: parameter names from the IAM API reference, exact bodies, and
/// the S3 REST form of the two bucket reads.
@Suite struct RefreshReadCodecTests {
    static let parameters: [(IAMRequest, [QueryParameter])] = [
        (.getLoginProfile(userName: "alice"), [QueryParameter("UserName", "alice")]),
        (.listAccessKeys(userName: "alice"), [QueryParameter("UserName", "alice")]),
        (.listGroupsForUser(userName: "alice"), [QueryParameter("UserName", "alice")]),
        (.listAttachedUserPolicies(userName: "alice"), [QueryParameter("UserName", "alice")]),
        (.listAttachedGroupPolicies(groupName: "devs"), [QueryParameter("GroupName", "devs")]),
        (.listAttachedRolePolicies(roleName: "app"), [QueryParameter("RoleName", "app")]),
        (.getUserPolicy(userName: "alice", policyName: "p"), [QueryParameter("UserName", "alice"), QueryParameter("PolicyName", "p")]),
        (.getGroupPolicy(groupName: "devs", policyName: "p"), [QueryParameter("GroupName", "devs"), QueryParameter("PolicyName", "p")]),
        (.getRolePolicy(roleName: "app", policyName: "p"), [QueryParameter("RoleName", "app"), QueryParameter("PolicyName", "p")]),
        (.getInstanceProfile(name: "web"), [QueryParameter("InstanceProfileName", "web")]),
        (
            .getOpenIDConnectProvider(arn: "arn:aws:iam::123456789012:oidc-provider/example.com/x"),
            [QueryParameter("OpenIDConnectProviderArn", "arn:aws:iam::123456789012:oidc-provider/example.com/x")]
        ),
        (
            .getSAMLProvider(arn: "arn:aws:iam::123456789012:saml-provider/corp"),
            [QueryParameter("SAMLProviderArn", "arn:aws:iam::123456789012:saml-provider/corp")]
        ),
        (
            .getPolicyVersion(policyARN: "arn:aws:iam::aws:policy/ReadOnlyAccess", versionID: "v7"),
            [QueryParameter("PolicyArn", "arn:aws:iam::aws:policy/ReadOnlyAccess"), QueryParameter("VersionId", "v7")]
        ),
        (.getAccountPasswordPolicy, []),
        (.listAccountAliases, []),
    ]

    @Test("read parameters", arguments: parameters)
    func readParameters(_ request: IAMRequest, _ expected: [QueryParameter]) throws {
        let call = try request.queryCall()
        #expect(call.service == .iam)
        #expect(call.action == request.actionName)
        #expect(call.parameters == expected)
    }

    @Test func readBodiesAreFormEncoded() throws {
        let version = try IAMRequest.getPolicyVersion(policyARN: "arn:aws:iam::123456789012:policy/a+b/p", versionID: "v1").queryCall()
        #expect(version.formBody == "Action=GetPolicyVersion&Version=2010-05-08&PolicyArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Apolicy%2Fa%2Bb%2Fp&VersionId=v1")
        #expect(try IAMRequest.getAccountPasswordPolicy.queryCall().formBody == "Action=GetAccountPasswordPolicy&Version=2010-05-08")
        let inline = try IAMRequest.getUserPolicy(userName: "a.b@c", policyName: "p q").queryCall()
        #expect(inline.formBody == "Action=GetUserPolicy&Version=2010-05-08&UserName=a.b%40c&PolicyName=p+q")
    }

    @Test func bucketReadsAreS3RestCalls() throws {
        let head = try #require(IAMRequest.headBucket(name: "shared-reports").restCall(region: "us-east-1"))
        #expect(head.method == "HEAD" && head.path == "/shared-reports" && head.query.isEmpty && head.body.isEmpty)
        #expect(head.action == "HeadBucket")
        // The SHA-256 of no bytes, which S3 requires as x-amz-content-sha256 of a bodiless request.
        #expect(head.payloadHash == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        let policy = try #require(IAMRequest.getBucketPolicy(bucket: "shared-reports").restCall(region: "eu-west-1"))
        #expect(policy.method == "GET" && policy.path == "/shared-reports" && policy.query == [QueryParameter("policy", "")])
        #expect(policy.body.isEmpty)
    }

    @Test("bucket reads have no Query form", arguments: [IAMRequest.headBucket(name: "b"), .getBucketPolicy(bucket: "b")])
    func bucketReadsUnsupportedAsQuery(_ request: IAMRequest) {
        #expect(throws: BackendError(.unsupported, "the endpoint does not support \(request.actionName)")) { try request.queryCall() }
    }
}
