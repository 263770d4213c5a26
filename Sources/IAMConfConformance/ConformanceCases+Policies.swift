import IAMConfCore
import IAMConfBackend

extension ConformanceCases {
    static var policies: [ConformanceCase] {
        [
            ConformanceCase("policy: create, read, delete", steps: [
                .ok({ c in .createPolicy(name: c.name("read"), path: "/app/", description: "Reads", document: ConformanceDocuments.allowS3Read, tags: []) },
                    check: ConformanceChecks.all(
                        ConformanceChecks.arn { $0.policyARN("read", path: "/app/") },
                        { response, _ in response.defaultVersionID == "v1" ? nil : "default version is not v1" })),
                .ok({ c in .getPolicy(arn: c.policyARN("read", path: "/app/")) }, check: ConformanceChecks.all(
                    ConformanceChecks.attribute("path") { _ in .string("/app/") },
                    ConformanceChecks.attribute("default_version_id") { _ in .string("v1") })),
                .ok { c in .deletePolicy(arn: c.policyARN("read", path: "/app/")) },
                .fails(.noSuchEntity) { c in .getPolicy(arn: c.policyARN("read", path: "/app/")) },
                .fails(.noSuchEntity) { c in .deletePolicy(arn: c.policyARN("read", path: "/app/")) },
            ]),
            ConformanceCase("policy: tags change in place (TagPolicy, UntagPolicy)", steps: [
                .ok { c in
                    .createPolicy(name: c.name("tagged"), path: "/", description: nil, document: ConformanceDocuments.allowS3Read,
                                  tags: [Tag(key: "env", value: "test")])
                },
                .ok { c in .tagPolicy(arn: c.policyARN("tagged", path: "/"), tags: [Tag(key: "owner", value: "me")]) },
                .ok { c in .untagPolicy(arn: c.policyARN("tagged", path: "/"), keys: ["env"]) },
                .ok({ c in .getPolicy(arn: c.policyARN("tagged", path: "/")) }, check: ConformanceChecks.attribute("tags") { _ in .tags(["owner": "me"]) }),
                .fails(.noSuchEntity) { c in .tagPolicy(arn: c.policyARN("untagged-nowhere", path: "/"), tags: [Tag(key: "a", value: "b")]) },
                .ok { c in .deletePolicy(arn: c.policyARN("tagged", path: "/")) },
            ]),
            ConformanceCase("policy: AWS managed policies exist in every account, unknown ones do not", steps: [
                .ok({ _ in .getPolicy(arn: ConformanceDocuments.readOnlyAccess) }, check: ConformanceChecks.all(
                    ConformanceChecks.arn { _ in ConformanceDocuments.readOnlyAccess },
                    ConformanceChecks.attribute("path") { _ in .string("/") })),
                .fails(.noSuchEntity) { _ in .getPolicy(arn: ConformanceDocuments.unknownAWSPolicy) },
                .fails(.noSuchEntity) { c in .listPolicyVersions(policyARN: c.policyARN("absent")) },
                .fails(.noSuchEntity) { c in
                    .createPolicyVersion(policyARN: c.policyARN("absent"), document: ConformanceDocuments.allowS3Read, setAsDefault: true)
                },
            ]),
            ConformanceCase("policy: names are unique per account, whatever the path", knownDeviations: ["endpoint": MotoDeviation.policyNamePerPath], steps: [
                .createPolicy("same"),
                .fails(.entityAlreadyExists) { c in
                    .createPolicy(name: c.name("same"), path: "/", description: nil, document: ConformanceDocuments.allowS3Read, tags: [])
                },
                .fails(.entityAlreadyExists) { c in
                    .createPolicy(name: c.name("same"), path: "/other/", description: nil, document: ConformanceDocuments.allowS3Read, tags: [])
                },
                .deletePolicy("same", path: "/other/"), .deletePolicy("same"),
            ]),
            ConformanceCase("policy: malformed documents are MalformedPolicyDocument", steps:
                ConformanceDocuments.malformed.enumerated().map { index, entry in
                    ConformanceStep.fails(.malformedPolicyDocument) { c in
                        .createPolicy(name: c.name("bad\(index)"), path: "/", description: entry.0, document: entry.1, tags: [])
                    }
                } + ConformanceDocuments.malformed.indices.map { ConformanceStep.deletePolicy("bad\($0)") }
            ),
            ConformanceCase("policy: versions, default switching and deletion", knownDeviations: ["endpoint": MotoDeviation.deletePolicyUnchecked], steps: [
                .createPolicy("versioned"),
                .ok({ c in .createPolicyVersion(policyARN: c.policyARN("versioned"), document: ConformanceDocuments.allowS3List, setAsDefault: true) },
                    check: { response, _ in response.defaultVersionID == "v2" ? nil : "default is \(response.defaultVersionID ?? "none"), not v2" }),
                .ok({ c in .listPolicyVersions(policyARN: c.policyARN("versioned")) }, check: { response, _ in
                    let listed = (response.versions ?? []).map { "\($0.versionID)\($0.isDefault ? "*" : "")" }
                    return listed == ["v1", "v2*"] ? nil : "versions are \(listed), expected [v1, v2*]"
                }),
                .fails(.deleteConflict) { c in .deletePolicyVersion(policyARN: c.policyARN("versioned"), versionID: "v2") },
                .fails(.deleteConflict) { c in .deletePolicy(arn: c.policyARN("versioned")) },
                .ok { c in .deletePolicyVersion(policyARN: c.policyARN("versioned"), versionID: "v1") },
                .fails(.noSuchEntity) { c in .deletePolicyVersion(policyARN: c.policyARN("versioned"), versionID: "v1") },
                .ok({ c in .createPolicyVersion(policyARN: c.policyARN("versioned"), document: ConformanceDocuments.allowS3Read, setAsDefault: false) },
                    check: { response, _ in response.defaultVersionID == "v2" ? nil : "default changed without setAsDefault" }),
                .ok({ c in .listPolicyVersions(policyARN: c.policyARN("versioned")) }, check: { response, _ in
                    let listed = (response.versions ?? []).map { "\($0.versionID)\($0.isDefault ? "*" : "")" }
                    return listed == ["v2*", "v3"] ? nil : "versions are \(listed), expected [v2*, v3]"
                }),
                .cleanup { c in .deletePolicyVersion(policyARN: c.policyARN("versioned"), versionID: "v1") },
                .cleanup { c in .deletePolicyVersion(policyARN: c.policyARN("versioned"), versionID: "v3") },
                .deletePolicy("versioned"),
            ]),
            ConformanceCase("policy: five versions at most", steps:
                [.createPolicy("five")]
                + (0..<4).map { _ in
                    ConformanceStep.ok { c in
                        .createPolicyVersion(policyARN: c.policyARN("five"), document: ConformanceDocuments.allowS3List, setAsDefault: false)
                    }
                }
                + [.fails(.limitExceeded) { c in
                    .createPolicyVersion(policyARN: c.policyARN("five"), document: ConformanceDocuments.allowS3List, setAsDefault: false)
                }]
                + (2...5).map { v in ConformanceStep.cleanup { c in .deletePolicyVersion(policyARN: c.policyARN("five"), versionID: "v\(v)") } }
                + [.deletePolicy("five")]
            ),
            ConformanceCase("policy: DeletePolicy refuses while attached", knownDeviations: ["endpoint": MotoDeviation.deletePolicyUnchecked], steps: [
                .createPolicy("inuse"), .createUser("holder"),
                .ok { c in .attachUserPolicy(userName: c.name("holder"), policyARN: c.policyARN("inuse")) },
                .fails(.deleteConflict) { c in .deletePolicy(arn: c.policyARN("inuse")) },
                .ok({ c in .getPolicy(arn: c.policyARN("inuse")) }, check: ConformanceChecks.attribute("attachment_count") { _ in .number("1") }),
                .cleanup { c in .detachUserPolicy(userName: c.name("holder"), policyARN: c.policyARN("inuse")) },
                .deleteUser("holder"), .deletePolicy("inuse"),
            ]),
            ConformanceCase("policy: documents over 6,144 characters are refused", knownDeviations: ["endpoint": MotoDeviation.sizeUnchecked], steps: [
                .fails(.limitExceeded) { c in
                    .createPolicy(name: c.name("huge"), path: "/", description: nil, document: ConformanceDocuments.oversized, tags: [])
                },
                .deletePolicy("huge"),
            ]),
        ]
    }
}
