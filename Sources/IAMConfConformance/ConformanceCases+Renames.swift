import IAMConfCore
import IAMConfBackend

/// UpdateUser `NewUserName` and UpdateGroup `NewGroupName`: IAM renames in place, so everything
/// that hangs off the entity stays and only the name and ARN change
/// (https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateUser.html,
/// https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateGroup.html).
extension ConformanceCases {
    static var renames: [ConformanceCase] { userRenames + groupRenames }

    static var userRenames: [ConformanceCase] {
        [
            ConformanceCase("user: rename keeps the unique id, keys, login profile, groups and policies", steps: [
                .createUser("before"), .createGroup("renclub"),
                .ok({ c in .getUser(name: c.name("before")) }, save: { ["id": $0.uniqueID ?? ""] }),
                .ok({ c in .createAccessKey(userName: c.name("before")) }, save: { ["key": $0.accessKeyID ?? ""] }),
                .ok { c in .createLoginProfile(userName: c.name("before"), passwordResetRequired: false) },
                .ok { c in .addUserToGroup(groupName: c.name("renclub"), userName: c.name("before")) },
                .ok { c in .attachUserPolicy(userName: c.name("before"), policyARN: ConformanceDocuments.readOnlyAccess) },
                .ok { c in .putUserPolicy(userName: c.name("before"), policyName: "p", document: ConformanceDocuments.allowS3Read) },
                .ok { c in .updateUser(name: c.name("before"), newPath: nil, newName: c.name("after")) },
                .fails(.noSuchEntity) { c in .getUser(name: c.name("before")) },
                .ok({ c in .getUser(name: c.name("after")) },
                    check: ConformanceChecks.all(
                        ConformanceChecks.arn { "arn:aws:iam::\($0.account):user/\($0.name("after"))" },
                        { response, c in response.uniqueID == c["id"] ? nil : "unique id \(response.uniqueID ?? "none") is not \(c["id"])" },
                        ConformanceChecks.attribute("access_keys") { .list($0["key"]) },
                        ConformanceChecks.attribute("login_profile") { _ in .bool(true) },
                        ConformanceChecks.attribute("groups") { .list($0.name("renclub")) },
                        ConformanceChecks.attribute("policies") { _ in .list(ConformanceDocuments.readOnlyAccess) },
                        ConformanceChecks.attribute("inline_policies") { _ in .list("p") })),
                .ok({ c in .getGroup(name: c.name("renclub")) },
                    check: ConformanceChecks.attribute("members") { .list($0.name("after")) }),
            ] + userCleanup("after") + userCleanup("before") + [.deleteGroup("renclub")]),
            ConformanceCase("user: rename and move in one call", steps: [
                .createUser("mover", path: "/eng/"),
                .ok { c in .updateUser(name: c.name("mover"), newPath: "/ops/", newName: c.name("moved")) },
                .ok({ c in .getUser(name: c.name("moved")) },
                    check: ConformanceChecks.arn { "arn:aws:iam::\($0.account):user/ops/\($0.name("moved"))" }),
                .deleteUser("moved"), .deleteUser("mover"),
            ]),
            ConformanceCase("user: rename keeps the tags", knownDeviations: ["endpoint": MotoDeviation.renameDropsTags], steps: [
                .createUser("tagold", tags: [Tag(key: "team", value: "platform")]),
                .ok { c in .updateUser(name: c.name("tagold"), newPath: nil, newName: c.name("tagnew")) },
                .ok({ c in .getUser(name: c.name("tagnew")) }, check: ConformanceChecks.attribute("tags") { _ in .tags(["team": "platform"]) }),
                .deleteUser("tagnew"), .deleteUser("tagold"),
            ]),
            ConformanceCase("user: rename to a taken name is EntityAlreadyExists",
                            knownDeviations: ["endpoint": MotoDeviation.renameOverTakenName], steps: [
                .createUser("taker"), .createUser("taken"),
                .fails(.entityAlreadyExists) { c in .updateUser(name: c.name("taker"), newPath: nil, newName: c.name("taken")) },
                .ok { c in .getUser(name: c.name("taker")) },
                .fails(.noSuchEntity) { c in .updateUser(name: c.name("ghost"), newPath: nil, newName: c.name("ghost2")) },
                .deleteUser("taker"), .deleteUser("taken"),
            ]),
            ConformanceCase("user: rename to a taken name in another case is EntityAlreadyExists",
                            knownDeviations: ["endpoint": MotoDeviation.caseSensitiveNames], steps: [
                .createUser("upper"), .createUser("lower"),
                .fails(.entityAlreadyExists) { c in .updateUser(name: c.name("upper"), newPath: nil, newName: c.name("lower").uppercased()) },
                .cleanup { c in .deleteUser(name: c.name("lower").uppercased()) },
                .deleteUser("upper"), .deleteUser("lower"),
            ]),
        ]
    }

