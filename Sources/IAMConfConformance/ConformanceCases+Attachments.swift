import IAMConfBackend
import IAMConfCore

extension ConformanceCases {
    static var attachments: [ConformanceCase] {
        [
            ConformanceCase("attachments: AWS managed policy on user, group and role", steps: [
                .createUser("u"), .createGroup("g"), .createRole("r"),
                .ok { c in .attachUserPolicy(userName: c.name("u"), policyARN: ConformanceDocuments.readOnlyAccess) },
                .ok { c in .attachUserPolicy(userName: c.name("u"), policyARN: ConformanceDocuments.readOnlyAccess) },
                .ok { c in .attachGroupPolicy(groupName: c.name("g"), policyARN: ConformanceDocuments.readOnlyAccess) },
                .ok { c in .attachRolePolicy(roleName: c.name("r"), policyARN: ConformanceDocuments.readOnlyAccess) },
                .ok { c in .detachUserPolicy(userName: c.name("u"), policyARN: ConformanceDocuments.readOnlyAccess) },
                .fails(.noSuchEntity) { c in .detachUserPolicy(userName: c.name("u"), policyARN: ConformanceDocuments.readOnlyAccess) },
                .ok { c in .detachGroupPolicy(groupName: c.name("g"), policyARN: ConformanceDocuments.readOnlyAccess) },
                .ok { c in .detachRolePolicy(roleName: c.name("r"), policyARN: ConformanceDocuments.readOnlyAccess) },
                .cleanup { c in .detachUserPolicy(userName: c.name("u"), policyARN: ConformanceDocuments.readOnlyAccess) },
                .cleanup { c in .detachGroupPolicy(groupName: c.name("g"), policyARN: ConformanceDocuments.readOnlyAccess) },
                .cleanup { c in .detachRolePolicy(roleName: c.name("r"), policyARN: ConformanceDocuments.readOnlyAccess) },
                .deleteUser("u"), .deleteGroup("g"), .deleteRole("r"),
            ]),
            ConformanceCase("attachments: unknown policy or identity is NoSuchEntity", steps: [
                .createUser("lonely"),
                .fails(.noSuchEntity) { c in .attachUserPolicy(userName: c.name("lonely"), policyARN: ConformanceDocuments.unknownAWSPolicy) },
                .fails(.noSuchEntity) { c in .attachUserPolicy(userName: c.name("lonely"), policyARN: c.policyARN("nopolicy")) },
                .fails(.noSuchEntity) { c in .attachUserPolicy(userName: c.name("nouser"), policyARN: ConformanceDocuments.readOnlyAccess) },
                .fails(.noSuchEntity) { c in .attachRolePolicy(roleName: c.name("norole"), policyARN: ConformanceDocuments.readOnlyAccess) },
                .fails(.noSuchEntity) { c in .attachGroupPolicy(groupName: c.name("nogroup"), policyARN: ConformanceDocuments.readOnlyAccess) },
                .deleteUser("lonely"),
            ]),
            ConformanceCase("attachments: customer policy attach, count, detach", steps: [
                .createPolicy("mine"), .createRole("wearer"),
                .ok { c in .attachRolePolicy(roleName: c.name("wearer"), policyARN: c.policyARN("mine")) },
                .ok({ c in .getRole(name: c.name("wearer")) },
                    check: ConformanceChecks.attribute("policies") { .list($0.policyARN("mine")) }),
                .ok { c in .detachRolePolicy(roleName: c.name("wearer"), policyARN: c.policyARN("mine")) },
                .ok({ c in .getPolicy(arn: c.policyARN("mine")) }, check: ConformanceChecks.attribute("attachment_count") { _ in .number("0") }),
                .cleanup { c in .detachRolePolicy(roleName: c.name("wearer"), policyARN: c.policyARN("mine")) },
                .deleteRole("wearer"), .deletePolicy("mine"),
            ]),
            ConformanceCase("attachments: ten managed policies per identity at most", knownDeviations: ["endpoint": MotoDeviation.noIdentityLimits], steps:
                [.createUser("collector")]
                + (0..<11).map { i in ConformanceStep.createPolicy("p\(i)") }
                + (0..<10).map { i in ConformanceStep.ok { c in .attachUserPolicy(userName: c.name("collector"), policyARN: c.policyARN("p\(i)")) } }
                + [.fails(.limitExceeded) { c in .attachUserPolicy(userName: c.name("collector"), policyARN: c.policyARN("p10")) }]
                + (0..<11).map { i in ConformanceStep.cleanup { c in .detachUserPolicy(userName: c.name("collector"), policyARN: c.policyARN("p\(i)")) } }
                + (0..<11).map { i in ConformanceStep.deletePolicy("p\(i)") }
                + [.deleteUser("collector")]
            ),
        ]
    }

