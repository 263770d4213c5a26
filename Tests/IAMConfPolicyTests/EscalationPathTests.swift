import Foundation
import IAMConfCore
@testable import IAMConfPolicy
import Testing

/// Privilege-escalation patterns: each is found with the statement that enables it, and each is
/// absent when a permissions boundary, a Deny, a condition or a trust policy blocks it.
@Suite struct EscalationPathTests {
    static let account = "444455556666"
    static func arn(_ resource: String) -> String { "arn:aws:iam::\(account):\(resource)" }

    /// One pattern: mallory's policy, what else the lab needs, and a change that blocks it.
    struct Pattern: Sendable, CustomTestStringConvertible {
        var method: EscalationMethod
        var attack: [String]
        var lab: @Sendable (inout Account) -> Void = { _ in }
        /// Whose path it is: mallory, or a role the lab adds.
        var principal = "main.user.mallory"
        var blocker: String
        var block: @Sendable (inout Account) -> Void
        var testDescription: String { "\(method.rawValue), blocked by \(blocker)" }
    }

    /// Account main: mallory (team dev, member of devs, holder of mallory-tools), ops (an
    /// administrator with console access), Admin (an administrator role trusting ec2), admins (a group
    /// with AdministratorAccess), and a boundary policy that allows only s3.
    static func lab(_ pattern: Pattern, blocked: Bool) -> TrustGraph {
        var main = Account(name: "main", id: account)
        main.policies = [
            ManagedPolicy(name: "mallory-tools", document: ReachFixtures.policy([ReachFixtures.allow(["s3:ListBucket"], "*")])),
            ManagedPolicy(name: "only-s3", document: ReachFixtures.policy([ReachFixtures.allow(["s3:*"], "*")])),
        ]
        var mallory = User(name: "mallory")
        mallory.tags = [Tag(key: "team", value: "dev")]
        mallory.groups = ["devs"]
        mallory.inlinePolicies = [ReachFixtures.inline("Attack", pattern.attack, file: "attack.yaml", line: 3)]
        mallory.policies = [PolicyAttachment(arn: arn("policy/mallory-tools"), name: "mallory-tools", isAWSManaged: false)]
        var ops = User(name: "ops")
        ops.policies = [ReachFixtures.administratorAccess]
        ops.loginProfile = LoginProfile()
        main.users = [mallory, ops]
        var adminRole = ReachFixtures.role("Admin", trust: [ReachFixtures.trust(service: "ec2.amazonaws.com")])
        adminRole.policies = [ReachFixtures.administratorAccess]
        main.roles = [adminRole]
        var admins = Group(name: "admins")
        admins.policies = [ReachFixtures.administratorAccess]
        main.groups = [Group(name: "devs"), admins]
        pattern.lab(&main)
        if blocked { pattern.block(&main) }
        return ReachFixtures.graph([main])
    }

    static let onlyS3 = PolicyAttachment(arn: arn("policy/only-s3"), name: "only-s3", isAWSManaged: false)
    static func boundary(_ account: inout Account) { account.users[0].permissionsBoundary = onlyS3 }
    static func denyAll(_ actions: [String]) -> @Sendable (inout Account) -> Void {
        { $0.users[0].inlinePolicies.append(ReachFixtures.inline("Guard", [ReachFixtures.deny(actions, "*")], line: 90)) }
    }
    static func trustOnly(_ service: String) -> @Sendable (inout Account) -> Void {
        { $0.roles[0].trustPolicy = ReachFixtures.policy([ReachFixtures.trust(service: service)]) }
    }
    static let allow = ReachFixtures.allow
    /// A role Worker (trusting EC2 only) whose inline policy allows everything, at attack.yaml:3,
    /// under a boundary allowing s3 and `actions`.
    static func boundedRole(_ actions: [String]) -> @Sendable (inout Account) -> Void {
        { account in
            account.policies.append(ManagedPolicy(name: "role-bounded", document: ReachFixtures.policy([allow(["s3:*"] + actions, "*", nil)])))
            var worker = ReachFixtures.role("Worker", trust: [ReachFixtures.trust(service: "ec2.amazonaws.com")],
                                            inline: [ReachFixtures.inline("Attack", [allow(["*"], "*", nil)], file: "attack.yaml", line: 3)])
            worker.permissionsBoundary = PolicyAttachment(arn: arn("policy/role-bounded"), name: "role-bounded", isAWSManaged: false)
            account.roles.append(worker)
        }
    }

