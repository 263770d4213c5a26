import Foundation
import IAMConfCore
import IAMConfPolicy
import Testing

/// Role chains: every hop needs the caller's identity side and the role's trust policy.
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html
@Suite struct AccessChainTests {
    static let putObject = AccessQuestion(
        principal: "source.user.alice", assume: ["target.role.S3Access"], action: "s3:PutObject",
        resource: "arn:aws:s3:::shared-reports/report.csv", isMFAAuthenticated: true)

    @Test func walkthroughAllowsPutObjectAfterAssumingTheRole() throws {
        let answer = try AccessFixtures.analyzer(AccessFixtures.crossAccount()).answer(Self.putObject)
        #expect(answer.outcome == .allowed)
        #expect(answer.headline == "ALLOWED")
        #expect(answer.steps.map(\.kind) == [.assumeRole, .request])
        let hop = answer.steps[0]
        #expect(hop.resource == AccessFixtures.roleARN)
        #expect(hop.resourcePolicyName == "target.role.S3Access trust policy")
        let hopPolicies = hop.reasons.map(\.policyName)
        #expect(hopPolicies.contains("source.policy.AssumeS3Access"))
        #expect(hopPolicies.contains("target.role.S3Access trust policy"))
        let identityReason = try #require(hop.identitySide.reasons.first)
        #expect(identityReason.location == SourceLocation(file: "source.yaml", line: 12, column: 15))
        #expect(identityReason.text == "source.policy.AssumeS3Access statement 0 at source.yaml:12")
        let final = answer.steps[1]
        #expect(final.reasons.map(\.policyName) == ["AWS managed AmazonS3FullAccess"])
        #expect(final.reasons.first?.location == nil)
    }

    @Test func walkthroughDeniesRunInstancesInTheRoleSession() throws {
        var question = Self.putObject
        question.action = "ec2:RunInstances"
        question.resource = "*"
        let answer = try AccessFixtures.analyzer(AccessFixtures.crossAccount()).answer(question)
        #expect(answer.outcome == .implicitDeny)
        #expect(answer.headline == "DENIED (implicit deny: no policy allows ec2:RunInstances on *)")
        #expect(answer.steps.count == 2)
        #expect(answer.steps[1].refusedBy == [.identity])
    }

    @Test func withoutTheAssumePolicyTheIdentitySideRefusesTheHop() throws {
        let answer = try AccessFixtures.analyzer(AccessFixtures.crossAccount(withAssumePolicy: false)).answer(Self.putObject)
        #expect(answer.outcome == .implicitDeny)
        #expect(answer.steps.count == 1)
        let hop = answer.steps[0]
        #expect(hop.kind == .assumeRole)
        #expect(hop.refusedBy == [.identity])
        #expect(hop.identitySide.isAllowed == false)
        #expect(hop.resourceSide?.isAllowed == true)
        #expect(answer.headline == "DENIED (implicit deny: no policy allows sts:AssumeRole on \(AccessFixtures.roleARN))")
        #expect(answer.text().contains("refused by the identity side of source.user.alice"))
    }