    static var groupRenames: [ConformanceCase] {
        [
            ConformanceCase("group: rename keeps the unique id, members and policies", steps: [
                .createGroup("gold"), .createUser("gmember"),
                .ok({ c in .getGroup(name: c.name("gold")) }, save: { ["id": $0.uniqueID ?? ""] }),
                .ok { c in .addUserToGroup(groupName: c.name("gold"), userName: c.name("gmember")) },
                .ok { c in .attachGroupPolicy(groupName: c.name("gold"), policyARN: ConformanceDocuments.readOnlyAccess) },
                .ok { c in .putGroupPolicy(groupName: c.name("gold"), policyName: "p", document: ConformanceDocuments.allowS3Read) },
                .ok { c in .updateGroup(name: c.name("gold"), newPath: nil, newName: c.name("gnew")) },
                .fails(.noSuchEntity) { c in .getGroup(name: c.name("gold")) },
                .ok({ c in .getGroup(name: c.name("gnew")) },
                    check: ConformanceChecks.all(
                        ConformanceChecks.arn { "arn:aws:iam::\($0.account):group/\($0.name("gnew"))" },
                        { response, c in response.uniqueID == c["id"] ? nil : "unique id \(response.uniqueID ?? "none") is not \(c["id"])" },
                        ConformanceChecks.attribute("members") { .list($0.name("gmember")) },
                        ConformanceChecks.attribute("policies") { _ in .list(ConformanceDocuments.readOnlyAccess) },
                        ConformanceChecks.attribute("inline_policies") { _ in .list("p") })),
                .ok({ c in .getUser(name: c.name("gmember")) },
                    check: ConformanceChecks.attribute("groups") { .list($0.name("gnew")) }),
            ] + groupCleanup("gnew", member: "gmember") + groupCleanup("gold", member: "gmember") + [.deleteUser("gmember")]),
            ConformanceCase("group: rename to a taken name is EntityAlreadyExists", steps: [
                .createGroup("gtaker"), .createGroup("gtaken"),
                .fails(.entityAlreadyExists) { c in .updateGroup(name: c.name("gtaker"), newPath: nil, newName: c.name("gtaken")) },
                .fails(.noSuchEntity) { c in .updateGroup(name: c.name("gghost"), newPath: nil, newName: c.name("gghost2")) },
                .deleteGroup("gtaker"), .deleteGroup("gtaken"),
            ]),
        ]
    }

    /// Removes what the rename case hung off a user, under whichever name it ended with.
    private static func userCleanup(_ base: String) -> [ConformanceStep] {
        [
            .cleanup { c in .removeUserFromGroup(groupName: c.name("renclub"), userName: c.name(base)) },
            .cleanup { c in .detachUserPolicy(userName: c.name(base), policyARN: ConformanceDocuments.readOnlyAccess) },
            .cleanup { c in .deleteUserPolicy(userName: c.name(base), policyName: "p") },
            .cleanup { c in .deleteLoginProfile(userName: c.name(base)) },
            .cleanup { c in .deleteAccessKey(userName: c.name(base), accessKeyID: c["key"]) },
            .deleteUser(base),
        ]
    }

    private static func groupCleanup(_ base: String, member: String) -> [ConformanceStep] {
        [
            .cleanup { c in .removeUserFromGroup(groupName: c.name(base), userName: c.name(member)) },
            .cleanup { c in .detachGroupPolicy(groupName: c.name(base), policyARN: ConformanceDocuments.readOnlyAccess) },
            .cleanup { c in .deleteGroupPolicy(groupName: c.name(base), policyName: "p") },
            .deleteGroup(base),
        ]
    }
}