    static let patterns: [Pattern] = [
        Pattern(method: .createAccessKey, attack: [allow(["iam:CreateAccessKey"], arn("user/ops"), nil)],
                blocker: "a permissions boundary", block: boundary),
        Pattern(method: .updateLoginProfile, attack: [allow(["iam:UpdateLoginProfile"], arn("user/*"), nil)],
                blocker: "a Deny", block: denyAll(["iam:UpdateLoginProfile"])),
        Pattern(method: .createLoginProfile, attack: [allow(["iam:CreateLoginProfile"], arn("user/ops"), nil)],
                lab: { $0.users[1].loginProfile = nil },
                blocker: "a condition on the caller's own tag",
                block: { $0.users[0].inlinePolicies[0] = ReachFixtures.inline("Attack", [allow(
                    ["iam:CreateLoginProfile"], arn("user/ops"), #"{"StringEquals":{"aws:PrincipalTag/team":"security"}}"#)]) }),
        Pattern(method: .updateAssumeRolePolicy, attack: [allow(["iam:UpdateAssumeRolePolicy", "sts:AssumeRole"], arn("role/Admin"), nil)],
                blocker: "a boundary that allows the update but not sts:AssumeRole",
                block: { account in
                    account.policies.append(ManagedPolicy(name: "update-only", document: ReachFixtures.policy([allow(["iam:UpdateAssumeRolePolicy"], "*", nil)])))
                    account.users[0].permissionsBoundary = PolicyAttachment(arn: arn("policy/update-only"), name: "update-only", isAWSManaged: false)
                }),
        Pattern(method: .createPolicyVersion, attack: [allow(["iam:CreatePolicyVersion"], arn("policy/mallory-tools"), nil)],
                blocker: "a Deny", block: denyAll(["iam:CreatePolicyVersion"])),
        Pattern(method: .attachUserPolicy, attack: [allow(["iam:AttachUserPolicy"], arn("user/${aws:username}"), nil)],
                blocker: "a condition allowing only ReadOnlyAccess",
                block: { $0.users[0].inlinePolicies[0] = ReachFixtures.inline("Attack", [allow(
                    ["iam:AttachUserPolicy"], arn("user/${aws:username}"),
                    #"{"ArnEquals":{"iam:PolicyARN":"arn:aws:iam::aws:policy/ReadOnlyAccess"}}"#)]) }),
        Pattern(method: .putUserPolicy, attack: [allow(["iam:PutUserPolicy"], arn("user/${aws:username}"), nil)],
                blocker: "a permissions boundary", block: boundary),
        Pattern(method: .putGroupPolicy, attack: [allow(["iam:PutGroupPolicy"], arn("group/devs"), nil)],
                blocker: "a permissions boundary", block: boundary),
        Pattern(method: .attachGroupPolicy, attack: [allow(["iam:AttachGroupPolicy"], arn("group/devs"), nil)],
                blocker: "a Deny", block: denyAll(["iam:Attach*"])),
        Pattern(method: .addUserToGroup, attack: [allow(["iam:AddUserToGroup"], arn("group/admins"), nil)],
                blocker: "a permissions boundary (the group's access stays bounded)",
                block: { account in
                    account.policies.append(ManagedPolicy(name: "groups-only", document: ReachFixtures.policy([allow(["iam:AddUserToGroup"], "*", nil)])))
                    account.users[0].permissionsBoundary = PolicyAttachment(arn: arn("policy/groups-only"), name: "groups-only", isAWSManaged: false)
                }),
        Pattern(method: .deleteUserPermissionsBoundary, attack: [allow(["*"], "*", nil)],
                lab: { account in
                    account.policies.append(ManagedPolicy(name: "bounded", document: ReachFixtures.policy([
                        allow(["s3:*", "iam:DeleteUserPermissionsBoundary"], "*", nil)])))
                    account.users[0].permissionsBoundary = PolicyAttachment(arn: arn("policy/bounded"), name: "bounded", isAWSManaged: false)
                },
                blocker: "a boundary that does not allow removing itself", block: boundary),
        Pattern(method: .setDefaultPolicyVersion, attack: [allow(["iam:SetDefaultPolicyVersion"], arn("policy/mallory-tools"), nil)],
                blocker: "a Deny", block: denyAll(["iam:SetDefaultPolicyVersion"])),
        Pattern(method: .attachRolePolicy, attack: [allow(["sts:AssumeRole", "iam:AttachRolePolicy"], arn("role/Helper"), nil)],
                lab: { $0.roles.append(ReachFixtures.role("Helper", trust: [ReachFixtures.trust(aws: arn("root"))])) },
                blocker: "a condition allowing only ReadOnlyAccess",
                block: { $0.users[0].inlinePolicies[0] = ReachFixtures.inline("Attack", [
                    allow(["sts:AssumeRole"], arn("role/Helper"), nil),
                    allow(["iam:AttachRolePolicy"], arn("role/Helper"), #"{"ArnEquals":{"iam:PolicyARN":"arn:aws:iam::aws:policy/ReadOnlyAccess"}}"#),
                ]) }),
        Pattern(method: .putUserPermissionsBoundary, attack: [allow(["*"], "*", nil)],
                lab: { account in
                    account.policies.append(ManagedPolicy(name: "bounded", document: ReachFixtures.policy([
                        allow(["s3:*", "iam:PutUserPermissionsBoundary"], "*", nil)])))
                    account.users[0].permissionsBoundary = PolicyAttachment(arn: arn("policy/bounded"), name: "bounded", isAWSManaged: false)
                },
                blocker: "a boundary that does not allow replacing itself", block: boundary),
        Pattern(method: .deleteRolePermissionsBoundary, attack: [allow(["s3:ListBucket"], "*", nil)],
                lab: boundedRole(["iam:DeleteRolePermissionsBoundary"]), principal: "main.role.Worker",
                blocker: "a boundary that does not allow removing itself", block: { $0.roles[1].permissionsBoundary = onlyS3 }),
        Pattern(method: .putRolePermissionsBoundary, attack: [allow(["s3:ListBucket"], "*", nil)],
                lab: boundedRole(["iam:PutRolePermissionsBoundary"]), principal: "main.role.Worker",
                blocker: "a Deny", block: { $0.roles[1].inlinePolicies.append(ReachFixtures.inline("Guard", [ReachFixtures.deny(["iam:PutRolePermissionsBoundary"], "*")], line: 90)) }),
        Pattern(method: .assumeRole, attack: [allow(["sts:AssumeRole"], arn("role/Admin"), nil)],
                lab: { $0.roles[0].trustPolicy = ReachFixtures.policy([ReachFixtures.trust(aws: arn("root"))]) },
                blocker: "a Deny", block: denyAll(["sts:AssumeRole"])),
        Pattern(method: .putRolePolicy, attack: [allow(["sts:AssumeRole", "iam:PutRolePolicy"], arn("role/Helper"), nil)],
                lab: { $0.roles.append(ReachFixtures.role("Helper", trust: [ReachFixtures.trust(aws: arn("root"))])) },
                blocker: "a permissions boundary", block: boundary),
        Pattern(method: .passRoleToEC2, attack: [allow(["iam:PassRole", "ec2:RunInstances"], "*", nil)],
                lab: { account in
                    var profile = InstanceProfile(name: "admin-profile")
                    profile.role = "Admin"
                    account.instanceProfiles = [profile]
                },
                blocker: "a trust policy that does not trust EC2", block: trustOnly("lambda.amazonaws.com")),
        Pattern(method: .passRoleToLambda, attack: [allow(["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"], "*", nil)],
                lab: trustOnly("lambda.amazonaws.com"),
                blocker: "iam:PassedToService limited to EC2",
                block: { $0.users[0].inlinePolicies[0] = ReachFixtures.inline("Attack", [
                    allow(["iam:PassRole"], "*", #"{"StringEquals":{"iam:PassedToService":"ec2.amazonaws.com"}}"#),
                    allow(["lambda:CreateFunction", "lambda:InvokeFunction"], "*", nil),
                ]) }),
        Pattern(method: .passRoleToCloudFormation, attack: [allow(["iam:PassRole", "cloudformation:CreateStack"], "*", nil)],
                lab: trustOnly("cloudformation.amazonaws.com"),
                blocker: "a trust policy that does not trust CloudFormation", block: trustOnly("ec2.amazonaws.com")),
        Pattern(method: .passRoleToCodeBuild, attack: [allow(["iam:PassRole", "codebuild:CreateProject", "codebuild:StartBuild"], "*", nil)],
                lab: trustOnly("codebuild.amazonaws.com"),
                blocker: "a Deny on StartBuild", block: denyAll(["codebuild:StartBuild"])),
        Pattern(method: .passRoleToGlue, attack: [allow(["iam:PassRole", "glue:CreateDevEndpoint"], "*", nil)],
                lab: trustOnly("glue.amazonaws.com"),
                blocker: "a trust policy that does not trust Glue", block: trustOnly("ec2.amazonaws.com")),
        Pattern(method: .passRoleToSageMaker, attack: [allow(["iam:PassRole", "sagemaker:CreateNotebookInstance", "sagemaker:CreatePresignedNotebookInstanceUrl"], "*", nil)],
                lab: trustOnly("sagemaker.amazonaws.com"),
                blocker: "a permissions boundary", block: boundary),
        Pattern(method: .passRoleToECS, attack: [allow(["iam:PassRole", "ecs:RegisterTaskDefinition", "ecs:RunTask"], "*", nil)],
                lab: trustOnly("ecs-tasks.amazonaws.com"),
                blocker: "a trust policy that does not trust ECS tasks", block: trustOnly("ec2.amazonaws.com")),
        Pattern(method: .passRoleToDataPipeline, attack: [allow(["iam:PassRole", "datapipeline:CreatePipeline", "datapipeline:PutPipelineDefinition"], "*", nil)],
                lab: trustOnly("datapipeline.amazonaws.com"),
                blocker: "a Deny on PassRole", block: denyAll(["iam:PassRole"])),
    ]

    @Test(arguments: patterns)
    func patternIsFoundWithItsStatement(_ pattern: Pattern) throws {
        let report = Self.lab(pattern, blocked: false).escalationReport()
        let path = try #require(report.paths.first { $0.principal.name == pattern.principal }, "\(report.text())")
        let first = try #require(path.edges.first)
        #expect(first.method == pattern.method, "\(report.text())")
        // The step names the statement that enables it, in the YAML.
        let locations = first.grants.flatMap(\.reasons).compactMap(\.location)
        #expect(locations.contains { $0.file == "attack.yaml" && $0.line == 3 }, "\(report.text())")
        #expect(report.hasEscalation)
        #expect(!report.administrators.map(\.principal.name).contains(pattern.principal))
    }

    @Test(arguments: patterns)
    func patternIsAbsentWhenBlocked(_ pattern: Pattern) throws {
        let report = Self.lab(pattern, blocked: true).escalationReport()
        let path = report.paths.first { $0.principal.name == pattern.principal }
        #expect(path == nil, "\(pattern.blocker) should block \(pattern.method): \(report.text())")
    }

    @Test func anMFAConditionMakesTheEdgeConditional() throws {
        let pattern = Pattern(
            method: .createAccessKey, attack: [Self.allow(["iam:CreateAccessKey"], Self.arn("user/ops"), ReachFixtures.mfa)], blocker: "", block: { _ in })
        let report = Self.lab(pattern, blocked: false).escalationReport()
        let path = try #require(report.paths.first { $0.principal.name == "main.user.mallory" })
        #expect(path.conditions.map(\.text) == ["aws:MultiFactorAuthPresent is true"])
        #expect(path.administrator?.principal.name == "main.user.ops")
    }

    @Test func administratorsHaveNoPathsAndAreListed() throws {
        let pattern = Pattern(method: .assumeRole, attack: [], blocker: "", block: { _ in })
        let report = Self.lab(pattern, blocked: false).escalationReport()
        #expect(report.administrators.map(\.principal.name) == ["main.user.ops", "main.role.Admin"])
        #expect(report.paths.isEmpty, "\(report.text())")
        #expect(!report.hasEscalation)
    }
}