    @Test func withoutMFATheTrustPolicyRefusesAndNamesTheMissingKey() throws {
        var question = Self.putObject
        question.isMFAAuthenticated = false
        let answer = try AccessFixtures.analyzer(AccessFixtures.crossAccount()).answer(question)
        let hop = try #require(answer.steps.first)
        #expect(answer.steps.count == 1)
        #expect(hop.refusedBy == [.resourcePolicy])
        #expect(hop.identitySide.isAllowed)
        #expect(hop.missingContextKeys == ["aws:MultiFactorAuthPresent"])
        #expect(hop.resourceSide?.unmetConditions.map(\.text) == ["target.role.S3Access trust policy statement 0 at target.yaml:14"])
        #expect(answer.text().contains("refused by target.role.S3Access trust policy"))
        #expect(answer.text().contains("    target.role.S3Access trust policy: refuses (a Condition is not met)\n"
            + "      - target.role.S3Access trust policy statement 0 at target.yaml:14 would allow, but its Condition is not met\n"))
    }

    @Test func givenMFAContextSatisfiesTheTrustPolicyAsTheExampleExpectationDoes() throws {
        var question = Self.putObject
        question.isMFAAuthenticated = false
        question.context = ["aws:MultiFactorAuthPresent": ["true"]]
        #expect(try AccessFixtures.analyzer(AccessFixtures.crossAccount()).answer(question).isAllowed)
    }

    @Test func crossAccountTrustNamingTheUserStillNeedsTheIdentitySide() throws {
        let trust = AccessFixtures.trust(AccessFixtures.aliceARN)
        let without = AccessFixtures.crossAccount(withAssumePolicy: false, trustPolicy: trust)
        let denied = try AccessFixtures.analyzer(without).answer(Self.putObject)
        #expect(denied.outcome == .implicitDeny)
        #expect(denied.steps.first?.refusedBy == [.identity])
        let with = AccessFixtures.crossAccount(withAssumePolicy: true, trustPolicy: trust)
        #expect(try AccessFixtures.analyzer(with).answer(Self.putObject).isAllowed)
    }

    /// Within one account, a trust policy naming the user allows on its own; naming the account
    /// delegates to the user's identity policies; naming neither refuses even an administrator.
    @Test(arguments: [
        (trustsUser: true, identityAllows: false, expected: true),
        (trustsUser: false, identityAllows: false, expected: false),
        (trustsUser: false, identityAllows: true, expected: true),
    ])
    func sameAccountTrust(trustsUser: Bool, identityAllows: Bool, expected: Bool) throws {
        let configuration = Self.sameAccount(trustsUser: trustsUser, identityAllows: identityAllows, trustsAnyone: true)
        let answer = try AccessFixtures.analyzer(configuration).answer(
            AccessQuestion(principal: "solo.user.bob", assume: ["solo.role.Ops"], action: "iam:ListRoles", resource: "*"))
        #expect(answer.isAllowed == expected)
    }

    @Test func sameAccountAdministratorCannotAssumeARoleWhoseTrustPolicyNamesSomeoneElse() throws {
        let configuration = Self.sameAccount(trustsUser: false, identityAllows: true, trustsAnyone: false)
        let answer = try AccessFixtures.analyzer(configuration).answer(
            AccessQuestion(principal: "solo.user.bob", assume: ["solo.role.Ops"], action: "iam:ListRoles", resource: "*"))
        #expect(answer.outcome == .implicitDeny)
        #expect(answer.steps.first?.refusedBy == [.resourcePolicy])
    }

    @Test func chainOfTwoRolesCarriesMFAAndStopsAtTheFirstRefusal() throws {
        var configuration = Self.sameAccount(trustsUser: true, identityAllows: false, trustsAnyone: true)
        var second = Role(name: "Deep", trustPolicy: AccessFixtures.document(
            AccessFixtures.trust("arn:aws:iam::333333333333:role/Ops", mfa: true)))
        second.inlinePolicies = [InlinePolicy(name: "All", document: AccessFixtures.document(AccessFixtures.allow("*", "*")))]
        configuration.accounts[0].roles.append(second)
        configuration.accounts[0].roles[0].inlinePolicies = [
            InlinePolicy(name: "Hop", document: AccessFixtures.document(AccessFixtures.allow("sts:AssumeRole", "*")))]
        let question = AccessQuestion(principal: "solo.user.bob", assume: ["solo.role.Ops", "solo.role.Deep"], action: "ec2:RunInstances", resource: "*")
        let withoutMFA = try AccessFixtures.analyzer(configuration).answer(question)
        #expect(withoutMFA.steps.count == 2)
        #expect(withoutMFA.steps[1].refusedBy == [.resourcePolicy])
        var withMFA = question
        withMFA.isMFAAuthenticated = true
        let answer = try AccessFixtures.analyzer(configuration).answer(withMFA)
        #expect(answer.isAllowed)
        #expect(answer.steps.map(\.callerARN).last == "arn:aws:sts::333333333333:assumed-role/Deep/bob")
        #expect(answer.steps.last?.reasons.first?.policyName == "solo.role.Deep.inline[All]")
    }

    /// Account `solo` (333333333333): user bob and role Ops.
    static func sameAccount(trustsUser: Bool, identityAllows: Bool, trustsAnyone: Bool) -> Configuration {
        var account = Account(name: "solo", id: "333333333333")
        var bob = User(name: "bob")
        if identityAllows {
            bob.inlinePolicies = [InlinePolicy(name: "Admin", document: AccessFixtures.document(AccessFixtures.allow("*", "*")))]
        }
        account.users = [bob]
        let principal = trustsUser ? "arn:aws:iam::333333333333:user/bob"
            : (trustsAnyone ? "arn:aws:iam::333333333333:root" : "arn:aws:iam::444444444444:root")
        var role = Role(name: "Ops", trustPolicy: AccessFixtures.document(AccessFixtures.trust(principal)))
        role.policies = [PolicyAttachment(arn: "arn:aws:iam::aws:policy/IAMReadOnlyAccess", name: "IAMReadOnlyAccess", isAWSManaged: true)]
        account.roles = [role]
        return Configuration(accounts: [account])
    }
}
