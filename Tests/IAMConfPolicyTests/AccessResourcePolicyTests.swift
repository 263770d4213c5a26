import Foundation
import IAMConfCore
import IAMConfPolicy
import Testing

/// Bucket policies: within one account either side may allow; across accounts both must.
@Suite struct AccessResourcePolicyTests {
    static func bucketPolicy(principal: String) -> String {
        #"{"Version":"2012-10-17","Statement":[{"Sid":"Readers","Effect":"Allow","Principal":{"AWS":"\#(principal)"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::shared-reports/*"}]}"#
    }

    /// The walkthrough configuration with the bucket (in `owner`) carrying a policy for alice.
    static func configuration(bucketIn owner: String, aliceMayRead: Bool) -> Configuration {
        var configuration = AccessFixtures.crossAccount()
        for index in configuration.accounts.indices { configuration.accounts[index].buckets = [] }
        var bucket = Bucket(name: "shared-reports")
        bucket.policy = AccessFixtures.document(bucketPolicy(principal: AccessFixtures.aliceARN), file: "bucket.yaml", line: 40)
        let ownerIndex = configuration.accounts.firstIndex { $0.name == owner } ?? 0
        configuration.accounts[ownerIndex].buckets = [bucket]
        if aliceMayRead, let source = configuration.accounts.firstIndex(where: { $0.name == "source" }) {
            configuration.accounts[source].users[0].inlinePolicies = [
                InlinePolicy(name: "Read", document: AccessFixtures.document(AccessFixtures.allow("s3:GetObject", "*"), file: "source.yaml", line: 30))]
        }
        return configuration
    }

    static let read = AccessQuestion(principal: "source.user.alice", action: "s3:GetObject", resource: "arn:aws:s3:::shared-reports/q1.csv")

    @Test func sameAccountBucketPolicyNamingTheUserAllowsOnItsOwn() throws {
        let answer = try AccessFixtures.analyzer(Self.configuration(bucketIn: "source", aliceMayRead: false)).answer(Self.read)
        #expect(answer.isAllowed)
        let reason = try #require(answer.steps.first?.reasons.first)
        #expect(reason.policyName == "bucket shared-reports policy")
        #expect(reason.sid == "Readers")
        #expect(reason.text == "bucket shared-reports policy statement 0 (Sid Readers) at bucket.yaml:40")
    }

    @Test func crossAccountBucketPolicyNeedsTheIdentitySideToo() throws {
        let denied = try AccessFixtures.analyzer(Self.configuration(bucketIn: "target", aliceMayRead: false)).answer(Self.read)
        #expect(denied.outcome == .implicitDeny)
        let step = try #require(denied.steps.first)
        #expect(step.resourceAccount == "111111111111")
        #expect(step.refusedBy == [.identity])
        #expect(step.resourceSide?.isAllowed == true)
        let allowed = try AccessFixtures.analyzer(Self.configuration(bucketIn: "target", aliceMayRead: true)).answer(Self.read)
        #expect(allowed.isAllowed)
        #expect(Set(allowed.steps[0].reasons.map(\.policyName)) == ["source.user.alice.inline[Read]", "bucket shared-reports policy"])
    }

    @Test func crossAccountWithoutABucketPolicyTheResourceSideRefuses() throws {
        var configuration = Self.configuration(bucketIn: "target", aliceMayRead: true)
        configuration.accounts[0].buckets[0].policy = nil
        let answer = try AccessFixtures.analyzer(configuration).answer(Self.read)
        #expect(answer.outcome == .implicitDeny)
        #expect(answer.steps.first?.refusedBy == [.resourcePolicy])
        #expect(answer.text().contains("no resource-based policy of account 111111111111 allows it"))
    }

    @Test func explicitDenyInTheBucketPolicyWinsAndIsNamed() throws {
        var configuration = Self.configuration(bucketIn: "source", aliceMayRead: true)
        let deny = #"{"Version":"2012-10-17","Statement":[{"Sid":"NoOne","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::shared-reports/*"}]}"#
        configuration.accounts[1].buckets[0].policy = AccessFixtures.document(deny, file: "bucket.yaml", line: 50)
        let answer = try AccessFixtures.analyzer(configuration).answer(Self.read)
        #expect(answer.outcome == .explicitDeny)
        #expect(answer.headline == "DENIED (explicit deny)")
        #expect(answer.steps[0].refusedBy == [.resourcePolicy])
        #expect(answer.steps[0].reasons.map(\.text) == ["bucket shared-reports policy statement 0 (Sid NoOne) at bucket.yaml:50"])
    }

    @Test func aBucketOutsideTheConfigurationIsNoted() throws {
        let answer = try AccessFixtures.analyzer(AccessFixtures.crossAccount()).answer(
            AccessQuestion(principal: "source.user.alice", action: "s3:GetObject", resource: "arn:aws:s3:::elsewhere/x"))
        #expect(!answer.isAllowed)
        #expect(answer.notes == ["bucket elsewhere is not in the configuration: evaluated as the caller's own, without a bucket policy"])
    }

    @Test func permissionsBoundaryAndGroupPoliciesTakePart() throws {
        var configuration = AccessFixtures.crossAccount()
        var group = Group(name: "devs")
        group.inlinePolicies = [InlinePolicy(name: "Ec2", document: AccessFixtures.document(AccessFixtures.allow("ec2:*", "*"), file: "groups.yaml", line: 3))]
        configuration.accounts[1].groups = [group]
        configuration.accounts[1].users[0].groups = ["devs"]
        let question = AccessQuestion(principal: "source.user.alice", action: "ec2:RunInstances", resource: "*")
        let allowed = try AccessFixtures.analyzer(configuration).answer(question)
        #expect(allowed.isAllowed)
        #expect(allowed.steps[0].reasons.map(\.text) == ["source.group.devs.inline[Ec2] statement 0 at groups.yaml:3"])
        configuration.accounts[1].users[0].permissionsBoundary = PolicyAttachment(
            arn: "arn:aws:iam::aws:policy/AmazonS3FullAccess", name: "AmazonS3FullAccess", isAWSManaged: true)
        let bounded = try AccessFixtures.analyzer(configuration).answer(question)
        #expect(bounded.outcome == .implicitDeny)
        #expect(bounded.steps[0].isAllowedByPermissionsBoundary == false)
        #expect(bounded.steps[0].refusedBy == [.identity])
        #expect(bounded.steps[0].identitySide.reasons.map(\.text) == ["source.group.devs.inline[Ec2] statement 0 at groups.yaml:3"])
        #expect(bounded.text().contains("the identity policies below allow it, but the permissions boundary does not"))
        #expect(bounded.text().contains("the permissions boundary (AWS managed AmazonS3FullAccess) does not allow ec2:RunInstances"))
    }
}
