import IAMConfBackend
import IAMConfCore
import IAMConfEngine
import IAMConfSimulator
import IAMConfState
import Testing

/// The organization as resources: planned, applied to the simulator, planned again without
/// changes, read back, changed and destroyed.
@Suite("Organization apply")
struct OrganizationApplyTests {
    static let denyWrites = #"{"Version":"2012-10-17","Statement":[{"Sid":"NoWrites","Effect":"Deny","Action":"s3:PutObject","Resource":"*"}]}"#
    static let allowRead = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:Get*","Resource":"*"}]}"#

    static func configuration(denyDocument: String = denyWrites, allowList: Bool = true) -> Configuration {
        let accounts = [
            Account(name: "management", id: "111111111111"), Account(name: "target", id: "222222222222"),
            Account(name: "source", id: "333333333333"),
        ]
        var configuration = Configuration(accounts: accounts)
        func document(_ text: String) -> PolicySource { PolicySource(document: try! JSONParser.parse(text)) }
        configuration.organization = Organization(
            managementAccount: "management",
            policies: [
                ServiceControlPolicy(name: "DenyWrites", description: "no writes", document: document(denyDocument)),
                ServiceControlPolicy(name: "ReadOnly", document: document(allowRead)),
            ],
            units: [OrganizationalUnit(path: ["Data"], policies: ["FullAWSAccess", "DenyWrites"]), OrganizationalUnit(path: ["Data", "Lake"])],
            placements: [
                AccountPlacement(account: "management"),
                AccountPlacement(account: "target", unitPath: ["Data", "Lake"]),
                AccountPlacement(account: "source", policies: allowList ? ["ReadOnly"] : ["FullAWSAccess"]),
            ])
        return configuration
    }

    func apply(_ desired: [Resource], over prior: State?, on simulator: IAMSimulator, destroy: Bool = false) async throws -> (Plan, State) {
        let plan = Planner().plan(desired: desired, prior: prior, backend: .simulator, mode: destroy ? .destroy : .normal)
        let recorder = StateRecorder()
        if let prior { for resource in prior.resources.values { await recorder.record(.saved(resource, wasAdopted: false)) } }
        let report = await Applier(backend: simulator).apply(plan) { await recorder.record($0) }
        if let failure = report.failures.first { throw failure.error }
        return (plan, State(lineage: "test", serial: 2, backend: .simulator, resources: await recorder.resources))
    }

    @Test("the addresses read as the organization's tree")
    func addresses() {
        let addresses = Set(DesiredResources.from(Self.configuration()).map(\.address.description))
        #expect(addresses.isSuperset(of: [
            "organization.root", "organization.unit.Data", "organization.unit.Data/Lake", "organization.scp.DenyWrites",
            "organization.scp.DenyWrites.attachment[ou/Data]", "organization.scp.ReadOnly.attachment[account/source]",
            "organization.scp.FullAWSAccess.detachment[account/source]", "organization.account.target", "organization.account.management",
        ]))
        for address in addresses { #expect(Address(parsing: address)?.description == address) }
        #expect(!addresses.contains("organization.scp.FullAWSAccess.attachment[root]"), "AWS attaches FullAWSAccess itself")
    }

    @Test("apply records the organization; a second plan shows no changes; refresh finds no drift")
    func applyAndConverge() async throws {
        let simulator = try makeSimulator()
        let desired = DesiredResources.from(Self.configuration())
        let (_, state) = try await apply(desired, over: nil, on: simulator)
        let organization = try #require(await simulator.snapshot.organization)
        #expect(organization.managementAccountID == "111111111111")
        #expect(organization.unit(path: ["Data"])?.policies == ["FullAWSAccess", "DenyWrites"])
        #expect(organization.members["222222222222"]?.parent == ["Data", "Lake"])
        #expect(organization.members["333333333333"]?.policies == ["ReadOnly"], "FullAWSAccess detached after ReadOnly was attached")
        #expect(Planner().plan(desired: desired, prior: state, backend: .simulator).changes.isEmpty)
        let refreshed = try await Refresher(backend: simulator).refresh(state)
        #expect(refreshed.drift.isEmpty, "\(refreshed.drift)")
    }

    @Test("a changed SCP document is an update in place; destroy removes the organization")
    func changeAndDestroy() async throws {
        let simulator = try makeSimulator()
        let (_, state) = try await apply(DesiredResources.from(Self.configuration()), over: nil, on: simulator)
        let changedDocument = #"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:DeleteObject","Resource":"*"}]}"#
        let changed = DesiredResources.from(Self.configuration(denyDocument: changedDocument, allowList: false))
        let (plan, after) = try await apply(changed, over: state, on: simulator)
        let actions = Dictionary(uniqueKeysWithValues: plan.changes.map { ($0.address.description, $0.action) })
        #expect(actions["organization.scp.DenyWrites"] == .update)
        #expect(actions["organization.scp.FullAWSAccess.detachment[account/source]"] == .delete)
        let organization = try #require(await simulator.snapshot.organization)
        #expect(organization.policies["DenyWrites"]?.document == changedDocument)
        #expect(organization.members["333333333333"]?.policies.contains("FullAWSAccess") == true)
        _ = try await apply(changed, over: after, on: simulator, destroy: true)
        #expect(await simulator.snapshot.organization == nil)
    }
}

extension OrganizationApplyTests {
    @Test("an apply that lost its state takes the organization's objects back and converges")
    func lostStateAdopted() async throws {
        let simulator = try makeSimulator()
        let desired = DesiredResources.from(Self.configuration())
        _ = try await apply(desired, over: nil, on: simulator)
        let before = await simulator.snapshot.organization
        let (_, state) = try await apply(desired, over: nil, on: simulator)
        #expect(await simulator.snapshot.organization == before, "nothing made twice, nothing lost")
        #expect(Planner().plan(desired: desired, prior: state, backend: .simulator).changes.isEmpty)
    }
}

extension OrganizationApplyTests {
    @Test("a unit that goes while its account moves to the root: the account moves first")
    func unitRemovedUnderAnAccount() async throws {
        let simulator = try makeSimulator()
        let (_, state) = try await apply(DesiredResources.from(Self.configuration()), over: nil, on: simulator)
        var configuration = Self.configuration()
        var organization = try #require(configuration.organization)
        organization.units.removeAll { $0.path == ["Data", "Lake"] }
        for index in organization.placements.indices where organization.placements[index].account == "target" {
            organization.placements[index].unitPath = []
        }
        configuration.organization = organization
        let (plan, _) = try await apply(DesiredResources.from(configuration), over: state, on: simulator)
        let actions = Dictionary(uniqueKeysWithValues: plan.changes.map { ($0.address.description, $0.action) })
        #expect(actions["organization.account.target"] == .update, "MoveAccount, in place")
        #expect(actions["organization.unit.Data/Lake"] == .delete)
        let applied = try #require(await simulator.snapshot.organization)
        #expect(applied.members["222222222222"]?.parent == [])
        #expect(applied.unit(path: ["Data", "Lake"]) == nil)
    }
}
