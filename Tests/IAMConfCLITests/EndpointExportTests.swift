import Foundation
import Testing

extension EndpointTests {
    /// Export of what an apply made on moto_server: the export plans no change (also after reading
    /// moto back), and applied to an emptied moto it rebuilds what boto3 saw before. Two examples
    /// (two accounts with keys and passwords; an OIDC provider and federated trust) keep it under a
    /// minute; the simulator round trip covers every example.
    @Suite("Export from an endpoint state", .serialized)
    struct Export {
        @Test("apply on moto, export, plan and plan --refresh show no changes, the export applied to an emptied moto gives the same objects",
              arguments: EndpointTests.examples.filter { ["cross-account", "github-oidc"].contains($0.name) })
        func roundTrip(example: EndpointTests.Example) async throws {
            let moto = try await MotoWorkspace.fresh()
            _ = try moto.temp.copyExample(example.name)
            let apply = try moto.iamconf(["apply", "config", "--auto-approve"])
            try #require(apply.status == 0, "\(apply)")
            let before = try canonicalJSON(moto.inventory(example.accounts))

            // The state records the endpoint: the export's state does too, so no flags are needed after.
            let export = try moto.cli.run(["export", "--from-state", "config/iamconf.state.json", "--out", "export"])
            try #require(export.status == 0, "\(export)")
            #expect(!moto.temp.exists("export/.iamconf"), "an endpoint's objects live in the endpoint")
            let plan = try moto.cli.run(["plan", "export", "--detailed-exitcode"])
            #expect(plan.status == 0, "\(plan)")
            let refreshed = try moto.cli.run(["plan", "export", "--refresh", "--detailed-exitcode"])
            #expect(refreshed.status == 0, "\(refreshed)")

            try await moto.server.reset()
            try FileManager.default.createDirectory(at: moto.temp.url.appendingPathComponent("fresh"), withIntermediateDirectories: true)
            let rebuild = try moto.iamconf(["apply", "export", "--state", "fresh/iamconf.state.json", "--auto-approve"])
            #expect(rebuild.status == 0, "\(rebuild)")
            #expect(try canonicalJSON(moto.inventory(example.accounts)) == before)
        }
            /// What a person made by hand with boto3, in two accounts: a customer managed policy with a
        /// second default version, a group with managed, AWS managed and inline policies, users with
        /// paths, tags, memberships, attachments, inline policies, an access key and a console
        /// password, roles trusting EC2, another account with MFA and an OIDC provider, an instance
        /// profile, a password policy and an alias.
        static let handMade = #"""
            doc = lambda *statements: json.dumps({"Version": "2012-10-17", "Statement": list(statements)})
            allow = lambda action, resource: {"Effect": "Allow", "Action": action, "Resource": resource}
            arn = iam.create_policy(PolicyName="ReadReports", Path="/team/", Description="read the reports",
                                    PolicyDocument=doc(allow("s3:GetObject", "arn:aws:s3:::reports/*")))["Policy"]["Arn"]
            iam.create_policy_version(PolicyArn=arn, SetAsDefault=True,
                                      PolicyDocument=doc(allow(["s3:GetObject", "s3:ListBucket"], ["arn:aws:s3:::reports", "arn:aws:s3:::reports/*"])))
            iam.create_group(GroupName="analysts", Path="/data/")
            iam.attach_group_policy(GroupName="analysts", PolicyArn=arn)
            iam.attach_group_policy(GroupName="analysts", PolicyArn="arn:aws:iam::aws:policy/ReadOnlyAccess")
            iam.put_group_policy(GroupName="analysts", PolicyName="Queues", PolicyDocument=doc(allow("sqs:ReceiveMessage", "*")))
            iam.create_user(UserName="alice", Path="/people/", Tags=[{"Key": "team", "Value": "data"}])
            iam.add_user_to_group(GroupName="analysts", UserName="alice")
            iam.attach_user_policy(UserName="alice", PolicyArn="arn:aws:iam::aws:policy/IAMUserChangePassword")
            iam.put_user_policy(UserName="alice", PolicyName="OwnKeys",
                                PolicyDocument=doc(allow("iam:CreateAccessKey", "arn:aws:iam::111111111111:user/people/${aws:username}")))
            iam.create_access_key(UserName="alice")
            iam.create_login_profile(UserName="alice", Password="Sup3r-secret-passw0rd!", PasswordResetRequired=True)
            iam.create_user(UserName="bob")
            ec2 = doc({"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"})
            iam.create_role(RoleName="worker", AssumeRolePolicyDocument=ec2, Description="batch workers", MaxSessionDuration=7200)
            iam.attach_role_policy(RoleName="worker", PolicyArn=arn)
            iam.put_role_policy(RoleName="worker", PolicyName="Logs", PolicyDocument=doc(allow("logs:PutLogEvents", "*")))
            iam.create_instance_profile(InstanceProfileName="worker")
            iam.add_role_to_instance_profile(InstanceProfileName="worker", RoleName="worker")
            iam.create_role(RoleName="auditor", AssumeRolePolicyDocument=doc({"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::222222222222:root"},
                            "Action": "sts:AssumeRole", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}}))
            iam.attach_role_policy(RoleName="auditor", PolicyArn="arn:aws:iam::aws:policy/SecurityAudit")
            provider = iam.create_open_id_connect_provider(Url="https://token.actions.githubusercontent.com", ClientIDList=["sts.amazonaws.com"],
                                                           ThumbprintList=["6938fd4d98bab03faadb97b34396831e3780aea1"])["OpenIDConnectProviderArn"]
            iam.create_role(RoleName="deploy", AssumeRolePolicyDocument=doc({"Effect": "Allow", "Principal": {"Federated": provider},
                            "Action": "sts:AssumeRoleWithWebIdentity",
                            "Condition": {"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}}}))
            iam.update_account_password_policy(MinimumPasswordLength=14, RequireSymbols=True, AllowUsersToChangePassword=True)
            iam.create_account_alias(AccountAlias="acme-data")
            """#

        @Test("hand-made IAM in two accounts of moto_server: export plans no change, and the export applied to an emptied moto gives the same objects")
        func handMadeAccounts() async throws {
            let moto = try await MotoWorkspace.fresh()
            let accounts = ["111111111111", "222222222222"]
            try moto.boto(in: "111111111111", Self.handMade)
            try moto.boto(in: "222222222222", #"iam.create_user(UserName="carol"); iam.attach_user_policy(UserName="carol", PolicyArn="arn:aws:iam::aws:policy/ReadOnlyAccess")"#)
            let before = try canonicalJSON(moto.inventory(accounts))

            let export = try moto.cli.run(["export", "--backend", "endpoint", "--endpoint-url", moto.server.url.absoluteString,
                                           "--accounts", accounts.joined(separator: ","), "--out", "export"])
            try #require(export.status == 0, "\(export)")
            #expect(export.stderr.contains("secrets cannot be read back"), "\(export)")
            let yaml = try moto.temp.read("export/acme-data.yaml")
            for expected in ["ReadReports:", "analysts:", "path: /data/", "policies: [ReadOnlyAccess", "alice:", "access_keys: 1", "worker:",
                             "instance_profiles:", "require_mfa: true", "minimum_length: 14"] {
                #expect(yaml.contains(expected), "\(expected) missing from:\n\(yaml)")
            }
            #expect(yaml.contains("accounts: [account_222222222222]"), "the trusted account inside the export is named by its key:\n\(yaml)")
            let plan = try moto.cli.run(["plan", "export", "--detailed-exitcode"])
            #expect(plan.status == 0, "\(plan)")
            let refreshed = try moto.cli.run(["plan", "export", "--refresh", "--detailed-exitcode"])
            #expect(refreshed.status == 0 && !refreshed.stdout.contains("not in the configuration"), "\(refreshed)")

            try await moto.server.reset()
            try FileManager.default.createDirectory(at: moto.temp.url.appendingPathComponent("fresh"), withIntermediateDirectories: true)
            let rebuild = try moto.iamconf(["apply", "export", "--state", "fresh/iamconf.state.json", "--auto-approve"])
            #expect(rebuild.status == 0, "\(rebuild)")
            #expect(try canonicalJSON(moto.inventory(accounts)) == before)
        }
    }
}
