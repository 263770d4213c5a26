import Foundation
import IAMConfCore
import IAMConfEngine
import IAMConfPolicy
import IAMConfOperations
import IAMConfSimulator
import Testing

/// `iamconf check` and `iamconf test` run as a user would, on the cross-account example.
@Suite("check and test end to end")
struct CheckAndTestCommandTests {
    static let chain = ["--principal", "source.user.alice", "--assume", "target.role.S3Access"]

    /// A copy of the cross-account example; the copy lives as long as the value is used.
    struct Example {
        let temp: TemporaryDirectory
        var cli: CLIRunner { CLIRunner(directory: temp.url) }

        init() throws {
            temp = try TemporaryDirectory()
            _ = try temp.copyExample("cross-account")
        }
    }

    @Test func aliceMayPutObjectAfterAssumingS3AccessWithMFA() throws {
        let example = try Example()
        let result = try example.cli.run(["check", "config"] + Self.chain + ["--mfa", "s3:PutObject", "arn:aws:s3:::shared-reports/report.csv"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.hasPrefix("ALLOWED\n"), "\(result)")
        #expect(result.stdout.contains("source.policy.AssumeS3Access statement 0 at config/source.yaml:12"), "\(result)")
        #expect(result.stdout.contains("AWS managed AmazonS3FullAccess statement 0"), "\(result)")
        try Golden.check(result.stdout, "check-cross-account-allowed.txt")
    }

    @Test func aliceMayNotRunInstancesInTheRoleSession() throws {
        let example = try Example()
        let result = try example.cli.run(["check", "config"] + Self.chain + ["--mfa", "ec2:RunInstances", "*"])
        #expect(result.status == 3, "\(result)")
        #expect(result.stdout.hasPrefix("DENIED (implicit deny: no policy allows ec2:RunInstances on *)\n"), "\(result)")
    }

    @Test func withoutTheAssumeRolePolicyTheIdentitySideRefuses() throws {
        let example = try Example()
        let temp = example.temp
        let source = try temp.read("config/source.yaml")
        let edited = source.replacingOccurrences(of: "        policies: [AssumeS3Access]", with: "")
        #expect(edited != source)
        try temp.write("config/source.yaml", edited)
        let result = try example.cli.run(["check", "config"] + Self.chain + ["--mfa", "s3:PutObject", "arn:aws:s3:::shared-reports/report.csv"])
        #expect(result.status == 3, "\(result)")
        #expect(result.stdout.hasPrefix("DENIED (implicit deny: no policy allows sts:AssumeRole on arn:aws:iam::111111111111:role/S3Access)\n"), "\(result)")
        #expect(result.stdout.contains("refused by the identity side of source.user.alice"), "\(result)")
        #expect(result.stdout.contains("target.role.S3Access trust policy: allows"), "\(result)")
        try Golden.check(result.stdout, "check-cross-account-no-assume-policy.txt")
    }

    @Test func withoutMFATheTrustPolicyRefusesAndNamesTheKey() throws {
        let example = try Example()
        let result = try example.cli.run(["check", "config"] + Self.chain + ["s3:PutObject", "arn:aws:s3:::shared-reports/report.csv"])
        #expect(result.status == 3, "\(result)")
        #expect(result.stdout.contains("refused by target.role.S3Access trust policy"), "\(result)")
        #expect(result.stdout.contains("missing context keys: aws:MultiFactorAuthPresent"), "\(result)")
        let withContext = try example.cli.run(
            ["check", "config"] + Self.chain + ["--context", "aws:MultiFactorAuthPresent=true", "s3:PutObject", "arn:aws:s3:::shared-reports/report.csv"])
        #expect(withContext.status == 0, "\(withContext)")
    }

    @Test func jsonGivesTheSameAnswerAsData() throws {
        let example = try Example()
        let result = try example.cli.run(["check", "config", "--json"] + Self.chain + ["--mfa", "s3:PutObject", "arn:aws:s3:::shared-reports/report.csv"])
        #expect(result.status == 0, "\(result)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["allowed"] as? Bool == true)
        #expect(object["summary"] as? String == "ALLOWED")
        let steps = try #require(object["steps"] as? [[String: Any]])
        #expect(steps.map { $0["kind"] as? String } == ["assumeRole", "request"])
        #expect(steps[1]["caller_arn"] as? String == "arn:aws:sts::111111111111:assumed-role/S3Access/alice")
        let context = try #require(steps[1]["context"] as? [String: [String]])
        #expect(context["aws:PrincipalArn"] == ["arn:aws:iam::111111111111:role/S3Access"])
        #expect(context["aws:MultiFactorAuthPresent"] == ["true"])
    }

    @Test func contextValuesSplitOnCommasAndRepeatedKeysAdd() throws {
        let example = try Example()
        let result = try example.cli.run([
            "check", "config", "--json", "--principal", "source.user.alice", "--context", "aws:SourceIp=203.0.113.7,198.51.100.1",
            "--context", "aws:sourceip=192.0.2.1", "--context", "aws:RequestedRegion=eu-west-1", "iam:GetUser", "*",
        ])
        #expect(result.status == 3, "\(result)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let steps = try #require(object["steps"] as? [[String: Any]])
        let context = try #require(steps.first?["context"] as? [String: [String]])
        #expect(context["aws:SourceIp"] == ["203.0.113.7", "198.51.100.1", "192.0.2.1"])
        #expect(context["aws:RequestedRegion"] == ["eu-west-1"])
        #expect(context["aws:username"] == ["alice"])
    }

    @Test func aBrokenConfigurationIsAnErrorNotAnAnswer() throws {
        let example = try Example()
        try example.temp.write("config/zz-broken.yaml", "accounts:\n  source:\n    users:\n      bob: { groups: [nowhere] }\n")
        let check = try example.cli.run(["check", "config", "--principal", "source.user.alice", "s3:GetObject", "*"])
        #expect(check.status == 1, "\(check)")
        #expect(check.stderr.contains("the configuration has errors; nothing was evaluated"), "\(check)")
        let test = try example.cli.run(["test", "config"])
        #expect(test.status == 1, "\(test)")
        #expect(test.stdout.isEmpty, "\(test)")
    }

    @Test(arguments: [
        (["--principal", "source.user.bob", "s3:GetObject", "*"], "account source has no user named 'bob'"),
        (["--principal", "source.user.alice", "--assume", "target.role.Nope", "s3:GetObject", "*"], "account target has no role named 'Nope'"),
        (["--principal", "alice", "s3:GetObject", "*"], "'alice' is not an address"),
        (["--principal", "source.user.alice", "s3:GetObject", "shared-reports"], "'shared-reports' is not a resource ARN"),
        (["--principal", "source.user.alice", "--context", "novalue", "s3:GetObject", "*"], "--context 'novalue' is not KEY=VALUE"),
        (["--principal", "source.user.alice", "s3:GetObject"], "check needs ACTION and RESOURCE"),
    ])
    func badQuestionsExitOneWithAHint(arguments: [String], message: String) throws {
        let example = try Example()
        let result = try example.cli.run(["check", "config"] + arguments)
        #expect(result.status == 1, "\(result)")
        #expect(result.stderr.contains(message), "\(result)")
        #expect(result.stderr.contains("hint:"), "\(result)")
        #expect(result.stdout.isEmpty, "\(result)")
    }

    @Test func jsonRefusalsAreDataToo() throws {
        let example = try Example()
        let result = try example.cli.run(["check", "config", "--json", "--principal", "source.user.alicia", "s3:GetObject", "*"])
        #expect(result.status == 1, "\(result)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let error = try #require(object["error"] as? [String: Any])
        #expect(error["code"] as? String == "unknown-user")
        #expect(error["hint"] as? String == "did you mean source.user.alice?")
        #expect(result.stderr.contains("account source has no user named 'alicia'"), "\(result)")
    }

    @Test func testCommandPassesTheExampleExpectations() throws {
        let example = try Example()
        let result = try example.cli.run(["test", "config"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("PASS alice can write reports after assuming S3Access (with MFA) (config/source.yaml:26)"), "\(result)")
        #expect(result.stdout.hasSuffix("3 passed, 0 failed\n"), "\(result)")
    }

    @Test func testCommandReportsAFailureWithItsExplanationAndLocation() throws {
        let example = try Example()
        let temp = example.temp
        try temp.write("config/zz-tests.yaml", """
            expectations:
              - name: alice can run instances
                principal: source.user.alice
                action: ec2:RunInstances
                resource: "*"
                expect: allow
            """)
        let result = try example.cli.run(["test", "config"])
        #expect(result.status == 1, "\(result)")
        #expect(result.stdout.contains("FAIL alice can run instances (config/zz-tests.yaml:2)\n  expected allow, got DENIED (implicit deny: no policy allows ec2:RunInstances on *)"), "\(result)")
        #expect(result.stdout.contains("refused by the identity side of source.user.alice"), "\(result)")
        #expect(result.stdout.hasSuffix("3 passed, 1 failed\n"), "\(result)")
        let json = try example.cli.run(["test", "config", "--json"])
        #expect(json.status == 1, "\(json)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["failed"] as? Int == 1)
        #expect(object["passed"] as? Int == 3)
    }

    @Test func appliedWithoutAWorldIsAnError() throws {
        let example = try Example()
        let result = try example.cli.run(["check", "config", "--applied", "--principal", "source.user.alice", "s3:GetObject", "*"])
        #expect(result.status == 1, "\(result)")
        #expect(result.stderr.contains("nothing has been applied to the simulator yet"), "\(result)")
    }

    @Test func appliedAsksTheSimulatorsWorldReadOnly() async throws {
        let example = try Example()
        let temp = example.temp
        let directory = temp.url.appendingPathComponent("config/.iamconf")
        try await Self.applyWalkthrough(to: directory, assumePolicy: false)
        let file = directory.appendingPathComponent("simulator.json")
        let before = try Data(contentsOf: file)
        let arguments = ["check", "config", "--applied"] + Self.chain + ["--mfa", "s3:PutObject", "arn:aws:s3:::shared-reports/r.csv"]
        let refused = try example.cli.run(arguments)
        #expect(refused.status == 3, "\(refused)")
        #expect(refused.stdout.contains("refused by the identity side of source.user.alice"), "\(refused)")
        let tests = try example.cli.run(["test", "config", "--applied"])
        #expect(tests.status == 1, "\(tests)")
        #expect(tests.stdout.contains("FAIL alice can write reports after assuming S3Access (with MFA)"), "\(tests)")
        #expect(tests.stdout.hasSuffix("2 passed, 1 failed\n"), "\(tests)")
        #expect(try Data(contentsOf: file) == before)
        // The configuration alone allows it: the applied world lacks the attachment.
        #expect(try example.cli.run(Array(arguments.filter { $0 != "--applied" })).status == 0)
    }

    /// Writes a world like the walkthrough's, with or without alice's assume-role policy attached.
    static func applyWalkthrough(to directory: URL, assumePolicy: Bool) async throws {
        let simulator = try IAMSimulator(directory: directory, idGenerator: .seeded(1))
        let trust = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:root"},"Action":"sts:AssumeRole","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}]}"#
        let assume = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"arn:aws:iam::111111111111:role/S3Access"}]}"#
        _ = try await simulator.perform(.createRole(name: "S3Access", path: "/", trustPolicy: trust, description: nil, maxSessionDuration: 3600, tags: [], permissionsBoundary: nil), in: "111111111111")
        _ = try await simulator.perform(.attachRolePolicy(roleName: "S3Access", policyARN: "arn:aws:iam::aws:policy/AmazonS3FullAccess"), in: "111111111111")
        _ = try await simulator.perform(.createBucket(name: "shared-reports"), in: "111111111111")
        _ = try await simulator.perform(.createUser(name: "alice", path: "/engineering/", tags: [Tag(key: "team", value: "data")], permissionsBoundary: nil), in: "222222222222")
        if assumePolicy {
            _ = try await simulator.perform(.putUserPolicy(userName: "alice", policyName: "AllowAssume", document: assume), in: "222222222222")
        }
        try await simulator.flush()
    }
}

