import Foundation
import IAMConfCore
@testable import IAMConfPolicy
import Testing

/// who-can: every principal that may perform a request, directly or through role chains, decided
/// by the engine hop by hop.
@Suite struct WhoCanTests {
    static let bucketObject = "arn:aws:s3:::c-data/report.csv"

    /// alice (account A) -> role Hop (account B, trusts A with MFA) -> role Data (account C,
    /// trusts Hop) -> s3:GetObject on C's bucket.
    static func twoHops(aliceStatements: [String]? = nil, aliceBoundary: PolicyAttachment? = nil, extraAccounts: [Account] = []) -> [Account] {
        var a = Account(name: "a", id: "111111111111")
        var alice = User(name: "alice")
        alice.inlinePolicies = [ReachFixtures.inline(
            "Hop", aliceStatements ?? [ReachFixtures.allow(["sts:AssumeRole"], "arn:aws:iam::222222222222:role/Hop")], file: "a.yaml", line: 5)]
        alice.permissionsBoundary = aliceBoundary
        a.users = [alice]
        var b = Account(name: "b", id: "222222222222")
        b.roles = [ReachFixtures.role(
            "Hop", trust: [ReachFixtures.trust(aws: "arn:aws:iam::111111111111:root", condition: ReachFixtures.mfa)],
            inline: [ReachFixtures.inline("Next", [ReachFixtures.allow(["sts:AssumeRole"], "arn:aws:iam::333333333333:role/Data")], file: "b.yaml", line: 20)],
            file: "b.yaml", line: 8)]
        var c = Account(name: "c", id: "333333333333")
        c.roles = [ReachFixtures.role(
            "Data", trust: [ReachFixtures.trust(aws: "arn:aws:iam::222222222222:role/Hop")],
            inline: [ReachFixtures.inline("Read", [ReachFixtures.allow(["s3:GetObject"], "arn:aws:s3:::c-data/*")], file: "c.yaml", line: 30)],
            file: "c.yaml", line: 12)]
        c.buckets = [Bucket(name: "c-data")]
        return [a, b, c] + extraAccounts
    }

