import IAMConfBackend
import IAMConfCore

extension ConformanceCases {
    static var groups: [ConformanceCase] {
        [
            ConformanceCase("group: create, read, update path, delete", steps: [
                .ok({ c in .createGroup(name: c.name("devs"), path: "/teams/") },
                    check: ConformanceChecks.arn { "arn:aws:iam::\($0.account):group/teams/\($0.name("devs"))" }),
                .ok({ c in .getGroup(name: c.name("devs")) }, check: ConformanceChecks.attribute("path") { _ in .string("/teams/") }),
                .ok { c in .updateGroup(name: c.name("devs"), newPath: "/") },
                .ok({ c in .getGroup(name: c.name("devs")) },
                    check: ConformanceChecks.arn { "arn:aws:iam::\($0.account):group/\($0.name("devs"))" }),
                .ok { c in .deleteGroup(name: c.name("devs")) },
                .fails(.noSuchEntity) { c in .getGroup(name: c.name("devs")) },
                .fails(.noSuchEntity) { c in .deleteGroup(name: c.name("devs")) },
            ]),
            ConformanceCase("group: duplicate names, also differing in case", knownDeviations: ["endpoint": MotoDeviation.caseSensitiveNames], steps: [
                .createGroup("ops"),
                .fails(.entityAlreadyExists) { c in .createGroup(name: c.name("ops"), path: "/") },
                .fails(.entityAlreadyExists) { c in .createGroup(name: c.name("ops").uppercased(), path: "/") },
                .cleanup { c in .deleteGroup(name: c.name("ops").uppercased()) },
                .deleteGroup("ops"),
            ]),
            ConformanceCase("group: membership add (idempotent) and remove", steps: [
                .createGroup("crew"), .createUser("sailor"),
                .fails(.noSuchEntity) { c in .addUserToGroup(groupName: c.name("crew"), userName: c.name("nobody")) },
                .fails(.noSuchEntity) { c in .addUserToGroup(groupName: c.name("nogroup"), userName: c.name("sailor")) },
                .ok { c in .addUserToGroup(groupName: c.name("crew"), userName: c.name("sailor")) },
                .ok { c in .addUserToGroup(groupName: c.name("crew"), userName: c.name("sailor")) },
                .ok({ c in .getGroup(name: c.name("crew")) },
                    check: ConformanceChecks.attribute("members") { .list($0.name("sailor")) }),
                .ok { c in .removeUserFromGroup(groupName: c.name("crew"), userName: c.name("sailor")) },
                .fails(.noSuchEntity) { c in .removeUserFromGroup(groupName: c.name("crew"), userName: c.name("sailor")) },
                .cleanup { c in .removeUserFromGroup(groupName: c.name("crew"), userName: c.name("sailor")) },
                .deleteUser("sailor"), .deleteGroup("crew"),
            ]),
            ConformanceCase("group: DeleteGroup refuses while it has members", knownDeviations: ["endpoint": MotoDeviation.deleteGroupUnchecked], steps: [
                .createGroup("full"), .createUser("inside"),
                .ok { c in .addUserToGroup(groupName: c.name("full"), userName: c.name("inside")) },
                .fails(.deleteConflict) { c in .deleteGroup(name: c.name("full")) },
                .cleanup { c in .removeUserFromGroup(groupName: c.name("full"), userName: c.name("inside")) },
                .deleteUser("inside"), .deleteGroup("full"),
            ]),
            ConformanceCase("group: DeleteGroup refuses with policies", knownDeviations: ["endpoint": MotoDeviation.deleteGroupUnchecked], steps: [
                .createGroup("governed"),
                .ok { c in .attachGroupPolicy(groupName: c.name("governed"), policyARN: ConformanceDocuments.readOnlyAccess) },
                .fails(.deleteConflict) { c in .deleteGroup(name: c.name("governed")) },
                .ok { c in .detachGroupPolicy(groupName: c.name("governed"), policyARN: ConformanceDocuments.readOnlyAccess) },
                .ok { c in .putGroupPolicy(groupName: c.name("governed"), policyName: "p", document: ConformanceDocuments.allowS3Read) },
                .fails(.deleteConflict) { c in .deleteGroup(name: c.name("governed")) },
                .cleanup { c in .detachGroupPolicy(groupName: c.name("governed"), policyARN: ConformanceDocuments.readOnlyAccess) },
                .cleanup { c in .deleteGroupPolicy(groupName: c.name("governed"), policyName: "p") },
                .deleteGroup("governed"),
            ]),
            ConformanceCase("group: a user may be in ten groups at most", knownDeviations: ["endpoint": MotoDeviation.noIdentityLimits], steps:
                [.createUser("joiner")]
                + (0..<11).map { i in ConformanceStep.createGroup("g\(i)") }
                + (0..<10).map { i in ConformanceStep.ok { c in .addUserToGroup(groupName: c.name("g\(i)"), userName: c.name("joiner")) } }
                + [.fails(.limitExceeded) { c in .addUserToGroup(groupName: c.name("g10"), userName: c.name("joiner")) }]
                + (0..<11).map { i in ConformanceStep.cleanup { c in .removeUserFromGroup(groupName: c.name("g\(i)"), userName: c.name("joiner")) } }
                + (0..<11).map { i in ConformanceStep.deleteGroup("g\(i)") }
                + [.deleteUser("joiner")]
            ),
        ]
    }
}
