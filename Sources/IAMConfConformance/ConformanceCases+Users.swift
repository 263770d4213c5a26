import IAMConfCore
import IAMConfBackend

extension ConformanceCases {
    static var users: [ConformanceCase] {
        [
            ConformanceCase("user: create, read, update path, delete", steps: [
                .ok({ c in .createUser(name: c.name("alice"), path: "/eng/", tags: [Tag(key: "team", value: "platform")], permissionsBoundary: nil) },
                    check: ConformanceChecks.arn { "arn:aws:iam::\($0.account):user/eng/\($0.name("alice"))" }),
                .ok({ c in .getUser(name: c.name("alice")) },
                    check: ConformanceChecks.all(
                        ConformanceChecks.arn { "arn:aws:iam::\($0.account):user/eng/\($0.name("alice"))" },
                        ConformanceChecks.attribute("path") { _ in .string("/eng/") },
                        ConformanceChecks.attribute("tags") { _ in .tags(["team": "platform"]) })),
                .ok { c in .updateUser(name: c.name("alice"), newPath: "/ops/") },
                .ok({ c in .getUser(name: c.name("alice")) },
                    check: ConformanceChecks.arn { "arn:aws:iam::\($0.account):user/ops/\($0.name("alice"))" }),
                .ok { c in .deleteUser(name: c.name("alice")) },
                .fails(.noSuchEntity) { c in .getUser(name: c.name("alice")) },
            ]),
            ConformanceCase("user: duplicate name is EntityAlreadyExists", steps: [
                .createUser("dup"),
                .fails(.entityAlreadyExists) { c in .createUser(name: c.name("dup"), path: "/", tags: [], permissionsBoundary: nil) },
                .deleteUser("dup"),
            ]),
            ConformanceCase("user: names are unique case-insensitively", knownDeviations: ["endpoint": MotoDeviation.caseSensitiveNames], steps: [
                .createUser("casey"),
                .fails(.entityAlreadyExists) { c in .createUser(name: c.name("casey").uppercased(), path: "/", tags: [], permissionsBoundary: nil) },
                .ok({ c in .getUser(name: c.name("casey").uppercased()) },
                    check: ConformanceChecks.arn { "arn:aws:iam::\($0.account):user/\($0.name("casey"))" }),
                .cleanup { c in .deleteUser(name: c.name("casey").uppercased()) },
                .deleteUser("casey"),
            ]),
            ConformanceCase("user: missing user is NoSuchEntity", steps: [
                .fails(.noSuchEntity) { c in .getUser(name: c.name("ghost")) },
                .fails(.noSuchEntity) { c in .deleteUser(name: c.name("ghost")) },
                .fails(.noSuchEntity) { c in .updateUser(name: c.name("ghost"), newPath: "/x/") },
                .fails(.noSuchEntity) { c in .createAccessKey(userName: c.name("ghost")) },
            ]),
            ConformanceCase("user: invalid name and path are ValidationError", knownDeviations: ["endpoint": MotoDeviation.namesUnchecked], steps: [
                .fails(.validationError) { c in .createUser(name: "bad/name-\(c.runID)", path: "/", tags: [], permissionsBoundary: nil) },
                .fails(.validationError) { c in .createUser(name: c.name("badpath"), path: "no-slashes", tags: [], permissionsBoundary: nil) },
                .fails(.validationError) { c in
                    .createUser(name: String(repeating: "a", count: 65), path: "/", tags: [], permissionsBoundary: nil)
                },
                .deleteUser("badpath"),
                .cleanup { c in .deleteUser(name: "bad/name-\(c.runID)") },
                .cleanup { _ in .deleteUser(name: String(repeating: "a", count: 65)) },
            ]),
            ConformanceCase("user: tags are merged, removed and limited", steps: [
                .createUser("tagged"),
                .ok { c in .tagUser(name: c.name("tagged"), tags: [Tag(key: "a", value: "1"), Tag(key: "b", value: "2")]) },
                .ok { c in .tagUser(name: c.name("tagged"), tags: [Tag(key: "a", value: "3")]) },
                .ok { c in .untagUser(name: c.name("tagged"), keys: ["b"]) },
                .ok({ c in .getUser(name: c.name("tagged")) }, check: ConformanceChecks.attribute("tags") { _ in .tags(["a": "3"]) }),
                .fails(.validationError) { c in
                    .tagUser(name: c.name("tagged"), tags: (0..<51).map { Tag(key: "k\($0)", value: "v") })
                },
                .deleteUser("tagged"),
            ]),
            ConformanceCase("user: tag keys are unique case-insensitively", knownDeviations: ["endpoint": MotoDeviation.tagKeysCaseSensitive], steps: [
                .createUser("tagcase"),
                .fails(.invalidInput) { c in .tagUser(name: c.name("tagcase"), tags: [Tag(key: "k", value: "1"), Tag(key: "K", value: "2")]) },
                .deleteUser("tagcase"),
            ]),
            ConformanceCase("user: fifty tags per user at most, counted across calls", knownDeviations: ["endpoint": MotoDeviation.tagsCountedPerCall], steps: [
                .createUser("fifty"),
                .ok { c in .tagUser(name: c.name("fifty"), tags: (0..<30).map { Tag(key: "a\($0)", value: "v") }) },
                .ok { c in .tagUser(name: c.name("fifty"), tags: (0..<20).map { Tag(key: "b\($0)", value: "v") }) },
                .ok { c in .tagUser(name: c.name("fifty"), tags: [Tag(key: "A0", value: "replaced")]) },
                .fails(.limitExceeded) { c in .tagUser(name: c.name("fifty"), tags: [Tag(key: "c", value: "v")]) },
                .deleteUser("fifty"),
            ]),
            ConformanceCase("user: login profile lifecycle", knownDeviations: ["endpoint": MotoDeviation.loginProfileUpdate], steps: [
                .createUser("console"),
                .ok({ c in .createLoginProfile(userName: c.name("console"), passwordResetRequired: true) },
                    check: { response, _ in (response.password?.count ?? 0) >= 8 ? nil : "no generated password returned" }),
                .fails(.entityAlreadyExists) { c in .createLoginProfile(userName: c.name("console"), passwordResetRequired: true) },
                .ok { c in .updateLoginProfile(userName: c.name("console"), passwordResetRequired: false, newPassword: false) },
                .ok { c in .deleteLoginProfile(userName: c.name("console")) },
                .fails(.noSuchEntity) { c in .deleteLoginProfile(userName: c.name("console")) },
                .fails(.noSuchEntity) { c in .updateLoginProfile(userName: c.name("console"), passwordResetRequired: true, newPassword: false) },
                .cleanup { c in .deleteLoginProfile(userName: c.name("console")) },
                .deleteUser("console"),
            ]),
            ConformanceCase("user: two access keys at most", steps: [
                .createUser("keys"),
                .ok({ c in .createAccessKey(userName: c.name("keys")) },
                    check: { response, _ in
                        guard let id = response.accessKeyID, id.hasPrefix("AKIA"), id.count == 20 else { return "bad access key id" }
                        return (response.secretAccessKey?.count ?? 0) == 40 ? nil : "secret is not 40 characters"
                    },
                    save: { ["key1": $0.accessKeyID ?? ""] }),
                .ok({ c in .createAccessKey(userName: c.name("keys")) }, save: { ["key2": $0.accessKeyID ?? ""] }),
                .fails(.limitExceeded) { c in .createAccessKey(userName: c.name("keys")) },
                .fails(.noSuchEntity) { c in .deleteAccessKey(userName: c.name("keys"), accessKeyID: "AKIAIOSFODNN7EXAMPLE") },
                .ok { c in .deleteAccessKey(userName: c.name("keys"), accessKeyID: c["key1"]) },
                .cleanup { c in .deleteAccessKey(userName: c.name("keys"), accessKeyID: c["key1"]) },
                .cleanup { c in .deleteAccessKey(userName: c.name("keys"), accessKeyID: c["key2"]) },
                .deleteUser("keys"),
            ]),
        ] + userDeleteConflicts + userBoundaries
    }

