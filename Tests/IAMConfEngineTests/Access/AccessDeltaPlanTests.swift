import IAMConfConfig
import IAMConfCore
import IAMConfPolicy
import IAMConfState
import Testing

@testable import IAMConfEngine

@Suite("Access delta in plans")
struct AccessDeltaPlanTests {
    typealias F = AccessDeltaFixtures

    @Test("each edit's plan, text and JSON, matches its golden file", arguments: F.edits.map(\.name))
    func golden(_ name: String) throws {
        let edit = try #require(F.edits.first { $0.name == name })
        let plan = F.plan(from: F.base, to: F.edited(edit))
        Golden.check(PlanRenderer.text(plan, color: false), "access-\(name).txt")
        Golden.check(PlanRenderer.json(plan), "access-\(name).json")
    }

    @Test("colours follow the plan's: + green, - red, headings bold; none without colour")
    func colour() throws {
        let edit = try #require(F.edits.first { $0.name == "change-bucket-policy" })
        let plan = F.plan(from: F.base, to: F.edited(edit))
        Golden.check(PlanRenderer.text(plan, color: true), "access-change-bucket-policy-color.txt")
        #expect(!PlanRenderer.text(plan, color: false).contains("\u{1B}"))
    }

    @Test("attaching a managed policy is a gain of its actions, and only a gain")
    func attach() throws {
        let plan = F.plan(from: F.base, to: F.edited(F.edits[0]))
        let changes = try #require(plan.accessChanges)
        guard case let .permissions(change)? = changes.first, changes.count == 1 else { Issue.record("\(changes)"); return }
        #expect(change.principal.name == "main.user.alice")
        #expect(change.status == .changed && change.losses.isEmpty)
        #expect(change.gains.contains { $0.actions.contains("s3:GetObject") || ($0.scope == .service && $0.service == "s3") })
        #expect(plan.grantsNewAccess)
    }