    static var inlinePolicies: [ConformanceCase] {
        [
            ConformanceCase("inline: put, replace and delete on user, group and role", steps: [
                .createUser("iu"), .createGroup("ig"), .createRole("ir"),
                .ok { c in .putUserPolicy(userName: c.name("iu"), policyName: "read", document: ConformanceDocuments.allowS3Read) },
                .ok { c in .putUserPolicy(userName: c.name("iu"), policyName: "read", document: ConformanceDocuments.allowS3List) },
                .ok { c in .putGroupPolicy(groupName: c.name("ig"), policyName: "read", document: ConformanceDocuments.allowS3Read) },
                .ok { c in .putRolePolicy(roleName: c.name("ir"), policyName: "read", document: ConformanceDocuments.allowS3Read) },
                .ok { c in .deleteUserPolicy(userName: c.name("iu"), policyName: "read") },
                .fails(.noSuchEntity) { c in .deleteUserPolicy(userName: c.name("iu"), policyName: "read") },
                .ok { c in .deleteGroupPolicy(groupName: c.name("ig"), policyName: "read") },
                .fails(.noSuchEntity) { c in .deleteGroupPolicy(groupName: c.name("ig"), policyName: "read") },
                .ok { c in .deleteRolePolicy(roleName: c.name("ir"), policyName: "read") },
                .fails(.noSuchEntity) { c in .deleteRolePolicy(roleName: c.name("ir"), policyName: "read") },
                .fails(.noSuchEntity) { c in .putUserPolicy(userName: c.name("nouser"), policyName: "read", document: ConformanceDocuments.allowS3Read) },
                .cleanup { c in .deleteUserPolicy(userName: c.name("iu"), policyName: "read") },
                .cleanup { c in .deleteGroupPolicy(groupName: c.name("ig"), policyName: "read") },
                .cleanup { c in .deleteRolePolicy(roleName: c.name("ir"), policyName: "read") },
                .deleteUser("iu"), .deleteGroup("ig"), .deleteRole("ir"),
            ]),
            ConformanceCase("inline: malformed documents are refused", steps:
                [.createUser("strict")]
                + ConformanceDocuments.malformed.map { entry in
                    ConformanceStep.fails(.malformedPolicyDocument) { c in
                        .putUserPolicy(userName: c.name("strict"), policyName: "bad", document: entry.1)
                    }
                }
                + [.cleanup { c in .deleteUserPolicy(userName: c.name("strict"), policyName: "bad") }, .deleteUser("strict")]
            ),
            ConformanceCase("inline: an identity policy may not name a Principal", knownDeviations: ["endpoint": MotoDeviation.principalAccepted], steps: [
                .createRole("noprincipal"),
                .fails(.malformedPolicyDocument) { c in
                    .putRolePolicy(roleName: c.name("noprincipal"), policyName: "bad", document: ConformanceDocuments.trustEC2)
                },
                .cleanup { c in .deleteRolePolicy(roleName: c.name("noprincipal"), policyName: "bad") },
                .deleteRole("noprincipal"),
            ]),
        ]
    }
}
