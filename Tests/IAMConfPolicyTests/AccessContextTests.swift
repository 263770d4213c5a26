import Foundation
import IAMConfCore
import IAMConfPolicy
import Testing

/// The request context iamconf builds, key by key, as AWS's global condition keys page describes.
@Suite struct AccessContextTests {
    let analyzer = AccessFixtures.analyzer(AccessFixtures.crossAccount())

    @Test func userContextHasPrincipalKeysAndNoMFAKeysForLongTermCredentials() throws {
        let answer = try analyzer.answer(AccessQuestion(principal: "source.user.alice", action: "iam:GetUser", resource: "*"))
        let step = try #require(answer.steps.first)
        #expect(AccessFixtures.value(step, "aws:username") == ["alice"])
        #expect(AccessFixtures.value(step, "aws:PrincipalArn") == [AccessFixtures.aliceARN])
        #expect(AccessFixtures.value(step, "aws:PrincipalAccount") == ["222222222222"])
        #expect(AccessFixtures.value(step, "aws:PrincipalType") == ["User"])
        #expect(AccessFixtures.value(step, "aws:PrincipalTag/team") == ["data"])
        #expect(AccessFixtures.value(step, "aws:CurrentTime") == ["2026-01-02T03:04:05Z"])
        #expect(AccessFixtures.value(step, "aws:EpochTime") == ["1767323045"])
        #expect(AccessFixtures.value(step, "aws:SecureTransport") == ["true"])
        #expect(AccessFixtures.value(step, "aws:RequestedRegion") == ["us-east-1"])
        let userID = try #require(AccessFixtures.value(step, "aws:userid")?.first)
        #expect(userID.hasPrefix("AIDA") && userID.count == 21)
        #expect(AccessFixtures.value(step, "aws:MultiFactorAuthPresent") == nil)
        #expect(AccessFixtures.value(step, "aws:MultiFactorAuthAge") == nil)
    }

    @Test func mfaSetsPresentAndAge() throws {
        let answer = try analyzer.answer(AccessQuestion(
            principal: "source.user.alice", action: "iam:GetUser", resource: "*", isMFAAuthenticated: true))
        let step = try #require(answer.steps.first)
        #expect(AccessFixtures.value(step, "aws:MultiFactorAuthPresent") == ["true"])
        #expect(AccessFixtures.value(step, "aws:MultiFactorAuthAge") == ["0"])
    }

    @Test func roleSessionContextUsesTheRoleARNAndCarriesMFA() throws {
        let answer = try analyzer.answer(AccessQuestion(
            principal: "source.user.alice", assume: ["target.role.S3Access"], action: "s3:GetObject",
            resource: "arn:aws:s3:::shared-reports/a.csv", isMFAAuthenticated: true))
        #expect(answer.steps.count == 2)
        let hop = answer.steps[0]
        #expect(AccessFixtures.value(hop, "sts:RoleSessionName") == ["alice"])
        let step = answer.steps[1]
        #expect(step.callerARN == "arn:aws:sts::111111111111:assumed-role/S3Access/alice")
        #expect(AccessFixtures.value(step, "aws:PrincipalArn") == [AccessFixtures.roleARN])
        #expect(AccessFixtures.value(step, "aws:PrincipalType") == ["AssumedRole"])
        #expect(AccessFixtures.value(step, "aws:PrincipalAccount") == ["111111111111"])
        #expect(AccessFixtures.value(step, "aws:username") == nil)
        #expect(AccessFixtures.value(step, "aws:MultiFactorAuthPresent") == ["true"])
        #expect(AccessFixtures.value(step, "aws:ResourceAccount") == ["111111111111"])
        let userID = try #require(AccessFixtures.value(step, "aws:userid")?.first)
        #expect(userID.hasPrefix("AROA") && userID.hasSuffix(":alice"))
    }

    @Test func roleSessionWithoutMFASaysFalse() throws {
        let answer = try analyzer.answer(AccessQuestion(principal: "target.role.S3Access", action: "s3:ListBucket", resource: "arn:aws:s3:::shared-reports"))
        let step = try #require(answer.steps.first)
        #expect(step.callerARN == "arn:aws:sts::111111111111:assumed-role/S3Access/iamconf-check")
        #expect(AccessFixtures.value(step, "aws:MultiFactorAuthPresent") == ["false"])
        #expect(answer.isAllowed)
    }

    @Test func givenContextReplacesBuiltKeysAndAddsNewOnes() throws {
        let answer = try analyzer.answer(AccessQuestion(
            principal: "source.user.alice", action: "iam:GetUser", resource: "*",
            context: ["aws:RequestedRegion": ["eu-west-1"], "aws:SourceIp": ["203.0.113.7", "198.51.100.1"]]))
        let step = try #require(answer.steps.first)
        #expect(AccessFixtures.value(step, "aws:RequestedRegion") == ["eu-west-1"])
        #expect(AccessFixtures.value(step, "aws:SourceIp") == ["203.0.113.7", "198.51.100.1"])
    }

    @Test func appliedIDsAreUsedWhenKnown() throws {
        let analyzer = AccessAnalyzer(
            configuration: AccessFixtures.crossAccount(), now: AccessFixtures.now,
            principalIDs: [AccessFixtures.aliceARN: "AIDAEXAMPLEEXAMPLE01"])
        let answer = try analyzer.answer(AccessQuestion(principal: AccessFixtures.aliceARN, action: "iam:GetUser", resource: "*"))
        #expect(AccessFixtures.value(try #require(answer.steps.first), "aws:userid") == ["AIDAEXAMPLEEXAMPLE01"])
        #expect(answer.steps.first?.callerName == "source.user.alice")
    }
}
