import IAMConfCore
import IAMConfState
import Testing

@testable import IAMConfEngine

/// `renamed_from:` in the planner: one in-place update at the new address, everything hanging off
/// the object moved along without an IAM call, and the state moved in one step.
@Suite struct RenamePlanningTests {
    static let accountID = "111111111111"
    static let readOnly = PolicyAttachment(arn: "arn:aws:iam::aws:policy/ReadOnlyAccess", name: "ReadOnlyAccess", isAWSManaged: true)

    /// bob (keys, console, inline and managed policy) and carol, both in devs.
    static func configuration(user: String = "bob", userFrom: String? = nil, group: String = "devs", groupFrom: String? = nil,
                              loginProfile: Bool = true, resetRequired: Bool = true) -> Configuration {
        var account = Account(name: "source", id: accountID)
        var devs = Group(name: group)
        devs.policies = [readOnly]
        devs.renamedFrom = groupFrom.map { FormerName(name: $0) }
        account.groups = [devs]
        var bob = User(name: user)
        bob.renamedFrom = userFrom.map { FormerName(name: $0) }
        bob.groups = [group]
        bob.policies = [readOnly]
        bob.inlinePolicies = [InlinePolicy(name: "Read", document: PolicySource(document: .object([("Version", .string("2012-10-17"))])))]
        bob.loginProfile = loginProfile ? LoginProfile(passwordResetRequired: resetRequired) : nil
        bob.accessKeys = 1
        var carol = User(name: "carol")
        carol.groups = [group]
        account.users = [bob, carol]
        return Configuration(accounts: [account])
    }

    /// The state an apply of the original configuration leaves: ids, an access key and a password.
    static var applied: State {
        var resources: [Address: ResourceState] = [:]
        for resource in DesiredResources.from(configuration()) {
            var state = ResourceState(
                address: resource.address, type: resource.type, accountID: resource.accountID,
                attributes: resource.attributes, dependencies: resource.dependencies)
            switch resource.type {
            case .user, .group: state.outputs["unique_id"] = "AIDA-\(resource.address.name ?? "")"
            case .accessKey:
                state.outputs["access_key_id"] = "AKIAEXAMPLE"
                state.secrets["secret_access_key"] = "secret"
            case .loginProfile: state.secrets["password"] = "hunter2"
            default: break
            }
            resources[resource.address] = state
        }
        return State(lineage: "l", serial: 4, resources: resources)
    }

    static func plan(_ configuration: Configuration, prior: State = applied) -> Plan {
        Planner().plan(desired: DesiredResources.from(configuration), prior: prior, backend: .simulator)
    }

    static func address(_ text: String) -> Address { Address(parsing: text)! }

