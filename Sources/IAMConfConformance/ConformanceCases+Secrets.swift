import IAMConfCore
import IAMConfBackend

/// What the engine needs to repair a secret it never learnt (issue 9): a login profile can be given
/// a new password, and an access key left behind by an interrupted apply can be told by its date.
extension ConformanceCases {
    static var secrets: [ConformanceCase] {
        [
            ConformanceCase("user: UpdateLoginProfile with a new password returns it and keeps the profile", steps: [
                .createUser("repair"),
                .ok({ c in .createLoginProfile(userName: c.name("repair"), passwordResetRequired: false) },
                    save: { ["first": $0.password ?? ""] }),
                .ok({ c in .updateLoginProfile(userName: c.name("repair"), passwordResetRequired: true, newPassword: true) },
                    check: { response, c in
                        guard let password = response.password, password.count >= 8 else { return "no new password returned" }
                        return password == c["first"] ? "the new password is the old one" : nil
                    }),
                .ok({ c in .getLoginProfile(userName: c.name("repair")) },
                    check: ConformanceChecks.all(
                        ConformanceChecks.attribute("user") { .string($0.name("repair")) },
                        ConformanceChecks.attribute("password_reset_required") { _ in .bool(true) })),
                .ok({ c in .updateLoginProfile(userName: c.name("repair"), passwordResetRequired: false, newPassword: true) },
                    check: { response, _ in (response.password?.count ?? 0) >= 8 ? nil : "no new password returned" }),
                .ok({ c in .getLoginProfile(userName: c.name("repair")) },
                    check: ConformanceChecks.attribute("password_reset_required") { _ in .bool(false) }),
                .cleanup { c in .deleteLoginProfile(userName: c.name("repair")) },
                .deleteUser("repair"),
            ]),
            ConformanceCase("user: a new login profile keeps the reset flag asked for", steps: [
                .createUser("resetflag"),
                .ok { c in .createLoginProfile(userName: c.name("resetflag"), passwordResetRequired: true) },
                .ok({ c in .getLoginProfile(userName: c.name("resetflag")) },
                    check: ConformanceChecks.attribute("password_reset_required") { _ in .bool(true) }),
                .cleanup { c in .deleteLoginProfile(userName: c.name("resetflag")) },
                .deleteUser("resetflag"),
            ]),
            ConformanceCase("user: ListAccessKeys reports each key's create date", steps: [
                .createUser("dated"),
                .ok({ c in .createAccessKey(userName: c.name("dated")) }, save: { ["key": $0.accessKeyID ?? ""] }),
                .ok({ c in .listAccessKeys(userName: c.name("dated")) }, check: { response, c in
                    ConformanceChecks.createDates(response, keys: [c["key"]])
                }),
                .cleanup { c in .deleteAccessKey(userName: c.name("dated"), accessKeyID: c["key"]) },
                .deleteUser("dated"),
            ]),
        ]
    }
}

extension ConformanceChecks {
    /// `create_dates` is an object with exactly `keys`, each an ISO 8601 UTC time in whole
    /// seconds (`2026-12-07T05:20:51Z`).
    static func createDates(_ response: IAMResponse, keys: [String]) -> String? {
        guard let value = response.attributes?["create_dates"] else { return "attribute create_dates is absent" }
        guard let object = value.objectValue else { return "create_dates is not an object: \(value.compactText())" }
        guard object.map(\.key) == keys else { return "create_dates names \(object.map(\.key)), expected \(keys)" }
        for (key, value) in object {
            let date = value.stringValue ?? ""
            let shape = date.count == 20 && date.hasSuffix("Z") && date.dropFirst(10).hasPrefix("T")
            guard shape, date.prefix(4).allSatisfy(\.isNumber) else { return "create date of \(key) is not ISO 8601: \(date)" }
        }
        return nil
    }
}
