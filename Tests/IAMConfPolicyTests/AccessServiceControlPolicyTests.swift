import Foundation
import IAMConfCore
import IAMConfPolicy
import Testing

/// Service control policies in access answers: every level from the root to the account must
/// allow, an SCP deny denies, and they restrict only principals of member accounts (not the
/// management account's, not service-linked roles), of the principal's own account.
/// https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html
@Suite struct AccessServiceControlPolicyTests {
    static let admin = PolicyAttachment(arn: "arn:aws:iam::aws:policy/AdministratorAccess", name: "AdministratorAccess", isAWSManaged: true)

    static func scp(_ name: String, _ effect: String, _ action: String) -> ServiceControlPolicy {
        ServiceControlPolicy(
            name: name,
            document: AccessFixtures.document(
                #"{"Version":"2012-10-17","Statement":[{"Sid":"\#(name)","Effect":"\#(effect)","Action":"\#(action)","Resource":"*"}]}"#,
                file: "org.yaml", line: 30))
    }

    /// The cross-account walkthrough (alice in source may assume S3Access in target), plus an
    /// administrator user in each account, a management account with its own administrator, and
    /// an organization: source and target each in their own unit.
    static func configuration(_ change: (inout Organization) -> Void) -> Configuration {
        var configuration = AccessFixtures.crossAccount()
        for index in configuration.accounts.indices {
            var admin = User(name: "admin")
            admin.policies = [Self.admin]
            configuration.accounts[index].users.append(admin)
        }
        let target = configuration.accounts.firstIndex { $0.name == "target" }!
        configuration.accounts[target].serviceLinkedRoles = [ServiceLinkedRole(service: "autoscaling.amazonaws.com")]
        // Anyone in source may write to shared-reports (a bucket policy naming the account).
        var bucket = Bucket(name: "shared-reports")
        bucket.policy = AccessFixtures.document(
            #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:root"},"Action":"s3:PutObject","Resource":"arn:aws:s3:::shared-reports/*"}]}"#)
        configuration.accounts[target].buckets = [bucket]
        var management = Account(name: "management", id: "333333333333")
        var boss = User(name: "boss")
        boss.policies = [Self.admin]
        management.users = [boss]
        configuration.accounts.append(management)
        var organization = Organization(managementAccount: "management")
        organization.units = [OrganizationalUnit(path: ["Data"]), OrganizationalUnit(path: ["People"])]
        organization.placements = [
            AccountPlacement(account: "management"), AccountPlacement(account: "target", unitPath: ["Data"]),
            AccountPlacement(account: "source", unitPath: ["People"]),
        ]
        change(&organization)
        configuration.organization = organization
        return configuration
    }

    static func answer(
        _ configuration: Configuration, _ principal: String, _ action: String, _ resource: String = "*", assume: [String] = []
    ) throws -> AccessAnswer {
        try AccessFixtures.analyzer(configuration).answer(
            AccessQuestion(principal: principal, assume: assume, action: action, resource: resource, isMFAAuthenticated: true))
    }

    /// A deny-list SCP (FullAWSAccess left attached, plus a Deny) denies what an identity policy allows.
    @Test func aDenyListSCPDeniesWhatAnIdentityPolicyAllows() throws {
        let configuration = Self.configuration { organization in
            organization.policies = [Self.scp("DenyIAM", "Deny", "iam:*")]
            organization.units[0].policies.append("DenyIAM")
        }
        let denied = try Self.answer(configuration, "target.user.admin", "iam:CreateUser")
        #expect(denied.outcome == .explicitDeny)
        let step = try #require(denied.steps.last)
        #expect(step.refusedBy == [.serviceControlPolicies])
        #expect(step.identitySide.isAllowed, "AdministratorAccess allows it; only the SCP refuses")
        let text = denied.text()
        #expect(text.contains("denied by service control policy DenyIAM (attached to ou/Data) statement 0 (Sid DenyIAM) at org.yaml:30"), "\(text)")
        #expect(try Self.answer(configuration, "target.user.admin", "s3:ListAllMyBuckets").outcome == .allowed, "FullAWSAccess still allows the rest")
        // The member account's root user is restricted too.
        #expect(try Self.answer(configuration, "target.root", "iam:CreateUser").outcome == .explicitDeny)
        // Another unit is not.
        #expect(try Self.answer(configuration, "source.user.admin", "iam:CreateUser").outcome == .allowed)
    }

    /// An allow-list SCP: FullAWSAccess detached from the account, an SCP allowing only s3:*.
    @Test func anAllowListSCPWithoutTheActionDenies() throws {
        let configuration = Self.configuration { organization in
            organization.policies = [Self.scp("OnlyS3", "Allow", "s3:*")]
            organization.placements[1].policies = ["OnlyS3"]
        }
        let denied = try Self.answer(configuration, "target.user.admin", "iam:CreateUser")
        #expect(denied.outcome == .implicitDeny)
        #expect(denied.steps.last?.refusedBy == [.serviceControlPolicies])
        #expect(denied.steps.last?.serviceControl?.refusingTargets == ["account/target"])
        #expect(denied.headline == "DENIED (implicit deny: no service control policy attached to account/target allows iam:CreateUser)")
        #expect(denied.text().contains("no service control policy attached to account/target allows iam:CreateUser"))
        #expect(try Self.answer(configuration, "target.user.admin", "s3:ListAllMyBuckets").outcome == .allowed)
    }

    /// A unit that detached FullAWSAccess and attached nothing else (AWS refuses to leave none,
    /// but a level whose SCPs allow nothing relevant is the same): every level must allow.
    @Test func everyLevelMustAllow() throws {
        let configuration = Self.configuration { organization in
            organization.policies = [Self.scp("OnlyEC2", "Allow", "ec2:*")]
            organization.units[0].policies = ["OnlyEC2"]
        }
        let denied = try Self.answer(configuration, "target.user.admin", "s3:ListAllMyBuckets")
        #expect(denied.outcome == .implicitDeny)
        #expect(denied.steps.last?.serviceControl?.refusingTargets == ["ou/Data"])
    }

    @Test func theManagementAccountIsNotRestricted() throws {
        let configuration = Self.configuration { organization in
            organization.policies = [Self.scp("DenyIAM", "Deny", "iam:*")]
            organization.rootPolicies.append("DenyIAM")
        }
        let boss = try Self.answer(configuration, "management.user.boss", "iam:CreateUser")
        #expect(boss.outcome == .allowed)
        #expect(boss.steps.last?.serviceControl == nil)
        #expect(try Self.answer(configuration, "management.root", "iam:CreateUser").outcome == .allowed)
        #expect(try Self.answer(configuration, "source.user.admin", "iam:CreateUser").outcome == .explicitDeny)
    }

    @Test func aServiceLinkedRoleIsNotRestricted() throws {
        let configuration = Self.configuration { organization in
            organization.policies = [Self.scp("DenyEC2", "Deny", "ec2:*")]
            organization.rootPolicies.append("DenyEC2")
        }
        let linked = try Self.answer(configuration, "target.service_linked_role.autoscaling.amazonaws.com", "ec2:RunInstances")
        #expect(linked.outcome == .allowed)
        #expect(try Self.answer(configuration, "target.user.admin", "ec2:RunInstances").outcome == .explicitDeny)
    }

    /// Accounts outside the organization (not placed anywhere) are not restricted.
    @Test func anAccountOutsideTheOrganizationIsNotRestricted() throws {
        let configuration = Self.configuration { organization in
            organization.policies = [Self.scp("DenyIAM", "Deny", "iam:*")]
            organization.rootPolicies.append("DenyIAM")
            organization.placements.removeAll { $0.account == "source" }
        }
        #expect(try Self.answer(configuration, "source.user.admin", "iam:CreateUser").outcome == .allowed)
    }

    /// An SCP on the target account's unit. AWS: SCPs restrict the principals of member accounts;
    /// they "don't affect users or roles from accounts outside" the restricted accounts, so alice
    /// (source) writing to target's bucket is decided by source's SCPs, not target's. Once alice
    /// assumes S3Access, the session is a principal of target, and target's SCPs restrict it.
    @Test func crossAccountTheCallingPrincipalsSCPsApply() throws {
        let configuration = Self.configuration { organization in
            organization.policies = [Self.scp("DenyWrites", "Deny", "s3:PutObject")]
            organization.units[0].policies.append("DenyWrites")  // ou/Data, where target sits
        }
        // source.user.admin writes straight into target's bucket: the bucket policy grants source,
        // and target's SCP does not restrict a principal of source.
        let direct = try Self.answer(configuration, "source.user.admin", "s3:PutObject", "arn:aws:s3:::shared-reports/q1.csv")
        #expect(direct.outcome == .allowed, "\(direct.text())")
        #expect(direct.steps.last?.serviceControl?.isAllowed == true)
        // alice assumes S3Access (the AssumeRole call is hers: source's SCPs, which allow it),
        // then the session (target's principal) is refused by target's unit's SCP.
        let viaRole = try Self.answer(
            configuration, "source.user.alice", "s3:PutObject", "arn:aws:s3:::shared-reports/q1.csv", assume: ["target.role.S3Access"])
        #expect(viaRole.steps.first?.outcome == .allowed)
        #expect(viaRole.outcome == .explicitDeny)
        #expect(viaRole.steps.last?.refusedBy == [.serviceControlPolicies])
        #expect(viaRole.text().contains("service control policy DenyWrites (attached to ou/Data)"))
    }

    /// who-can asks every chain through the same engine: the SCP on target's unit removes the
    /// role (and alice through it) from those who can write, but leaves source's administrator,
    /// who writes through the bucket policy as a principal of source.
    @Test func whoCanAppliesTheSCPs() throws {
        let configuration = Self.configuration { organization in
            organization.policies = [Self.scp("DenyWrites", "Deny", "s3:PutObject")]
            organization.units[0].policies.append("DenyWrites")
        }
        let graph = TrustGraph(analyzer: AccessFixtures.analyzer(configuration))
        let writers = try graph.whoCan(action: "s3:PutObject", resource: "arn:aws:s3:::shared-reports/q1.csv").callers.map(\.principal.name)
        #expect(writers.contains("source.user.admin"), "\(writers)")
        #expect(!writers.contains("target.role.S3Access") && !writers.contains("source.user.alice") && !writers.contains("target.user.admin"), "\(writers)")
        let readers = try graph.whoCan(action: "s3:GetObject", resource: "arn:aws:s3:::shared-reports/q1.csv").callers
        let role = try #require(readers.first { $0.principal.name == "target.role.S3Access" })
        #expect(!role.request.step.reasons.contains { $0.policyName.hasPrefix("service control policy") }, "FullAWSAccess is no reason")
    }

    /// `iamconf access` (effective access) leaves out what the SCPs refuse, for roles, users and
    /// groups of member accounts, and not for the management account's principals.
    @Test func effectiveAccessAppliesTheSCPs() throws {
        let configuration = Self.configuration { organization in
            organization.policies = [Self.scp("DenyWrites", "Deny", "s3:PutObject")]
            organization.rootPolicies.append("DenyWrites")
        }
        let access = EffectiveAccess(configuration: configuration)
        let role = try access.summary(of: "target.role.S3Access").grants.map(\.action)
        #expect(role.contains("s3:GetObject") && !role.contains("s3:PutObject"), "\(role.filter { $0.hasPrefix("s3:P") })")
        let admin = try access.summary(of: "source.user.admin").grants.map(\.action)
        #expect(admin.contains("iam:CreateUser") && !admin.contains("s3:PutObject"))
        let boss = try access.summary(of: "management.user.boss").grants.map(\.action)
        #expect(boss.contains("s3:PutObject"), "the management account is not restricted")
    }

    /// The AssumeRole call itself is restricted by the caller's account's SCPs.
    @Test func assumingARoleIsRestrictedByTheCallersSCPs() throws {
        let configuration = Self.configuration { organization in
            organization.policies = [Self.scp("NoAssume", "Deny", "sts:AssumeRole")]
            organization.units[1].policies.append("NoAssume")  // ou/People, where source sits
        }
        let answer = try Self.answer(
            configuration, "source.user.alice", "s3:GetObject", "arn:aws:s3:::shared-reports/q1.csv", assume: ["target.role.S3Access"])
        #expect(answer.outcome == .explicitDeny)
        #expect(answer.steps.count == 1)
        #expect(answer.steps.first?.refusedBy == [.serviceControlPolicies])
    }
}