/// The applied world seen as a configuration (`World.configurationView`), without a process.
@Suite struct AppliedWorldViewTests {
    @Test func worldBecomesAConfigurationTheAnalyzerCanAsk() async throws {
        let temp = try TemporaryDirectory()
        let directory = temp.url.appendingPathComponent(".iamconf")
        try await CheckAndTestCommandTests.applyWalkthrough(to: directory, assumePolicy: true)
        let world = try await IAMSimulator(directory: directory).snapshot
        let view = world.configurationView(accountNames: ["222222222222": "source"])
        #expect(view.accounts.map(\.name) == ["111111111111", "source"])
        let alice = try #require(view.account(named: "source")?.users.first)
        #expect(alice.path == "/engineering/")
        #expect(alice.tags == [Tag(key: "team", value: "data")])
        #expect(alice.inlinePolicies.map(\.name) == ["AllowAssume"])
        let role = try #require(view.account(id: "111111111111")?.roles.first)
        #expect(role.policies.map(\.name) == ["AmazonS3FullAccess"])
        #expect(role.policies.first?.isAWSManaged == true)
        #expect(role.trustPolicy.document["Statement"]?.arrayValue?.count == 1)
        #expect(view.account(id: "111111111111")?.buckets.map(\.name) == ["shared-reports"])
        let ids = world.principalIDs
        let analyzer = AccessAnalyzer(configuration: view, principalIDs: ids)
        let answer = try analyzer.answer(AccessQuestion(
            principal: "source.user.alice", assume: ["111111111111.role.S3Access"], action: "s3:PutObject",
            resource: "arn:aws:s3:::shared-reports/x", isMFAAuthenticated: true))
        #expect(answer.isAllowed)
        #expect(answer.steps[0].reasons.map(\.policyName).contains("source.user.alice.inline[AllowAssume]"))
        let userID = answer.steps[0].context.first { $0.key == "aws:userid" }?.values.first
        #expect(userID == ids["arn:aws:iam::222222222222:user/engineering/alice"])
    }
}