    static var userDeleteConflicts: [ConformanceCase] {
        [
            ConformanceCase("user: DeleteUser refuses while in a group", knownDeviations: ["endpoint": MotoDeviation.deleteUserUnchecked], steps: [
                .createUser("member"), .createGroup("club"),
                .ok { c in .addUserToGroup(groupName: c.name("club"), userName: c.name("member")) },
                .fails(.deleteConflict) { c in .deleteUser(name: c.name("member")) },
                .cleanup { c in .removeUserFromGroup(groupName: c.name("club"), userName: c.name("member")) },
                .deleteUser("member"), .deleteGroup("club"),
            ]),
            ConformanceCase("user: DeleteUser refuses with an attached policy", steps: [
                .createUser("attached"),
                .ok { c in .attachUserPolicy(userName: c.name("attached"), policyARN: ConformanceDocuments.readOnlyAccess) },
                .fails(.deleteConflict) { c in .deleteUser(name: c.name("attached")) },
                .cleanup { c in .detachUserPolicy(userName: c.name("attached"), policyARN: ConformanceDocuments.readOnlyAccess) },
                .deleteUser("attached"),
            ]),
            ConformanceCase("user: DeleteUser refuses with an inline policy", steps: [
                .createUser("inline"),
                .ok { c in .putUserPolicy(userName: c.name("inline"), policyName: "p", document: ConformanceDocuments.allowS3Read) },
                .fails(.deleteConflict) { c in .deleteUser(name: c.name("inline")) },
                .cleanup { c in .deleteUserPolicy(userName: c.name("inline"), policyName: "p") },
                .deleteUser("inline"),
            ]),
            ConformanceCase("user: DeleteUser refuses with a login profile", knownDeviations: ["endpoint": MotoDeviation.deleteUserUnchecked], steps: [
                .createUser("withlogin"),
                .ok { c in .createLoginProfile(userName: c.name("withlogin"), passwordResetRequired: false) },
                .fails(.deleteConflict) { c in .deleteUser(name: c.name("withlogin")) },
                .cleanup { c in .deleteLoginProfile(userName: c.name("withlogin")) },
                .deleteUser("withlogin"),
            ]),
            ConformanceCase("user: DeleteUser refuses with an access key", knownDeviations: ["endpoint": MotoDeviation.deleteUserUnchecked], steps: [
                .createUser("withkey"),
                .ok({ c in .createAccessKey(userName: c.name("withkey")) }, save: { ["key": $0.accessKeyID ?? ""] }),
                .fails(.deleteConflict) { c in .deleteUser(name: c.name("withkey")) },
                .cleanup { c in .deleteAccessKey(userName: c.name("withkey"), accessKeyID: c["key"]) },
                .deleteUser("withkey"),
            ]),
        ]
    }

