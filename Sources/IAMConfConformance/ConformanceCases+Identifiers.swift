import IAMConfBackend

extension ConformanceCases {
    /// Unique ids are IAM's prefix and 17 characters, one case per kind so a backend that differs
    /// for one kind (moto) still answers for the others.
    /// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids
    static var identifiers: [ConformanceCase] {
        [
            ConformanceCase("ids: user ids are AIDA + 17 characters", knownDeviations: ["endpoint": MotoDeviation.randomIDs], steps: [
                .ok({ c in .createUser(name: c.name("idu"), path: "/", tags: [], permissionsBoundary: nil) },
                    check: ConformanceChecks.uniqueID(prefix: "AIDA")),
                .deleteUser("idu"),
            ]),
            ConformanceCase("ids: group ids are AGPA + 17 characters", knownDeviations: ["endpoint": MotoDeviation.randomIDs], steps: [
                .ok({ c in .createGroup(name: c.name("idg"), path: "/") }, check: ConformanceChecks.uniqueID(prefix: "AGPA")),
                .deleteGroup("idg"),
            ]),
            ConformanceCase("ids: role ids are AROA + 17 characters", steps: [
                .ok({ c in
                    .createRole(name: c.name("idr"), path: "/", trustPolicy: ConformanceDocuments.trustEC2, description: nil,
                                maxSessionDuration: 3600, tags: [], permissionsBoundary: nil)
                }, check: ConformanceChecks.uniqueID(prefix: "AROA")),
                .deleteRole("idr"),
            ]),
            ConformanceCase("ids: policy ids are ANPA + 17 characters", knownDeviations: ["endpoint": MotoDeviation.randomIDs], steps: [
                .ok({ c in .createPolicy(name: c.name("idp"), path: "/", description: nil, document: ConformanceDocuments.allowS3Read, tags: []) },
                    check: ConformanceChecks.uniqueID(prefix: "ANPA")),
                .deletePolicy("idp"),
            ]),
            ConformanceCase("ids: instance profile ids are AIPA + 17 characters", knownDeviations: ["endpoint": MotoDeviation.randomIDs], steps: [
                .ok({ c in .createInstanceProfile(name: c.name("idi"), path: "/", tags: []) }, check: ConformanceChecks.uniqueID(prefix: "AIPA")),
                .cleanup { c in .deleteInstanceProfile(name: c.name("idi")) },
            ]),
        ]
    }
}
