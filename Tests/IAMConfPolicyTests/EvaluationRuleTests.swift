import IAMConfCore
@testable import IAMConfPolicy
import Testing

/// The rules AWS documents as exceptions (issue 14), with the rule each decision names.
@Suite struct EvaluationRuleTests {
    static let alice = Principal(kind: .user, arn: "arn:aws:iam::111122223333:user/alice", account: "111122223333")
    static let role = "arn:aws:iam::111122223333:role/Deploy"
    static let key = "arn:aws:kms:us-east-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"

    static func compile(_ text: String, kind: PolicyKind, id: String) throws -> CompiledPolicy {
        let (policy, diagnostics) = CompiledPolicy.compile(try JSONParser.parse(text), kind: kind, id: id)
        #expect(!diagnostics.contains { $0.severity == .error }, "\(diagnostics)")
        return try #require(policy)
    }

    static func identity(_ action: String, _ resource: String = "*") throws -> CompiledPolicy {
        try compile(#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"\#(action)","Resource":"\#(resource)"}}"#, kind: .identity, id: "id")
    }

    static func trust(naming principal: String) throws -> CompiledPolicy {
        try compile(#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"\#(principal)"},"Action":"sts:AssumeRole"}}"#, kind: .trust, id: "trust")
    }

    /// KMS's default key policy, with its first statement ("Enable IAM User Permissions") kept or left out.
    /// https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html
    static func keyPolicy(enablesIAMPolicies: Bool) throws -> CompiledPolicy {
        let root = #"{"Sid":"Enable IAM User Permissions","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"}"#
        let users = #"{"Sid":"Allow use of the key","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/ExampleRole"},"Action":["kms:Encrypt","kms:Decrypt"],"Resource":"*"}"#
        let statements = enablesIAMPolicies ? [root, users] : [users]
        return try compile(#"{"Version":"2012-10-17","Statement":[\#(statements.joined(separator: ","))]}"#, kind: .resource, id: "key policy")
    }

    @Test func trustPolicyNamingSomeoneElseRefusesWhatTheIdentityPolicyAllows() throws {
        let decision = PolicyEvaluator.evaluate(AccessRequest(
            principal: Self.alice, action: "sts:AssumeRole", resource: Self.role, identityPolicies: [try Self.identity("sts:AssumeRole")],
            resourcePolicy: try Self.trust(naming: "arn:aws:iam::111122223333:user/bob")))
        #expect(decision.outcome == .implicitDeny)
        #expect(decision.rule == .trustPolicyMustAllow)
        #expect(decision.description.hasPrefix("implicitDeny: a role trust policy must allow the principal explicitly"))
    }

    @Test func userNamedInTrustPolicyStillNeedsItsBoundary() throws {
        let trust = try Self.trust(naming: Self.alice.arn)
        func decide(boundary: String) throws -> Decision {
            PolicyEvaluator.evaluate(AccessRequest(
                principal: Self.alice, action: "sts:AssumeRole", resource: Self.role,
                permissionsBoundaries: [try Self.identity(boundary)], resourcePolicy: trust))
        }
        let refused = try decide(boundary: "s3:*")
        #expect(refused.outcome == .implicitDeny)
        #expect(refused.rule == .trustPolicyGrantLimitedByBoundary)
        #expect(refused.allowedByPermissionsBoundary == false)
        #expect(refused.description.contains("permissions boundary"))
        let allowed = try decide(boundary: "sts:AssumeRole")
        #expect(allowed.outcome == .allowed)
        #expect(allowed.rule == nil)
    }

    /// Bucket policies keep the general rule: a same-account grant to the user is not limited by the boundary.
    @Test func bucketPolicyNamingTheUserIsNotLimitedByTheBoundary() throws {
        let bucket = try Self.compile(
            #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:user/alice"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::reports/*"}}"#,
            kind: .resource, id: "bucket")
        let decision = PolicyEvaluator.evaluate(AccessRequest(
            principal: Self.alice, action: "s3:GetObject", resource: "arn:aws:s3:::reports/q1.csv",
            permissionsBoundaries: [try Self.identity("ec2:*")], resourcePolicy: bucket))
        #expect(decision.outcome == .allowed)
    }

    @Test func keyPolicyWithoutTheRootStatementMakesIAMPoliciesGrantNothing() throws {
        let identity = try Self.identity("kms:Decrypt", Self.key)
        func decide(enablesIAMPolicies: Bool) throws -> Decision {
            PolicyEvaluator.evaluate(AccessRequest(
                principal: Self.alice, action: "kms:Decrypt", resource: Self.key, identityPolicies: [identity],
                resourcePolicy: try Self.keyPolicy(enablesIAMPolicies: enablesIAMPolicies)))
        }
        let refused = try decide(enablesIAMPolicies: false)
        #expect(refused.outcome == .implicitDeny)
        #expect(refused.rule == .keyPolicyMustAllow)
        #expect(refused.description.contains("a KMS key policy must allow the principal or its account explicitly"))
        let allowed = try decide(enablesIAMPolicies: true)
        #expect(allowed.outcome == .allowed)
        #expect(allowed.matchedStatements.map(\.sid) == [nil, "Enable IAM User Permissions"])
    }

    @Test func keyPolicyRuleAppliesOnlyToKMSActions() throws {
        // The same document given as the resource policy of an S3 request is an ordinary resource policy.
        let decision = PolicyEvaluator.evaluate(AccessRequest(
            principal: Self.alice, action: "s3:GetObject", resource: "arn:aws:s3:::reports/q1.csv",
            identityPolicies: [try Self.identity("s3:GetObject")], resourcePolicy: try Self.keyPolicy(enablesIAMPolicies: false)))
        #expect(decision.outcome == .allowed)
        #expect(decision.rule == nil)
    }

    @Test func notPrincipalAccountExemptsTheAccountPrincipalOnly() throws {
        let deny = try Self.compile(
            #"{"Version":"2012-10-17","Statement":{"Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"s3:*","Resource":"*"}}"#,
            kind: .resource, id: "bucket")
        let identity = try Self.identity("s3:GetObject")
        let user = PolicyEvaluator.evaluate(AccessRequest(
            principal: Self.alice, action: "s3:GetObject", resource: "arn:aws:s3:::b/k", identityPolicies: [identity], resourcePolicy: deny))
        #expect(user.outcome == .explicitDeny)
        #expect(user.rule == .notPrincipalAccountExemptsOnlyTheAccount)
        #expect(user.description.hasSuffix("(NotPrincipal naming an account exempts only the account principal, not the users and roles in it)"))
        let root = Principal(kind: .root, arn: "arn:aws:iam::111122223333:root", account: "111122223333")
        let account = PolicyEvaluator.evaluate(AccessRequest(
            principal: root, action: "s3:GetObject", resource: "arn:aws:s3:::b/k", resourcePolicy: deny))
        #expect(account.outcome == .allowed)
    }

    @Test func notPrincipalDenyNamesTheBoundaryRule() throws {
        let deny = try Self.compile(
            #"{"Version":"2012-10-17","Statement":{"Effect":"Deny","NotPrincipal":{"AWS":["arn:aws:iam::111122223333:user/alice","arn:aws:iam::111122223333:root"]},"Action":"s3:*","Resource":"*"}}"#,
            kind: .resource, id: "bucket")
        let identity = try Self.identity("s3:GetObject")
        func decide(boundaries: [CompiledPolicy]) -> Decision {
            PolicyEvaluator.evaluate(AccessRequest(
                principal: Self.alice, action: "s3:GetObject", resource: "arn:aws:s3:::b/k", identityPolicies: [identity],
                permissionsBoundaries: boundaries, resourcePolicy: deny))
        }
        #expect(decide(boundaries: []).outcome == .allowed)
        let bounded = decide(boundaries: [identity])
        #expect(bounded.outcome == .explicitDeny)
        #expect(bounded.rule == .notPrincipalDeniesBoundedPrincipals)
    }

    @Test func everyRuleHasAnExplanationThatNamesItsPolicy() {
        for rule in DecisionRule.allCases {
            #expect(!rule.explanation.isEmpty)
        }
        #expect(DecisionRule.trustPolicyMustAllow.explanation.contains("role trust policy"))
        #expect(DecisionRule.keyPolicyMustAllow.explanation.contains("KMS key policy"))
    }
}

/// Resource patterns: a `*` ending a segment may expand across colons; one inside a segment may not.
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html
@Suite struct ResourcePatternTests {
    struct Example: Sendable, CustomTestStringConvertible {
        let pattern: String
        let resource: String
        let matches: Bool
        var testDescription: String { "\(pattern) \(matches ? "matches" : "does not match") \(resource)" }
    }

    static let examples: [Example] = [
        Example(pattern: "arn:aws:dynamodb:us-east-1:*", resource: "arn:aws:dynamodb:us-east-1:111122223333:table/Books", matches: true),
        Example(pattern: "arn:aws:dynamodb:us-east-1:*", resource: "arn:aws:dynamodb:us-west-2:111122223333:table/Books", matches: false),
        Example(pattern: "arn:aws:dynamodb:*", resource: "arn:aws:dynamodb:us-west-2:111122223333:table/Books", matches: true),
        Example(pattern: "arn:aws:dynamodb:*", resource: "arn:aws:s3:::reports", matches: false),
        Example(pattern: "arn:aws:lambda:us-*:function:hello", resource: "arn:aws:lambda:us-east-1:111122223333:function:hello", matches: true),
        Example(pattern: "arn:aws:lambda:us-*:function:hello", resource: "arn:aws:lambda:us-east-1:111122223333:function:hello2", matches: false),
        Example(pattern: "arn:aws:lambda:*:*:function:*", resource: "arn:aws:lambda:us-east-1:111122223333:function:hello:prod", matches: true),
        Example(pattern: "arn:aws:lambda:us-*-1:function:hello", resource: "arn:aws:lambda:us-east-1:111122223333:function:hello", matches: false),
        Example(pattern: "arn:aws:s3:::reports/*", resource: "arn:aws:s3:::reports/2026:q1.csv", matches: true),
        Example(pattern: "arn:aws:s3:::reports/*/q1.csv", resource: "arn:aws:s3:::reports/a:b/q1.csv", matches: true),
        Example(pattern: "arn:aws:ec2:us-east-1:111122223333:instance/*", resource: "arn:aws:ec2:us-east-1:444455556666:instance/i-1", matches: false),
        Example(pattern: "arn:aws:iam::111122223333:user/al?ce", resource: "arn:aws:iam::111122223333:user/alice", matches: true),
        Example(pattern: "arn:aws:dynamodb:us-east-1", resource: "arn:aws:dynamodb:us-east-1:111122223333:table/Books", matches: false),
    ]

    @Test(arguments: examples)
    func resourcePattern(_ example: Example) {
        let glob = Glob(example.pattern, caseInsensitive: false)
        let hit = example.resource.withUTF8Bytes { glob.matchesResource($0, colons: ARNColons($0)) }
        #expect(hit == example.matches)
    }

    /// ArnLike keeps matching each of the six parts on its own.
    /// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_ARN
    @Test func arnLikeConditionsDoNotExpandAcrossParts() {
        let glob = Glob("arn:aws:lambda:us-*:function:hello", caseInsensitive: false)
        let hit = "arn:aws:lambda:us-east-1:111122223333:function:hello".withUTF8Bytes { glob.matchesARN($0, colons: ARNColons($0)) }
        #expect(!hit)
    }
}

/// `check` names the rule that decided a hop.
@Suite struct AccessRuleExplanationTests {
    /// One account: bob, whose permissions boundary allows only S3, and the role Deploy, whose trust
    /// policy names bob directly (IAM User Guide, "Update a role trust policy": the boundary must still
    /// allow `sts:AssumeRole`).
    static func configuration(boundaryAction: String) -> Configuration {
        var account = Account(name: "main", id: AccessFixtures.target)
        account.policies = [ManagedPolicy(name: "Boundary", document: AccessFixtures.document(AccessFixtures.allow(boundaryAction, "*"), file: "main.yaml", line: 3))]
        var bob = User(name: "bob")
        bob.permissionsBoundary = PolicyAttachment(arn: "arn:aws:iam::\(AccessFixtures.target):policy/Boundary", name: "Boundary", isAWSManaged: false)
        account.users = [bob]
        let trust = AccessFixtures.trust("arn:aws:iam::\(AccessFixtures.target):user/bob")
        account.roles = [Role(name: "Deploy", trustPolicy: AccessFixtures.document(trust, file: "main.yaml", line: 9))]
        return Configuration(accounts: [account])
    }

    static let question = AccessQuestion(
        principal: "main.user.bob", assume: ["main.role.Deploy"], action: "s3:ListAllMyBuckets", resource: "*")

    @Test func boundaryThatRefusesAssumeRoleIsNamedAsTheRule() throws {
        let answer = try AccessFixtures.analyzer(Self.configuration(boundaryAction: "s3:*")).answer(Self.question)
        #expect(answer.outcome == .implicitDeny)
        let hop = try #require(answer.steps.first)
        #expect(hop.kind == .assumeRole)
        #expect(hop.rule == .trustPolicyGrantLimitedByBoundary)
        #expect(hop.isAllowedByPermissionsBoundary == false)
        #expect(answer.text().contains("rule: a principal named in a role trust policy still needs its permissions boundary to allow the action"))
        #expect(hop.json["rule"]?.stringValue == DecisionRule.trustPolicyGrantLimitedByBoundary.explanation)
    }

    @Test func boundaryThatAllowsAssumeRoleLetsTheTrustPolicyDecide() throws {
        let answer = try AccessFixtures.analyzer(Self.configuration(boundaryAction: "sts:AssumeRole")).answer(Self.question)
        let hop = try #require(answer.steps.first)
        #expect(hop.outcome == .allowed)
        #expect(hop.rule == nil)
        #expect(!answer.text().contains("rule:"))
    }
}