    static var userBoundaries: [ConformanceCase] {
        [
            ConformanceCase("user: permissions boundary set, read, removed", knownDeviations: ["endpoint": MotoDeviation.noUserBoundaries], steps: [
                .createUser("bounded", boundary: ConformanceDocuments.iamReadOnlyAccess),
                .ok({ c in .getUser(name: c.name("bounded")) },
                    check: ConformanceChecks.attribute("permissions_boundary") { _ in .string(ConformanceDocuments.iamReadOnlyAccess) }),
                .ok { c in .putUserPermissionsBoundary(name: c.name("bounded"), policyARN: ConformanceDocuments.readOnlyAccess) },
                .ok({ c in .getUser(name: c.name("bounded")) },
                    check: ConformanceChecks.attribute("permissions_boundary") { _ in .string(ConformanceDocuments.readOnlyAccess) }),
                .ok { c in .deleteUserPermissionsBoundary(name: c.name("bounded")) },
                .ok({ c in .getUser(name: c.name("bounded")) }, check: ConformanceChecks.attribute("permissions_boundary") { _ in nil }),
                .fails(.noSuchEntity) { c in
                    .putUserPermissionsBoundary(name: c.name("bounded"), policyARN: ConformanceDocuments.unknownAWSPolicy)
                },
                .deleteUser("bounded"),
            ]),
        ]
    }
}
