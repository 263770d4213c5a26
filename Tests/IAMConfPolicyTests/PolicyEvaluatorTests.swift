import IAMConfCore
@testable import IAMConfPolicy
import Testing

/// The engine API as the integrator uses it: compile documents once, build `AccessRequest`s.
@Suite struct PolicyEvaluatorTests {
    static func compile(_ text: String, kind: PolicyKind = .identity, id: String) throws -> CompiledPolicy {
        let (policy, diagnostics) = CompiledPolicy.compile(try JSONParser.parse(text), kind: kind, id: id)
        #expect(!diagnostics.contains { $0.severity == .error })
        return try #require(policy)
    }

    static let alice = Principal(kind: .user, arn: "arn:aws:iam::111122223333:user/alice", account: "111122223333")
    static let allowS3 = #"{"Version":"2012-10-17","Statement":[{"Sid":"S3","Effect":"Allow","Action":"s3:*","Resource":"*"}]}"#
    static let allowAll = #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}"#

    @Test func decisionNamesTheCallersPolicyIDAndSid() throws {
        let policy = try Self.compile(Self.allowS3, id: "alice/inline/S3")
        let decision = PolicyEvaluator.evaluate(AccessRequest(
            principal: Self.alice, action: "s3:GetObject", resource: "arn:aws:s3:::b/k", identityPolicies: [policy]))
        #expect(decision.outcome == .allowed)
        #expect(decision.isAllowed)
        #expect(decision.matchedStatements == [MatchedStatement(policyID: "alice/inline/S3", policyType: .identity, statementIndex: 0, sid: "S3", effect: .allow)])
        #expect(decision.allowedByPermissionsBoundary == nil)
        #expect(decision.allowedByOrganizations == nil)
    }

