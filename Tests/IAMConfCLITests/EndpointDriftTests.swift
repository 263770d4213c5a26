import Foundation
import Testing

extension EndpointTests {
    /// Changes made in moto behind iamconf's back (with boto3): `plan --refresh` reports exactly
    /// them and plans their undoing, `apply --refresh` undoes them, and a re-plan is clean.
    @Suite("Drift made with boto3 on moto", .serialized)
    struct Drift {
        static let account = "777777777777"

        /// No login profiles here: moto's handling of them drifts by itself (see the lifecycle suite).
        static let configuration = """
            accounts:
              drift:
                id: "777777777777"
                policies:
                  ReadReports:
                    document:
                      Version: "2012-10-17"
                      Statement:
                        - Effect: Allow
                          Action: s3:GetObject
                          Resource: "*"
                groups:
                  developers:
                    path: /engineering/
                    policies: [ReadReports]
                    inline_policies:
                      OwnKeys:
                        Version: "2012-10-17"
                        Statement:
                          - Effect: Allow
                            Action: iam:ListAccessKeys
                            Resource: arn:aws:iam::777777777777:user/*/${aws:username}
                users:
                  bob:
                    path: /engineering/
                    groups: [developers]
                  carol:
                    tags: { department: compliance }
                roles:
                  Deployer:
                    description: Deploys from CI
                    trust: { services: [ec2.amazonaws.com] }
                    policies: [ReadReports]

            """

        /// bob moved, carol tagged, the role's trust widened and its attachment removed (an inline
        /// policy's drift has a test of its own).
        static let tampering = """
            iam.update_user(UserName="bob", NewPath="/moved/")
            iam.tag_user(UserName="carol", Tags=[{"Key": "owner", "Value": "mallory"}])
            iam.update_assume_role_policy(RoleName="Deployer", PolicyDocument=json.dumps({"Version": "2012-10-17",
                "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}))
            iam.detach_role_policy(RoleName="Deployer", PolicyArn="arn:aws:iam::777777777777:policy/ReadReports")
            """

        /// A fresh moto with the drift configuration applied, and boto3's inventory of it.
        static func applied() async throws -> (MotoWorkspace, String) {
            let moto = try await MotoWorkspace.fresh()
            try moto.temp.write("config/main.yaml", configuration)
            let apply = try moto.iamconf(["apply", "config", "--auto-approve"])
            try #require(apply.status == 0, "\(apply)")
            return (moto, try canonicalJSON(moto.inventory([account])))
        }

        @Test("plan --refresh reports exactly the drift and its fix; apply --refresh restores moto")
        func driftIsReportedAndUndone() async throws {
            let (moto, applied) = try await Self.applied()
            let stateBefore = try moto.temp.read("config/iamconf.state.json")

            try moto.boto(in: Self.account, Self.tampering)

            let plan = try moto.iamconf(["plan", "config", "--refresh", "--detailed-exitcode"])
            #expect(plan.status == 2, "\(plan)")
            let out = plan.stdout
            #expect(out.contains("Note: Objects have changed outside of iamconf"), "\(plan)")
            #expect(out.contains("  # drift.user.bob has changed"), "\(plan)")
            #expect(out.contains(#"~ path = "/engineering/" -> "/moved/""#), "\(plan)")
            #expect(out.contains(#"~ path = "/moved/" -> "/engineering/""#), "\(plan)")
            #expect(out.contains("  # drift.user.carol has changed"), "\(plan)")
            #expect(out.contains(#"+ "owner" = "mallory""#), "\(plan)")
            #expect(out.contains(#"- "owner" = "mallory" -> null"#), "\(plan)")
            #expect(out.contains("  # drift.role.Deployer has changed"), "\(plan)")
            #expect(out.contains("lambda.amazonaws.com"), "\(plan)")
            #expect(out.contains("  # drift.role.Deployer.policy[ReadReports] has been deleted"), "\(plan)")
            #expect(out.contains("  # drift.role.Deployer.policy[ReadReports] will be created"), "\(plan)")
            #expect(out.contains("Plan: 1 to add, 3 to change, 0 to destroy."), "\(plan)")
            // plan --refresh saves nothing.
            #expect(try moto.temp.read("config/iamconf.state.json") == stateBefore)

            let json = try moto.iamconf(["plan", "config", "--refresh", "--json"])
            #expect(json.status == 0, "\(json)")
            #expect(driftList(json) == [
                "drift.role.Deployer changed", "drift.role.Deployer.policy[ReadReports] deleted",
                "drift.user.bob changed", "drift.user.carol changed",
            ], "\(json)")

