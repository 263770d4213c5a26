import Foundation
import Testing

/// The cross-account example inside an organization, run as a user would: `check` and `test` name
/// the SCP that decides, and `serve` refuses with AWS's service-control-policy message.
@Suite("organizations end to end", .serialized)
struct OrganizationCommandTests {
    /// target sits in ou/Data, whose SCP denies s3:PutObject; source sits in ou/People, whose SCP
    /// denies iam:*; a third account is the management account.
    static let organization = """
        accounts:
          management:
            id: "333333333333"
        organization:
          management_account: management
          policies:
            DenyWrites:
              document:
                Version: "2012-10-17"
                Statement:
                  - Sid: NoWrites
                    Effect: Deny
                    Action: s3:PutObject
                    Resource: "*"
            DenyIAM:
              document:
                Version: "2012-10-17"
                Statement:
                  - Sid: NoIAM
                    Effect: Deny
                    Action: iam:*
                    Resource: "*"
          units:
            Data:
              policies: [DenyWrites]
              accounts: [target]
            People:
              accounts: [source]

        """

    /// A copy of the cross-account example with org.yaml beside it; it lives as long as the value.
    struct Example {
        let temp: TemporaryDirectory
        var cli: CLIRunner { CLIRunner(directory: temp.url) }

        init() throws {
            temp = try TemporaryDirectory()
            _ = try temp.copyExample("cross-account")
            try temp.write("config/org.yaml", OrganizationCommandTests.organization)
        }
    }

    @Test func checkNamesTheSCPThatDenies() throws {
        let example = try Example()
        let cli = example.cli
        let result = try cli.run([
            "check", "config", "--principal", "source.user.alice", "--assume", "target.role.S3Access", "--mfa", "s3:PutObject",
            "arn:aws:s3:::shared-reports/report.csv",
        ])
        #expect(result.status == 3, "\(result)")
        #expect(result.stdout.hasPrefix("DENIED (explicit deny)\n"), "\(result)")
        #expect(result.stdout.contains("refused by the service control policies of account 111111111111"), "\(result)")
        #expect(
            result.stdout.contains("denied by service control policy DenyWrites (attached to ou/Data) statement 0 (Sid NoWrites) at config/org.yaml:"),
            "\(result)")
        // Reading is still allowed: FullAWSAccess stays attached everywhere.
        let read = try cli.run([
            "check", "config", "--principal", "source.user.alice", "--assume", "target.role.S3Access", "--mfa", "s3:GetObject",
            "arn:aws:s3:::shared-reports/report.csv",
        ])
        #expect(read.status == 0, "\(read)")
    }

    @Test func testReportsTheExpectationTheSCPBreaks() throws {
        let example = try Example()
        let cli = example.cli
        let result = try cli.run(["test", "config"])
        #expect(result.status == 1, "\(result)")
        #expect(result.stdout.contains("alice can write reports after assuming S3Access (with MFA)"), "\(result)")
        #expect(result.stdout.contains("service control policy DenyWrites"), "\(result)")
    }

    @Test func validateRefusesAnAccountInTwoUnits() throws {
        let example = try Example()
        let (temp, cli) = (example.temp, example.cli)
        try temp.write("config/org.yaml", Self.organization.replacingOccurrences(of: "accounts: [source]", with: "accounts: [source, target]"))
        let result = try cli.run(["validate", "config"])
        #expect(result.status == 1, "\(result)")
        #expect(result.stdout.contains("config/org.yaml:28:") || result.stderr.contains("config/org.yaml:28:"), "\(result)")
        #expect((result.stdout + result.stderr).contains("[account-placed-twice]"), "\(result)")
    }

    /// `serve` decides with the SCPs: alice's iam:GetUser is refused by the SCP on her own unit, with
    /// AWS's message (without the SCP it would be "because no identity-based policy allows ...").
    @Test func serveRefusesWithTheSCPMessage() throws {
        guard ServeEndToEndTests.hasClients else {
            Issue.record("boto3 and the aws CLI are needed (.ci/run installs them)")
            return
        }
        let example = try Example()
        let (temp, cli) = (example.temp, example.cli)
        try temp.write("config/org.yaml", Self.organization.replacingOccurrences(of: "accounts: [source]", with: "policies: [DenyIAM]\n      accounts: [source]"))
        // The example's own expectation that alice may write now fails: apply anyway.
        let apply = try cli.run(["apply", "config", "--auto-approve", "--skip-expectations"])
        try #require(apply.status == 0, "\(apply)")
        // The organization is applied to the simulator, with no note saying otherwise.
        #expect(apply.stdout.contains("organization.scp.DenyIAM.attachment[ou/People]"), "\(apply)")
        #expect(!apply.stderr.contains("Note: the organization"), "\(apply)")
        // check --applied asks the applied world, under the organization it recorded.
        let applied = try cli.run([
            "check", "config", "--applied", "--principal", "source.user.alice", "iam:GetUser", "arn:aws:iam::222222222222:user/engineering/alice",
        ])
        #expect(applied.status == 3 && applied.stdout.contains("denied by service control policy DenyIAM (attached to ou/People)"), "\(applied)")
        let keyAddress = "source.user.alice.access_key[1]"
        let keyID = try cli.run(["output", keyAddress, "access_key_id", "config", "--raw"]).stdout
        let secret = try cli.run(["output", keyAddress, "secret_access_key", "config", "--raw", "--show-secrets"]).stdout
        let server = try cli.start(["serve", "config", "--port", "0"])
        defer { if server.isRunning { server.terminate() } }
        let url = try ServeEndToEndTests.waitForURL(temp.url.appendingPathComponent("started.stdout"))
        try temp.write("get_user.py", #"""
            import sys, boto3
            from botocore.exceptions import ClientError
            url, key, secret = sys.argv[1:4]
            iam = boto3.client("iam", endpoint_url=url, region_name="us-east-1", aws_access_key_id=key, aws_secret_access_key=secret)
            try:
                iam.get_user(UserName="alice")
                print("no error")
            except ClientError as e:
                print(e.response["Error"]["Code"] + ": " + e.response["Error"]["Message"])
            """#)
        let python = try ServeEndToEndTests.run(["python3", temp.url.appendingPathComponent("get_user.py").path, url, keyID, secret])
        #expect(
            python.output.trimmingCharacters(in: .whitespacesAndNewlines)
                == "AccessDenied: User: arn:aws:iam::222222222222:user/engineering/alice is not authorized to perform: iam:GetUser on resource: arn:aws:iam::222222222222:user/engineering/alice with an explicit deny in a service control policy",
            "\(python.output)")
    }
}
