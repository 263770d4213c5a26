import IAMConfBackend
import IAMConfCore

/// The account-wide lists an account inventory reads. Cases share an account with the others, so
/// they check that what they made is listed (and gone after cleanup), not that nothing else is.
extension ConformanceCases {
    static var lists: [ConformanceCase] {
        [
            ConformanceCase("lists: ListUsers, ListGroups and ListRoles name each object with its path and ARN", steps: [
                .createUser("lu", path: "/teams/"), .createGroup("lg", path: "/teams/"), .createRole("lr", path: "/teams/"),
                .ok({ _ in .listUsers }, check: ListChecks.named("users", "lu", kind: "user")),
                .ok({ _ in .listGroups }, check: ListChecks.named("groups", "lg", kind: "group")),
                .ok({ _ in .listRoles }, check: ListChecks.named("roles", "lr", kind: "role")),
                .deleteUser("lu"), .deleteGroup("lg"), .deleteRole("lr"),
                .ok({ _ in .listUsers }, check: ListChecks.lacks("users") { $0.name("lu") }),
                .ok({ _ in .listRoles }, check: ListChecks.lacks("roles") { $0.name("lr") }),
            ]),
            ConformanceCase("lists: ListPolicies Scope=Local has customer managed policies only, with their default version", steps: [
                .createPolicy("lp"),
                .ok({ _ in .listPolicies(scope: "Local") }, check: ConformanceChecks.all(
                    ListChecks.has("policies") { $0.policyARN("lp") },
                    ListChecks.lacks("policies") { _ in ConformanceDocuments.readOnlyAccess },
                    ListChecks.member("default_versions", key: { $0.policyARN("lp") }) { _ in "v1" },
                    ListChecks.member("names", key: { $0.policyARN("lp") }) { $0.name("lp") })),
                .deletePolicy("lp"),
                .ok({ _ in .listPolicies(scope: "Local") }, check: ListChecks.lacks("policies") { $0.policyARN("lp") }),
            ]),
            ConformanceCase("lists: List{User,Group,Role}Policies name the inline policies", steps: [
                .createUser("iu"), .createGroup("ig"), .createRole("ir"),
                .ok { c in .putUserPolicy(userName: c.name("iu"), policyName: "read", document: ConformanceDocuments.allowS3Read) },
                .ok { c in .putGroupPolicy(groupName: c.name("ig"), policyName: "read", document: ConformanceDocuments.allowS3Read) },
                .ok { c in .putRolePolicy(roleName: c.name("ir"), policyName: "read", document: ConformanceDocuments.allowS3Read) },
                .ok({ c in .listUserPolicies(userName: c.name("iu")) }, check: ConformanceChecks.attribute("policies") { _ in .list("read") }),
                .ok({ c in .listGroupPolicies(groupName: c.name("ig")) }, check: ConformanceChecks.attribute("policies") { _ in .list("read") }),
                .ok({ c in .listRolePolicies(roleName: c.name("ir")) }, check: ConformanceChecks.attribute("policies") { _ in .list("read") }),
                .fails(.noSuchEntity) { c in .listUserPolicies(userName: c.name("nouser")) },
                .cleanup { c in .deleteUserPolicy(userName: c.name("iu"), policyName: "read") },
                .cleanup { c in .deleteGroupPolicy(groupName: c.name("ig"), policyName: "read") },
                .cleanup { c in .deleteRolePolicy(roleName: c.name("ir"), policyName: "read") },
                .deleteUser("iu"), .deleteGroup("ig"), .deleteRole("ir"),
            ]),
            ConformanceCase("lists: ListInstanceProfiles names each profile and its role", steps: [
                .createRole("pr"),
                .ok { c in .createInstanceProfile(name: c.name("lp"), path: "/", tags: []) },
                .ok { c in .addRoleToInstanceProfile(profileName: c.name("lp"), roleName: c.name("pr")) },
                .ok({ _ in .listInstanceProfiles }, check: ConformanceChecks.all(
                    ListChecks.has("profiles") { $0.name("lp") },
                    ListChecks.member("roles", key: { $0.name("lp") }) { $0.name("pr") })),
                .cleanup { c in .removeRoleFromInstanceProfile(profileName: c.name("lp"), roleName: c.name("pr")) },
                .cleanup { c in .deleteInstanceProfile(name: c.name("lp")) },
                .deleteRole("pr"),
            ]),
        ]
    }
}

/// Checks on the lists' attributes (`users` = names, `paths`/`arns` keyed by name, …).
enum ListChecks {
    typealias Check = @Sendable (IAMResponse, ConformanceContext) -> String?

    static func has(_ key: String, _ item: @escaping @Sendable (ConformanceContext) -> String) -> Check {
        { response, context in
            let items = response.attributes?[key]?.arrayValue?.compactMap(\.stringValue) ?? []
            return items.contains(item(context)) ? nil : "\(key) lacks \(item(context)): \(items)"
        }
    }

    static func lacks(_ key: String, _ item: @escaping @Sendable (ConformanceContext) -> String) -> Check {
        { response, context in
            let items = response.attributes?[key]?.arrayValue?.compactMap(\.stringValue) ?? []
            return items.contains(item(context)) ? "\(key) still has \(item(context))" : nil
        }
    }

    static func member(
        _ key: String, key member: @escaping @Sendable (ConformanceContext) -> String, _ expected: @escaping @Sendable (ConformanceContext) -> String
    ) -> Check {
        { response, context in
            let got = response.attributes?[key]?.objectValue?.first { $0.key == member(context) }?.value.stringValue
            return got == expected(context) ? nil : "\(key)[\(member(context))]: expected \(expected(context)), got \(got ?? "absent")"
        }
    }

    /// The object is listed, with its path `/teams/` and its ARN.
    static func named(_ key: String, _ base: String, kind: String) -> Check {
        ConformanceChecks.all(
            has(key) { $0.name(base) },
            member("paths", key: { $0.name(base) }) { _ in "/teams/" },
            member("arns", key: { $0.name(base) }) { "arn:aws:iam::\($0.account):\(kind)/teams/\($0.name(base))" })
    }
}