    @Test func twoHopCrossAccountChainWithMFA() throws {
        let answer = try ReachFixtures.graph(Self.twoHops()).whoCan(action: "s3:GetObject", resource: Self.bucketObject)
        let alice = try #require(answer.callers.first { $0.principal.name == "a.user.alice" })
        #expect(alice.hops.map(\.to.name) == ["b.role.Hop", "c.role.Data"])
        #expect(alice.hops.map(\.action) == ["sts:AssumeRole", "sts:AssumeRole"])
        #expect(alice.conditions.map(\.text) == ["aws:MultiFactorAuthPresent is true"])
        #expect(alice.hops[0].conditions == [.multiFactorAuthentication])
        #expect(alice.hops[1].conditions.isEmpty)
        #expect(alice.actor.name == "c.role.Data")
        // Each hop names the statements that allow it, where they are written.
        #expect(alice.hops[0].reasons.map(\.text) == [
            "a.user.alice.inline[Hop] statement 0 at a.yaml:5", "b.role.Hop trust policy statement 0 at b.yaml:8",
        ])
        #expect(alice.request.reasons.map(\.text) == ["c.role.Data.inline[Read] statement 0 at c.yaml:30"])
        // The roles themselves and the bucket owner's root answer too, directly.
        let names = answer.callers.map(\.principal.name)
        #expect(names.contains("b.role.Hop"))
        #expect(names.contains("c.role.Data"))
        #expect(names.contains("c.root"))
        #expect(answer.callers.first { $0.principal.name == "b.role.Hop" }?.hops.map(\.to.name) == ["c.role.Data"])
        #expect(answer.text().contains(
            "a.user.alice (user) through b.role.Hop -> c.role.Data when aws:MultiFactorAuthPresent is true\n"
                + "  1. a.user.alice assumes b.role.Hop (sts:AssumeRole) when aws:MultiFactorAuthPresent is true\n"))
    }

    @Test func anExplicitDenyOnTheFirstHopRemovesThePrincipal() throws {
        let statements = [
            ReachFixtures.allow(["sts:AssumeRole"], "arn:aws:iam::222222222222:role/Hop"),
            ReachFixtures.deny(["sts:AssumeRole"], "*"),
        ]
        let answer = try ReachFixtures.graph(Self.twoHops(aliceStatements: statements)).whoCan(action: "s3:GetObject", resource: Self.bucketObject)
        #expect(!answer.callers.map(\.principal.name).contains("a.user.alice"))
        #expect(answer.callers.map(\.principal.name).contains("b.role.Hop"))
    }

    @Test func aPermissionsBoundaryWithoutAssumeRoleRemovesThePrincipal() throws {
        var a = Account(name: "a", id: "111111111111")
        a.policies = [ManagedPolicy(name: "OnlyS3", document: ReachFixtures.policy([ReachFixtures.allow(["s3:*"], "*")]))]
        let boundary = PolicyAttachment(arn: "arn:aws:iam::111111111111:policy/OnlyS3", name: "OnlyS3", isAWSManaged: false)
        var accounts = Self.twoHops(aliceBoundary: boundary)
        accounts[0].policies = a.policies
        let answer = try ReachFixtures.graph(accounts).whoCan(action: "s3:GetObject", resource: Self.bucketObject)
        #expect(!answer.callers.map(\.principal.name).contains("a.user.alice"))
        // Without the boundary she is there (the same configuration otherwise).
        let open = try ReachFixtures.graph(Self.twoHops()).whoCan(action: "s3:GetObject", resource: Self.bucketObject)
        #expect(open.callers.map(\.principal.name).contains("a.user.alice"))
    }

    @Test func cyclesInTheTrustGraphAreWalkedOnce() throws {
        var account = Account(name: "loop", id: "444444444444")
        let assumeAny = ReachFixtures.inline("Assume", [ReachFixtures.allow(["sts:AssumeRole"], "*")])
        var ping = ReachFixtures.role("Ping", trust: [ReachFixtures.trust(aws: "arn:aws:iam::444444444444:role/Pong")], inline: [assumeAny])
        ping.inlinePolicies.append(ReachFixtures.inline("Read", [ReachFixtures.allow(["s3:GetObject"], "*")], line: 40))
        let pong = ReachFixtures.role("Pong", trust: [ReachFixtures.trust(aws: "arn:aws:iam::444444444444:role/Ping")], inline: [assumeAny])
        let pang = ReachFixtures.role("Pang", trust: [ReachFixtures.trust(aws: "arn:aws:iam::444444444444:role/Pong")], inline: [assumeAny])
        account.roles = [ping, pong, pang]
        let graph = ReachFixtures.graph([account])
        #expect(Set(graph.edges.map { "\($0.from.name)>\($0.to.name)" }) == ["loop.role.Pong>loop.role.Ping", "loop.role.Ping>loop.role.Pong", "loop.role.Pong>loop.role.Pang"])
        let answer = try graph.whoCan(action: "s3:GetObject", resource: "arn:aws:s3:::any/thing")
        let names = answer.callers.map(\.principal.name)
        #expect(names.filter { $0 == "loop.role.Pong" }.count == 1)
        #expect(answer.callers.first { $0.principal.name == "loop.role.Pong" }?.hops.map(\.to.name) == ["loop.role.Ping"])
        // Pang is trusted by Pong but no one reaches Ping through it: it is no answer.
        #expect(!names.contains("loop.role.Pang"))
    }

    @Test func anExternalIdConditionIsShownNotDropped() throws {
        var accounts = Self.twoHops()
        accounts[1].roles[0].trustPolicy = ReachFixtures.policy(
            [ReachFixtures.trust(aws: "arn:aws:iam::111111111111:root", condition: #"{"StringEquals":{"sts:ExternalId":"partner-7"}}"#)],
            file: "b.yaml", line: 8)
        let answer = try ReachFixtures.graph(accounts).whoCan(action: "s3:GetObject", resource: Self.bucketObject)
        let alice = try #require(answer.callers.first { $0.principal.name == "a.user.alice" })
        #expect(alice.conditions.map(\.text) == [#"sts:ExternalId StringEquals "partner-7""#])
        #expect(alice.conditions.first?.statement?.text == "b.role.Hop trust policy statement 0 at b.yaml:8")
    }

    @Test func aConditionOnWhatIamconfKnowsBlocksInsteadOfBeingShown() throws {
        // alice's own tag decides: she has none, so the statement never applies to her.
        let tagged = ReachFixtures.allow(
            ["sts:AssumeRole"], "arn:aws:iam::222222222222:role/Hop", condition: #"{"StringEquals":{"aws:PrincipalTag/team":"ops"}}"#)
        let answer = try ReachFixtures.graph(Self.twoHops(aliceStatements: [tagged])).whoCan(action: "s3:GetObject", resource: Self.bucketObject)
        #expect(!answer.callers.map(\.principal.name).contains("a.user.alice"))
    }

    @Test func anIdentityProviderReachesThroughAssumeRoleWithWebIdentityAndItsTokenConditions() throws {
        let configuration = AccessExternalCallerTests.configuration()
        let graph = TrustGraph(analyzer: AccessAnalyzer(configuration: configuration, now: ReachFixtures.now))
        let answer = try graph.whoCan(action: "s3:PutObject", resource: "arn:aws:s3:::site/index.html")
        let provider = try #require(
            answer.callers.first { $0.principal.arn == "arn:aws:iam::333333333333:oidc-provider/token.actions.githubusercontent.com" },
            "\(answer.callers.map(\.principal.name))")
        #expect(provider.principal.kind == .identityProvider)
        #expect(provider.hops.map(\.to.name) == ["ci.role.Deploy"])
        #expect(provider.hops.map(\.action) == ["sts:AssumeRoleWithWebIdentity"])
        // The token's claims are the caller's to present: shown as what it needs, with the statement.
        let texts = provider.conditions.map(\.text)
        #expect(texts.contains { $0.contains("token.actions.githubusercontent.com:sub") && $0.contains("repo:acme/site:*") }, "\(texts)")
        #expect(provider.conditions.first?.statement?.text == "ci.role.Deploy trust policy statement 0 at ci.yaml:20")
        // The trust graph has the provider -> role edge, and nothing reaches Web but EC2.
        #expect(graph.edges.contains { $0.from.kind == .identityProvider && $0.to.name == "ci.role.Deploy" })
        #expect(!graph.edges.contains { $0.from.kind == .identityProvider && $0.to.name == "ci.role.Web" })
    }

    @Test func servicesAndOutsideAccountsNamedInTrustPoliciesAreAnswers() throws {
        var accounts = Self.twoHops()
        accounts[2].roles[0].trustPolicy = ReachFixtures.policy([
            ReachFixtures.trust(service: "lambda.amazonaws.com"), ReachFixtures.trust(aws: "arn:aws:iam::999999999999:root"),
        ])
        let answer = try ReachFixtures.graph(accounts).whoCan(action: "s3:GetObject", resource: Self.bucketObject)
        let lambda = try #require(answer.callers.first { $0.principal.name == "lambda.amazonaws.com" })
        #expect(lambda.principal.kind == .service)
        #expect(lambda.conditions.isEmpty)
        let outside = try #require(answer.callers.first { $0.principal.name == "arn:aws:iam::999999999999:root" })
        #expect(outside.principal.kind == .externalAccount)
        #expect(outside.conditions.map(\.text) == ["the identity policies of account 999999999999 (outside the configuration) allow it"])
    }

    @Test(arguments: [
        ("s3:GetObjekt x", "arn:aws:s3:::b/k", "invalid-action"),
        ("s3", "arn:aws:s3:::b/k", "invalid-action"),
        ("s3:GetObject", "bucket/key", "invalid-arn"),
        // The action catalog: a misspelt action is refused as check refuses it, with did-you-mean.
        ("s3:GetObjekt", "arn:aws:s3:::b/k", "policy-action-unknown"),
    ])
    func malformedQuestionsAreErrorsWithAHint(action: String, resource: String, code: String) throws {
        #expect {
            try ReachFixtures.graph(Self.twoHops()).whoCan(action: action, resource: resource)
        } throws: { error in
            (error as? AccessError)?.code == code && (error as? AccessError)?.hint != nil
        }
    }
}
