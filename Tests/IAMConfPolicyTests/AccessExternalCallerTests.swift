import Foundation
import IAMConfCore
import IAMConfPolicy
import Testing

/// Callers outside IAM: only the role's trust policy can let a service or an identity provider in.
@Suite struct AccessExternalCallerTests {
    static let oidcTrust = #"""
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
          "Principal":{"Federated":"arn:aws:iam::333333333333:oidc-provider/token.actions.githubusercontent.com"},
          "Action":"sts:AssumeRoleWithWebIdentity",
          "Condition":{"StringLike":{"token.actions.githubusercontent.com:sub":"repo:acme/site:*"}}}]}
        """#

    static func configuration() -> Configuration {
        var account = Account(name: "ci", id: "333333333333")
        account.identityProviders = [IdentityProvider(
            name: "github", kind: .oidc(url: "https://token.actions.githubusercontent.com", clientIDs: ["sts.amazonaws.com"], thumbprints: []))]
        var deploy = Role(name: "Deploy", trustPolicy: AccessFixtures.document(oidcTrust, file: "ci.yaml", line: 20))
        deploy.inlinePolicies = [InlinePolicy(name: "Site", document: AccessFixtures.document(AccessFixtures.allow("s3:PutObject", "*")))]
        let web = Role(name: "Web", trustPolicy: AccessFixtures.document(
            #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#))
        account.roles = [deploy, web]
        return Configuration(accounts: [account])
    }

    @Test func aServiceMayAssumeARoleThatTrustsIt() throws {
        let analyzer = AccessFixtures.analyzer(Self.configuration())
        let web = "arn:aws:iam::333333333333:role/Web"
        let allowed = try analyzer.answer(AccessQuestion(principal: "ec2.amazonaws.com", action: "sts:AssumeRole", resource: web))
        #expect(allowed.isAllowed)
        #expect(allowed.steps[0].hasIdentitySide == false)
        #expect(AccessFixtures.value(allowed.steps[0], "aws:PrincipalServiceName") == ["ec2.amazonaws.com"])
        #expect(AccessFixtures.value(allowed.steps[0], "aws:PrincipalArn") == nil)
        let refused = try analyzer.answer(AccessQuestion(
            principal: "lambda.amazonaws.com", action: "sts:AssumeRole", resource: web))
        #expect(refused.outcome == .implicitDeny)
        #expect(refused.steps[0].refusedBy == [.resourcePolicy])
        #expect(!refused.text().contains("identity side"))
    }

    @Test func aWebIdentityProviderAssumesWithWebIdentityWhenTheTokenMatches() throws {
        let analyzer = AccessFixtures.analyzer(Self.configuration())
        var question = AccessQuestion(
            principal: "ci.identity_provider.github", assume: ["ci.role.Deploy"], action: "s3:PutObject",
            resource: "arn:aws:s3:::site/index.html")
        let missing = try analyzer.answer(question)
        #expect(missing.steps.count == 1)
        #expect(missing.steps[0].action == "sts:AssumeRoleWithWebIdentity")
        #expect(missing.steps[0].missingContextKeys == ["token.actions.githubusercontent.com:sub"])
        question.context = ["token.actions.githubusercontent.com:sub": ["repo:acme/site:ref:refs/heads/main"]]
        let answer = try analyzer.answer(question)
        #expect(answer.isAllowed)
        #expect(answer.steps[1].callerARN == "arn:aws:sts::333333333333:assumed-role/Deploy/iamconf-check")
        #expect(answer.steps[0].reasons.map(\.text) == ["ci.role.Deploy trust policy statement 0 at ci.yaml:20"])
    }

    @Test func anUnknownProviderIsNamed() {
        #expect(throws: AccessError("unknown-identity-provider", "account ci has no identity_provider named 'gitlab'", hint: "did you mean ci.identity_provider.github?")) {
            try AccessFixtures.analyzer(Self.configuration()).answer(
                AccessQuestion(principal: "ci.identity_provider.gitlab", action: "s3:GetObject", resource: "*"))
        }
    }
}