    @Test("joining a group gains the group's grants")
    func group() throws {
        let plan = F.plan(from: F.base, to: F.edited(F.edits[1]))
        guard case let .permissions(change)? = plan.accessChanges?.first else { Issue.record("no change"); return }
        #expect(change.principal.name == "main.user.bob")
        #expect(change.gains.map(\.text) == [
            "s3 List (1 of 16): ListBucket on arn:aws:s3:::reports, arn:aws:s3:::reports/*",
            "s3 Read (1 of 62): GetObject on arn:aws:s3:::reports, arn:aws:s3:::reports/*",
        ])
    }

    @Test("widening a trust policy: another account may assume, and the MFA condition is gone")
    func trust() throws {
        let plan = F.plan(from: F.base, to: F.edited(F.edits[2]))
        guard case let .trust(change)? = plan.accessChanges?.first else { Issue.record("no trust change"); return }
        #expect(change.role.name == "main.role.Deploy")
        #expect(change.gains.map(\.principal.name) == ["arn:aws:iam::333333333333:root", "partner.root"])
        #expect(change.gains.allSatisfy { $0.conditions.isEmpty })
        #expect(change.losses.isEmpty, "partner.root with MFA is covered by partner.root without a condition")
    }

    @Test("a permissions boundary is a loss only, and passes --deny-new-access")
    func boundary() throws {
        let plan = F.plan(from: F.base, to: F.edited(F.edits[3]))
        guard case let .permissions(change)? = plan.accessChanges?.first else { Issue.record("no change"); return }
        #expect(change.principal.name == "main.user.carol")
        #expect(change.gains.isEmpty)
        let everything = try #require(change.losses.first)
        #expect(everything.scope == .allActions && everything.excludedServices == ["logs", "s3"])
        #expect(!plan.grantsNewAccess)
    }

    @Test("a bucket policy change: who gains which S3 actions, and what a new Deny takes from everyone")
    func bucket() throws {
        let plan = F.plan(from: F.base, to: F.edited(F.edits[4]))
        guard case let .bucketPolicy(change)? = plan.accessChanges?.first else { Issue.record("no bucket change"); return }
        #expect(change.bucket == "main.bucket.reports")
        let partner = try #require(change.principals.first { $0.principal.name == "partner.root" })
        #expect(partner.gains.map(\.actions) == [["s3:PutObject"]])
        let anyone = try #require(change.principals.first { $0.principal.kind == .anyone })
        #expect(anyone.nowDenied.first?.conditions.map(\.key) == ["aws:SecureTransport"])
        #expect(plan.grantsNewAccess)
    }

    @Test("a plan that changes nothing about access computes nothing and shows nothing")
    func noAccessChange() {
        let edited = F.base.replacingOccurrences(of: "      alice: {}", with: "      alice: { tags: { team: data }, path: /people/ }")
            .replacingOccurrences(of: "      bob: {}", with: "      bob: { login_profile: { password_reset_required: true } }")
        let plan = F.plan(from: F.base, to: edited)
        #expect(plan.hasChanges)
        // alice's tags and path change her facts, so she is evaluated, but no statement depends on them.
        #expect(plan.accessChanges == [])
        #expect(!PlanRenderer.text(plan, color: false).contains("Access changes:"))
    }

    @Test("a plan that reaches more than the limit says its access changes were not computed, and why; without a limit they are")
    func limit() throws {
        let prior = F.state(F.base)
        var plan = Planner().plan(desired: DesiredResources.from(F.configuration(F.edited(F.edits[0]))), prior: prior, backend: .simulator)
        PlanAccess.annotate(&plan, prior: prior, limit: 0)
        #expect(plan.accessChanges == nil)
        let reason = try #require(plan.accessChangesSkipped)
        #expect(reason.contains("the plan reaches 1 principals") && reason.contains("--full-access-changes"))
        let text = PlanRenderer.text(plan, color: false)
        #expect(text.contains("Access changes: not computed: the plan reaches 1 principals"))
        #expect(PlanRenderer.json(plan).contains("\"access_changes_skipped\""))
        let read = try PlanFile.decode(PlanFile.encode(plan))
        #expect(read.accessChangesSkipped == reason && read.accessChanges == nil)
        PlanAccess.annotate(&plan, prior: prior, limit: nil)
        #expect(plan.accessChangesSkipped == nil && plan.grantsNewAccess)
        PlanAccess.annotate(&plan, prior: prior, limit: PlanAccess.defaultLimit)
        #expect(plan.accessChanges?.isEmpty == false, "a one-principal change is far under the default limit")
    }

    @Test("access changes survive the plan file, so show PLANFILE prints what plan printed")
    func planFile() throws {
        let plan = F.plan(from: F.base, to: F.edited(F.edits[4]))
        let read = try PlanFile.decode(PlanFile.encode(plan))
        #expect(read.accessChanges == plan.accessChanges)
        #expect(PlanRenderer.text(read, color: false) == PlanRenderer.text(plan, color: false))
    }

    @Test("the state seen as a configuration gives every principal the access the configuration gives it", arguments: [
        "cross-account", "admins-group", "ec2-instance-profile", "github-oidc", "mfa-protected-admin",
    ])
    func stateView(_ example: String) throws {
        let directory = Golden.directory.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("examples/\(example)")
        let (loaded, diagnostics) = ConfigurationLoader.load(path: directory.path)
        let configuration = try #require(loaded, "\(diagnostics)")
        var resources: [Address: ResourceState] = [:]
        for resource in DesiredResources.from(configuration) {
            resources[resource.address] = ResourceState(address: resource.address, type: resource.type, accountID: resource.accountID, attributes: resource.attributes)
        }
        let view = State(lineage: "x", resources: resources).accessConfiguration()
        let fromYAML = EffectiveAccess(configuration: configuration)
        let fromState = EffectiveAccess(configuration: view)
        for account in configuration.accounts {
            for name in account.users.map({ "\(account.name).user.\($0.name)" }) + account.roles.map({ "\(account.name).role.\($0.name)" }) {
                let want = try fromYAML.summary(of: name)
                let got = try fromState.summary(of: name)
                #expect(got.groups == want.groups, "\(name)")
                #expect(got.assumableBy == want.assumableBy, "\(name)")
            }
        }
    }
}