    @Test func allMatchedStatementsKeepOverriddenAllows() throws {
        let policy = try Self.compile(#"{"Version":"2012-10-17","Statement":[{"Sid":"A","Effect":"Allow","Action":"*","Resource":"*"},{"Sid":"D","Effect":"Deny","Action":"s3:*","Resource":"*"}]}"#, id: "p")
        let decision = PolicyEvaluator.evaluate(AccessRequest(principal: Self.alice, action: "s3:GetObject", resource: "*", identityPolicies: [policy]))
        #expect(decision.outcome == .explicitDeny)
        #expect(decision.matchedStatements.map(\.sid) == ["D"])
        #expect(decision.allMatchedStatements.map(\.sid) == ["D", "A"])
        #expect(decision.description == "explicitDeny by p Statement[1] (Sid D)")
        let none = PolicyEvaluator.evaluate(AccessRequest(principal: Self.alice, action: "iam:GetUser", resource: "*", identityPolicies: []))
        #expect(none.description == "implicitDeny: no statement allows it")
    }

    @Test func everySCPLevelMustAllow() throws {
        let identity = try Self.compile(Self.allowAll, id: "id")
        let root = try Self.compile(Self.allowAll, kind: .scp, id: "root")
        let ou = try Self.compile(Self.allowS3, kind: .scp, id: "ou")
        func decide(_ action: String) -> Decision {
            PolicyEvaluator.evaluate(AccessRequest(
                principal: Self.alice, action: action, resource: "*", identityPolicies: [identity],
                serviceControlPolicies: [[root], [ou]]))
        }
        #expect(decide("s3:GetObject").outcome == .allowed)
        #expect(decide("ec2:RunInstances").outcome == .implicitDeny)
        #expect(decide("ec2:RunInstances").allowedByOrganizations == false)
    }

    @Test func servicePrincipalsIgnoreIdentityPoliciesAndSCPs() throws {
        let trust = try Self.compile(#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}}"#, kind: .trust, id: "trust")
        let scp = try Self.compile(#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}"#, kind: .scp, id: "scp")
        let request = AccessRequest(
            principal: Principal(kind: .service, arn: "ec2.amazonaws.com"), action: "sts:AssumeRole",
            resource: "arn:aws:iam::111122223333:role/Web", resourceAccount: "111122223333",
            serviceControlPolicies: [[scp]], resourcePolicy: trust)
        #expect(trust.isTrustPolicy)
        #expect(PolicyEvaluator.evaluate(request).outcome == .allowed)
    }

    @Test func evaluationIsRepeatableAndPure() throws {
        let policy = try Self.compile(#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/${aws:username}/*"}}"#, id: "p")
        var context = RequestContext()
        context.set("AWS:UserName", ["alice"])
        let request = AccessRequest(principal: Self.alice, action: "s3:getobject", resource: "arn:aws:s3:::b/alice/x", context: context, identityPolicies: [policy])
        let first = PolicyEvaluator.evaluate(request)
        #expect(first.outcome == .allowed)
        #expect((0..<100).allSatisfy { _ in PolicyEvaluator.evaluate(request) == first })
    }

    @Test(arguments: [
        ("arn:aws:iam::111122223333:user/dev/alice", Principal.Kind.user, "111122223333" as String?, nil as String?),
        ("arn:aws:sts::111122223333:assumed-role/App/s1", .roleSession, "111122223333", "arn:aws:iam::111122223333:role/App"),
        ("arn:aws:iam::111122223333:root", .root, "111122223333", nil),
        ("ec2.amazonaws.com", .service, nil, nil),
        ("cognito-identity.amazonaws.com", .federated, nil, nil),
        ("arn:aws:iam::111122223333:saml-provider/corp", .federated, "111122223333", nil),
        ("arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com", .federated, "111122223333", nil),
    ])
    func principalsAreRecognisedFromTheirARN(_ text: String, _ kind: Principal.Kind, _ account: String?, _ role: String?) throws {
        let principal = try #require(Principal.parse(text))
        #expect(principal.kind == kind)
        #expect(principal.account == account)
        #expect(principal.roleARN == role)
    }

    @Test func sessionOfARoleDropsThePath() throws {
        let session = try #require(Principal.session(ofRole: "arn:aws:iam::111122223333:role/service/App", sessionName: "check"))
        #expect(session == Principal(
            kind: .roleSession, arn: "arn:aws:sts::111122223333:assumed-role/App/check", account: "111122223333",
            roleARN: "arn:aws:iam::111122223333:role/service/App"))
        #expect(Principal.session(ofRole: "arn:aws:iam::111122223333:user/App", sessionName: "s") == nil)
    }

    @Test func principalParsingRejectsNonsense() {
        #expect(Principal.parse("alice") == nil)
        #expect(Principal.parse("arn:aws:s3:::bucket") == nil)
        #expect(Principal.parse("arn:aws:sts::111122223333:assumed-role/") == nil)
    }

    @Test(arguments: [
        ("203.0.113.0/24", "203.0.113.255", true), ("203.0.113.0/24", "203.0.112.255", false),
        ("10.0.0.0/8", "10.255.0.1", true), ("0.0.0.0/0", "1.2.3.4", true), ("1.2.3.4/32", "1.2.3.5", false),
        ("2001:db8::/32", "2001:db8:ffff::1", true), ("2001:db8::/32", "2001:db9::1", false),
        ("::/0", "::1", true), ("2001:db8::1/128", "2001:DB8:0:0:0:0:0:1", true),
        ("2001:db8:1:2:3:4:5:0/127", "2001:db8:1:2:3:4:5:1", true), ("::ffff:192.0.2.0/120", "::ffff:192.0.2.9", true),
        ("2001:db8::/32", "203.0.113.1", false),
    ])
    func ipRanges(_ range: String, _ address: String, _ contains: Bool) throws {
        let block = try #require(IPRange(range))
        let ip = try #require(IPRange(address))
        #expect(block.contains(ip) == contains)
    }

    @Test(arguments: ["1.2.3", "256.1.1.1", "1.2.3.4/33", "2001:db8::1::2", "2001:db8::/x", "", "1:2:3:4:5:6:7:8:9"])
    func invalidIPs(_ text: String) {
        #expect(IPRange(text) == nil)
    }

    @Test(arguments: [
        ("1970-01-01T00:00:00Z", 0.0), ("2026-11-29T12:00:00Z", 1_795_953_600), ("2026-11-29", 1_795_910_400),
        ("2026-11-29T13:00:00+01:00", 1_795_953_600), ("2026-11-29T11:30:00-0030", 1_795_953_600),
        ("1795953600", 1_795_953_600), ("2026-11-29T12:00:00.5Z", 1_795_953_600.5), ("2000-02-29T00:00:00Z", 951_782_400),
    ])
    func dates(_ text: String, _ epoch: Double) {
        #expect(DateValue.parse(text) == epoch)
    }

    @Test(arguments: ["yesterday", "2026-13-01", "2026-11-29T25:00:00Z", "2026-11-29T12:00:00Q", ""])
    func invalidDates(_ text: String) {
        #expect(DateValue.parse(text) == nil)
    }

    @Test(arguments: [
        ("*", "anything", true), ("a*c", "abbbc", true), ("a*c", "abbbd", false), ("a?c", "abc", true),
        ("a?c", "ac", false), ("*a*b*", "xxaxxbxx", true), ("*a*b*", "xxbxxaxx", false), ("", "", true), ("a", "", false),
    ])
    func globs(_ pattern: String, _ text: String, _ matches: Bool) {
        #expect(text.withUTF8Bytes { Glob(pattern, caseInsensitive: false).matches($0) } == matches)
    }
}
