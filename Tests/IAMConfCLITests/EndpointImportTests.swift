import Foundation
import Testing

extension EndpointTests {
    /// Objects made in moto with boto3 are adopted with `iamconf import` over the endpoint, then
    /// managed like any other: no changes planned, and destroy removes them from moto.
    @Suite("Import from moto", .serialized)
    struct Import {
        static let configuration = """
            accounts:
              lab:
                id: "888888888888"
                users:
                  frank:
                    path: /ops/
                    tags: { team: ops }
                    groups: [ops]
                    policies: [ReadOnlyAccess]
                groups:
                  ops: {}
                roles:
                  Runner:
                    trust: { services: [ec2.amazonaws.com] }
                    policies: [ReadOnlyAccess]

            """

        static let creation = """
            iam.create_user(UserName="frank", Path="/ops/", Tags=[{"Key": "team", "Value": "ops"}])
            iam.create_group(GroupName="ops")
            iam.add_user_to_group(GroupName="ops", UserName="frank")
            iam.attach_user_policy(UserName="frank", PolicyArn="arn:aws:iam::aws:policy/ReadOnlyAccess")
            iam.create_role(RoleName="Runner", AssumeRolePolicyDocument=json.dumps({"Version": "2012-10-17",
                "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]}))
            iam.attach_role_policy(RoleName="Runner", PolicyArn="arn:aws:iam::aws:policy/ReadOnlyAccess")
            """

        /// Address and import id of everything the configuration declares (the forms `iamconf import --help` lists).
        static let imports = [
            ("lab.user.frank", "frank"), ("lab.group.ops", "ops"), ("lab.user.frank.group[ops]", "frank/ops"),
            ("lab.user.frank.policy[ReadOnlyAccess]", "frank/arn:aws:iam::aws:policy/ReadOnlyAccess"),
            ("lab.role.Runner", "Runner"),
            ("lab.role.Runner.policy[ReadOnlyAccess]", "Runner/arn:aws:iam::aws:policy/ReadOnlyAccess"),
        ]

        @Test("import adopts what boto3 made; plan --refresh is clean; destroy deletes it from moto")
        func importThenManage() async throws {
            let moto = try await MotoWorkspace.fresh()
            try moto.temp.write("config/main.yaml", Self.configuration)
            try moto.boto(in: "888888888888", Self.creation)

            for (address, id) in Self.imports {
                let imported = try moto.iamconf(["import", address, id, "config"])
                #expect(imported.status == 0 && imported.stdout.contains("Import successful!"), "\(imported)")
            }
            let show = try moto.cli.run(["show", "config", "--json"])
            #expect(show.stdout.contains(#""arn": "arn:aws:iam::888888888888:user/ops/frank""#), "\(show)")

            let plan = try moto.iamconf(["plan", "config", "--refresh", "--detailed-exitcode"])
            #expect(plan.status == 0 && plan.stdout.contains("No changes."), "\(plan)")
            #expect(!plan.stdout.contains("Objects have changed"), "\(plan)")

            let destroy = try moto.iamconf(["destroy", "config", "--auto-approve"])
            #expect(destroy.status == 0 && destroy.stdout.contains("Resources: 6 destroyed."), "\(destroy)")
            #expect(try canonicalJSON(moto.inventory(["888888888888"])) == canonicalJSON(emptyInventory(["888888888888"])))
        }
    }
}
