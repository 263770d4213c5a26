import IAMConfCore
import IAMConfState
import Testing

@testable import IAMConfEngine

/// Which inventory objects are not in the configuration, from hand-made inventories.
@Suite struct UnmanagedReportTests {
    static let id = "111111111111"

    static func r(_ address: String, _ type: ResourceType, _ attributes: [String: String], outputs: [String: String] = [:], dependsOn: [String] = []) -> ResourceState {
        ResourceState(
            address: Address(parsing: address)!, type: type, accountID: id, attributes: attributes.mapValues(JSONValue.string), outputs: outputs,
            dependencies: dependsOn.compactMap(Address.init(parsing:)))
    }

    static let inventory = [
        r("a.user.Alice", .user, ["name": "Alice"]),
        r("a.user.Alice.group[devs]", .userGroupMembership, ["user": "Alice", "group": "devs"], dependsOn: ["a.user.Alice", "a.group.devs"]),
        r("a.user.Alice.group[ops]", .userGroupMembership, ["user": "Alice", "group": "ops"], dependsOn: ["a.user.Alice", "a.group.ops"]),
        r("a.group.devs", .group, ["name": "devs"]),
        r("a.group.devs.policy[AdministratorAccess]", .groupPolicyAttachment, ["group": "devs", "policy_arn": "arn:aws:iam::aws:policy/AdministratorAccess"], dependsOn: ["a.group.devs"]),
        r("a.group.ops", .group, ["name": "ops"]),
        r("a.user.mallory", .user, ["name": "mallory"]),
        r("a.user.mallory.access_key[1]", .accessKey, ["user": "mallory"], outputs: ["access_key_id": "AKIA1"], dependsOn: ["a.user.mallory"]),
        r("a.user.mallory.inline[x]", .userInlinePolicy, ["entity": "mallory", "name": "x"], dependsOn: ["a.user.mallory"]),
        r("a.role.Temp", .role, ["name": "Temp"]),
        r("a.instance_profile.web", .instanceProfile, ["name": "web"]),
        r("a.instance_profile.web.role[Temp]", .instanceProfileRole, ["profile": "web", "role": "Temp"], dependsOn: ["a.instance_profile.web", "a.role.Temp"]),
    ]

    /// Declared: alice (spelled differently, as IAM names compare), her membership of devs, devs, the profile.
    static let declared: [(type: ResourceType, accountID: String, attributes: [String: JSONValue])] = [
        (.user, id, ["name": .string("alice")]),
        (.userGroupMembership, id, ["user": .string("alice"), "group": .string("devs")]),
        (.group, id, ["name": .string("devs")]),
        (.instanceProfile, id, ["name": .string("web")]),
    ]

    @Test func additiveListsUndeclaredIdentitiesAndLinksOnDeclaredOnes() {
        let report = UnmanagedReport.find(inventory: Self.inventory, declared: Self.declared, ownership: .additive)
        #expect(report.objects.map(\.address.description) == [
            "a.group.devs.policy[AdministratorAccess]", "a.group.ops", "a.role.Temp", "a.user.Alice.group[ops]", "a.user.mallory",
        ])
        #expect(report.removals.isEmpty)
    }

    @Test func exclusiveRemovesWhatHangsOffThemToo() {
        let report = UnmanagedReport.find(inventory: Self.inventory, declared: Self.declared, ownership: .exclusive)
        #expect(report.removals.map(\.address.description) == [
            "a.group.devs.policy[AdministratorAccess]", "a.group.ops", "a.instance_profile.web.role[Temp]", "a.role.Temp",
            "a.user.Alice.group[ops]", "a.user.mallory", "a.user.mallory.access_key[1]", "a.user.mallory.inline[x]",
        ])
    }

    @Test func summariesSayWhatEachIs() {
        let report = UnmanagedReport.find(inventory: Self.inventory, declared: Self.declared, ownership: .additive)
        #expect(report.objects.map(\.summary) == [
            "policy arn:aws:iam::aws:policy/AdministratorAccess attached to group devs", "group ops", "role Temp",
            "user Alice is a member of group ops", "user mallory",
        ])
        let text = UnmanagedRenderer.text(report, color: false)
        #expect(text.hasPrefix("Objects not in the configuration:\n\n  account a (111111111111), ownership: additive\n    ? "))
        #expect(UnmanagedRenderer.text(UnmanagedReport(), color: false) == "")
    }
}