    @Test func aUserRenameIsOneInPlaceUpdateAndItsPartsMoveAlong() throws {
        let plan = Self.plan(Self.configuration(user: "alice", userFrom: "bob"))
        #expect(plan.changes.map(\.address.description) == ["source.user.alice"])
        let change = try #require(plan.changes.first)
        #expect(change.action == .update)
        #expect(change.previousAddress == Self.address("source.user.bob"))
        #expect(change.changedAttributes == ["name"])
        #expect(change.before?.attributes["name"] == .string("bob"))
        #expect(change.movedAlong.map(\.description) == [
            "source.user.bob.access_key[1]", "source.user.bob.group[devs]", "source.user.bob.inline[Read]",
            "source.user.bob.login_profile", "source.user.bob.policy[ReadOnlyAccess]",
        ])
        #expect(plan.summary == (0, 1, 0))
    }

    @Test func withoutRenamedFromTheSameChangeReplacesEverything() {
        let plan = Self.plan(Self.configuration(user: "alice"))
        #expect(plan.summary == (6, 0, 6))
        #expect(plan.changes.allSatisfy { $0.previousAddress == nil })
    }

    @Test func aGroupRenameMovesEveryMembershipAndItsAttachment() throws {
        let plan = Self.plan(Self.configuration(group: "developers", groupFrom: "devs"))
        #expect(plan.changes.map(\.address.description) == ["source.group.developers"])
        let change = try #require(plan.changes.first)
        #expect(change.movedAlong.map(\.description) == [
            "source.group.devs.policy[ReadOnlyAccess]", "source.user.bob.group[devs]", "source.user.carol.group[devs]",
        ])
    }

    @Test func aRenameAlreadyInTheStateIsNothingToDo() {
        let renamed = Self.configuration(user: "alice", userFrom: "bob")
        var state = Self.applied
        let change = Self.plan(renamed).changes[0]
        Applier.Outcome.renamed(
            ResourceState(address: change.address, type: ResourceType(rawValue: "user"), accountID: Self.accountID, attributes: change.after?.attributes ?? [:],
                          outputs: change.before?.outputs ?? [:], dependencies: []),
            from: change.previousAddress!, movedAlong: change.movedAlong).apply(to: &state.resources)
        let again = Self.plan(renamed, prior: state)
        #expect(again.changes.isEmpty, "\(again.changes.map(\.address))")
    }

    @Test func theOutcomeMovesTheStateInOneStepKeepingSecrets() throws {
        let change = Self.plan(Self.configuration(user: "alice", userFrom: "bob")).changes[0]
        var resources = Self.applied.resources
        var after = try #require(change.before)
        after.address = change.address
        after.attributes["name"] = .string("alice")
        Applier.Outcome.renamed(after, from: change.previousAddress!, movedAlong: change.movedAlong).apply(to: &resources)
        #expect(!resources.keys.contains { $0.name == "bob" })
        let key = try #require(resources[Self.address("source.user.alice.access_key[1]")])
        #expect(key.attributes["user"] == .string("alice"))
        #expect(key.secrets["secret_access_key"] == "secret")
        #expect(key.outputs["access_key_id"] == "AKIAEXAMPLE")
        #expect(key.dependencies == [Self.address("source.user.alice")])
        #expect(resources[Self.address("source.user.alice.login_profile")]?.secrets["password"] == "hunter2")
        #expect(resources[Self.address("source.user.alice.inline[Read]")]?.attributes["entity"] == .string("alice"))
        #expect(resources[Self.address("source.user.alice")]?.outputs["unique_id"] == "AIDA-bob")
        // carol's membership of devs is not bob's: it stays.
        #expect(resources[Self.address("source.user.carol.group[devs]")] != nil)
    }

    @Test func aPartThatChangesMovesAndIsUpdatedAtItsNewAddress() throws {
        let plan = Self.plan(Self.configuration(user: "alice", userFrom: "bob", resetRequired: false))
        #expect(plan.changes.map(\.address.description) == ["source.user.alice", "source.user.alice.login_profile"])
        let profile = plan.changes[1]
        #expect(profile.action == .update)
        #expect(profile.before?.attributes["user"] == .string("alice"))
        #expect(plan.changes[0].movedAlong.contains(Self.address("source.user.bob.login_profile")))
    }

    @Test func aPartDroppedWithTheRenameIsDestroyedUnderTheOldName() throws {
        let plan = Self.plan(Self.configuration(user: "alice", userFrom: "bob", loginProfile: false))
        #expect(plan.changes.map(\.address.description) == ["source.user.alice", "source.user.bob.login_profile"])
        #expect(plan.changes[1].action == .delete)
        #expect(plan.changes[1].before?.attributes["user"] == .string("bob"))
        #expect(!plan.changes[0].movedAlong.contains(Self.address("source.user.bob.login_profile")))
    }

    @Test func renamingBothEndsOfAMembershipRemakesIt() throws {
        let plan = Self.plan(Self.configuration(user: "alice", userFrom: "bob", group: "developers", groupFrom: "devs"))
        let actions = Dictionary(uniqueKeysWithValues: plan.changes.map { ($0.address.description, $0.action) })
        #expect(actions["source.user.alice"] == .update)
        #expect(actions["source.group.developers"] == .update)
        #expect(actions["source.user.bob.group[devs]"] == .delete)
        #expect(actions["source.user.alice.group[developers]"] == .create)
        #expect(actions["source.user.carol.group[developers]"] == nil)
    }

    @Test func theTextShowsTheMovesAndTheNameChange() {
        let text = PlanRenderer.text(Self.plan(Self.configuration(user: "alice", userFrom: "bob")), color: false)
        #expect(text.contains("  # source.user.bob has moved to source.user.alice\n"))
        #expect(text.contains("  # source.user.bob.login_profile has moved to source.user.alice.login_profile\n"))
        #expect(text.contains("  # source.user.alice will be updated in place\n"))
        #expect(text.contains(#"~ name = "bob" -> "alice""#))
        #expect(text.contains("Plan: 0 to add, 1 to change, 0 to destroy."))
        #expect(!text.contains("forces replacement"))
    }

    @Test func theJSONCarriesTerraformsPreviousAddress() throws {
        let json = try JSONParser.parse(PlanRenderer.json(Self.plan(Self.configuration(user: "alice", userFrom: "bob"))))
        let change = try #require(json["resource_changes"]?.arrayValue?.first)
        #expect(change["previous_address"] == .string("source.user.bob"))
        #expect(change["change"]?["actions"] == .array([.string("update")]))
        #expect(change["iamconf"]?["moved_along"]?.arrayValue?.count == 5)
    }

    @Test func aSavedPlanRoundTripsTheRenameAndItsSecrets() throws {
        let plan = Self.plan(Self.configuration(user: "alice", userFrom: "bob", resetRequired: false))
        let decoded = try PlanFile.decode(PlanFile.encode(plan))
        #expect(decoded.changes.map(\.previousAddress) == plan.changes.map(\.previousAddress))
        #expect(decoded.changes.map(\.movedAlong) == plan.changes.map(\.movedAlong))
        #expect(decoded.changes.first?.after?.renamedFrom == Self.address("source.user.bob"))
        // The moved login profile's password is found under its old address in the state.
        let restored = PlanFile.restoringSecrets(decoded, from: Self.applied)
        #expect(restored.changes[1].before?.secrets["password"] == "hunter2")
        #expect(restored == plan)
    }

    @Test func aPlanFileWhoseMovedAddressIsNotUnderTheOldOwnerIsRefused() throws {
        let text = PlanFile.encode(Self.plan(Self.configuration(user: "alice", userFrom: "bob")))
            .replacingOccurrences(of: "\"source.user.bob.login_profile\"", with: "\"source.user.carol.login_profile\"")
        #expect(throws: PlanFileError.self) { try PlanFile.decode(text) }
    }

    /// The example of docs/configuration.md, "Renames in place", as printed there.
    @Test func theDocumentedExamplePrintsAsDocumented() {
        func configuration(_ name: String, from: String?) -> Configuration {
            var account = Account(name: "source", id: Self.accountID)
            account.groups = [Group(name: "developers")]
            var user = User(name: name)
            user.renamedFrom = from.map { FormerName(name: $0) }
            user.groups = ["developers"]
            user.loginProfile = LoginProfile()
            user.accessKeys = 1
            account.users = [user]
            return Configuration(accounts: [account])
        }
        var prior = State(lineage: "l")
        for resource in DesiredResources.from(configuration("bob", from: nil)) {
            prior.resources[resource.address] = ResourceState(
                address: resource.address, type: resource.type, accountID: resource.accountID, attributes: resource.attributes,
                dependencies: resource.dependencies)
        }
        let plan = Self.plan(configuration("alice", from: "bob"), prior: prior)
        let expected = """
              # source.user.bob has moved to source.user.alice
              # source.user.bob.access_key[1] has moved to source.user.alice.access_key[1]
              # source.user.bob.group[developers] has moved to source.user.alice.group[developers]
              # source.user.bob.login_profile has moved to source.user.alice.login_profile
              # source.user.alice will be updated in place
              ~ resource "user" "source.user.alice" {
                  ~ name = "bob" -> "alice"
                    # (2 unchanged attributes hidden)
                }

            Plan: 0 to add, 1 to change, 0 to destroy.

            """
        let text = PlanRenderer.text(plan, color: false)
        #expect(text.hasSuffix(expected), "\(text)")
    }
}