            let fix = try moto.iamconf(["apply", "config", "--refresh", "--auto-approve"])
            #expect(fix.status == 0, "\(fix)")
            #expect(fix.stdout.contains("Note: Objects have changed outside of iamconf"), "\(fix)")
            #expect(fix.stdout.contains("Apply complete! Resources: 1 added, 3 changed, 0 destroyed."), "\(fix)")

            let clean = try moto.iamconf(["plan", "config", "--refresh", "--detailed-exitcode"])
            #expect(clean.status == 0, "\(clean)")
            #expect(clean.stdout.contains("No changes."), "\(clean)")
            #expect(!clean.stdout.contains("Objects have changed"), "\(clean)")
            #expect(try canonicalJSON(moto.inventory([Self.account])) == applied)
        }

        @Test("an inline policy changed with boto3 is drift that apply --refresh undoes")
        func inlinePolicyDrift() async throws {
            let (moto, applied) = try await Self.applied()

            try moto.boto(in: Self.account, """
                iam.put_group_policy(GroupName="developers", PolicyName="OwnKeys", PolicyDocument=json.dumps(
                    {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:*", "Resource": "*"}]}))
                """)

            let plan = try moto.iamconf(["plan", "config", "--refresh", "--detailed-exitcode"])
            #expect(plan.status == 2, "\(plan)")
            #expect(plan.stdout.contains("  # drift.group.developers.inline[OwnKeys] has changed"), "\(plan)")
            #expect(plan.stdout.contains(#""iam:*""#), "\(plan)")
            #expect(plan.stdout.contains("Plan: 0 to add, 1 to change, 0 to destroy."), "\(plan)")
            let fix = try moto.iamconf(["apply", "config", "--refresh", "--auto-approve"])
            #expect(fix.status == 0 && fix.stdout.contains("1 changed"), "\(fix)")
            #expect(try canonicalJSON(moto.inventory([Self.account])) == applied)
        }

        @Test("objects deleted with boto3: refresh records it, apply re-creates them")
        func deletedObjects() async throws {
            let (moto, applied) = try await Self.applied()

            // carol (tags only) and bob's membership in developers.
            try moto.boto(in: Self.account, """
                iam.untag_user(UserName="carol", TagKeys=["department"])
                iam.delete_user(UserName="carol")
                iam.remove_user_from_group(GroupName="developers", UserName="bob")
                """)

            let plan = try moto.iamconf(["plan", "config", "--refresh", "--detailed-exitcode"])
            #expect(plan.status == 2, "\(plan)")
            #expect(plan.stdout.contains("  # drift.user.carol has been deleted"), "\(plan)")
            #expect(plan.stdout.contains("  # drift.user.bob.group[developers] has been deleted"), "\(plan)")
            #expect(plan.stdout.contains("  # drift.user.carol will be created"), "\(plan)")
            #expect(plan.stdout.contains("Plan: 2 to add, 0 to change, 0 to destroy."), "\(plan)")

            // This time through `iamconf refresh`, which saves what it read, then a plain apply.
            let refresh = try moto.iamconf(["refresh", "config"])
            #expect(refresh.status == 0, "\(refresh)")
            #expect(refresh.stdout.contains("  # drift.user.carol has been deleted"), "\(refresh)")
            #expect(refresh.stdout.contains("Saved the refreshed state"), "\(refresh)")
            let stale = try moto.iamconf(["plan", "config", "--detailed-exitcode"])
            #expect(stale.status == 2 && stale.stdout.contains("Plan: 2 to add, 0 to change, 0 to destroy."), "\(stale)")
            #expect(!stale.stdout.contains("Objects have changed"), "\(stale)")

            let fix = try moto.iamconf(["apply", "config", "--auto-approve"])
            #expect(fix.status == 0, "\(fix)")
            #expect(fix.stdout.contains("Apply complete! Resources: 2 added, 0 changed, 0 destroyed."), "\(fix)")
            let clean = try moto.iamconf(["plan", "config", "--refresh", "--detailed-exitcode"])
            #expect(clean.status == 0 && clean.stdout.contains("No changes."), "\(clean)")
            #expect(try canonicalJSON(moto.inventory([Self.account])) == applied)
        }

        @Test("a managed policy's default version changed with boto3, at IAM's five-version limit, is restored")
        func policyVersionDrift() async throws {
            let moto = try await MotoWorkspace.fresh()
            try moto.temp.write("config/main.yaml", Self.configuration)
            let apply = try moto.iamconf(["apply", "config", "--auto-approve"])
            try #require(apply.status == 0, "\(apply)")

            // v2..v5 behind iamconf's back, the last one the default: five versions, IAM's limit
            // (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-versioning.html).
            try moto.boto(in: Self.account, """
                arn = "arn:aws:iam::777777777777:policy/ReadReports"
                for action in ["s3:ListBucket", "s3:PutObject", "s3:DeleteObject", "s3:*"]:
                    iam.create_policy_version(PolicyArn=arn, SetAsDefault=True, PolicyDocument=json.dumps(
                        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": action, "Resource": "*"}]}))
                """)

            let plan = try moto.iamconf(["plan", "config", "--refresh", "--detailed-exitcode"])
            #expect(plan.status == 2, "\(plan)")
            #expect(plan.stdout.contains("  # drift.policy.ReadReports has changed"), "\(plan)")
            #expect(plan.stdout.contains(#"-       "Action": "s3:GetObject","#), "\(plan)")
            #expect(plan.stdout.contains(#"+       "Action": "s3:*","#), "\(plan)")
            #expect(plan.stdout.contains("Plan: 0 to add, 1 to change, 0 to destroy."), "\(plan)")

            // The fix needs a sixth version: iamconf deletes the oldest non-default one (v1) first.
            let fix = try moto.iamconf(["apply", "config", "--refresh", "--auto-approve"])
            #expect(fix.status == 0 && fix.stdout.contains("Apply complete! Resources: 0 added, 1 changed, 0 destroyed."), "\(fix)")
            try moto.boto(in: Self.account, """
                arn = "arn:aws:iam::777777777777:policy/ReadReports"
                versions = iam.list_policy_versions(PolicyArn=arn)["Versions"]
                summary = sorted((v["VersionId"], v["IsDefaultVersion"]) for v in versions)
                assert summary == [("v2", False), ("v3", False), ("v4", False), ("v5", False), ("v6", True)], summary
                document = iam.get_policy_version(PolicyArn=arn, VersionId="v6")["PolicyVersion"]["Document"]
                assert document["Statement"][0]["Action"] == "s3:GetObject", document
                """)
            let clean = try moto.iamconf(["plan", "config", "--refresh", "--detailed-exitcode"])
            #expect(clean.status == 0 && clean.stdout.contains("No changes."), "\(clean)")
        }

        /// `address action` of every entry of `resource_drift` in `plan --json`, sorted.
        func driftList(_ result: CLIRunner.Result) -> [String]? {
            let document = try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
            let drift = document?["resource_drift"] as? [[String: Any]]
            return drift?.map { "\($0["address"] ?? "") \($0["action"] ?? "")" }.sorted()
        }
    }
}
