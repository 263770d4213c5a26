import IAMConfCore
import Yams

/// `renamed_from:` — "this user (or group) was called X". IAM renames users and groups in place
/// (UpdateUser `NewUserName`, UpdateGroup `NewGroupName`), keeping the unique id, keys, login
/// profile, memberships and policies, so the planner renames rather than replaces.
///
/// It sits on the object, not in a top-level `moved:` list as in Terraform: iamconf's address is
/// the account, the kind and the name, so a rename is always the same object's name changing in
/// the same account, and writing it beside the new name leaves nothing to get wrong (no kind or
/// account to repeat, no address to mistype). Roles and managed policies cannot be renamed by IAM,
/// and the declaration is refused there with the reason.
extension ConfigurationDecoder {
    /// The former name a user or group declares, checked: a valid name of the kind, not its own
    /// name, and not a name the account still declares (the object cannot be in two places).
    mutating func formerName(_ fields: Fields, kind: EntityKind, name: String, in account: AccountSymbols, address: String, maxLength: Int) -> FormerName? {
        guard let node = fields["renamed_from"], let old = string(node, what: "renamed_from") else { return nil }
        let what = kind.singular
        if let problem = NameRules.problem(withName: old, maxLength: maxLength) {
            error("invalid-name", "invalid \(what) name '\(old)' in renamed_from: \(problem)",
                  hint: "write the name the \(what) has now in IAM (and in the state)", at: node, address: address)
            return nil
        }
        if old == name {
            error("rename-to-same-name", "\(what) '\(name)' is renamed from its own name",
                  hint: "remove renamed_from:, or write the name it had before", at: node, address: address)
            return nil
        }
        if old.lowercased() != name.lowercased(), account.table(kind).names.contains(where: { $0.lowercased() == old.lowercased() }) {
            error("renamed-from-declared", "\(what) '\(name)' is renamed from '\(old)', but '\(old)' is still declared in account '\(account.name)'",
                  hint: "remove \(what) '\(old)' (the rename turns it into '\(name)'), or remove renamed_from:", at: node, address: address)
            return nil
        }
        return FormerName(name: old, location: location(node))
    }

    /// `renamed_from:` on a kind IAM cannot rename: refused, saying why and what happens instead.
    mutating func refuseRename(_ fields: Fields, kind: EntityKind, name: String, address: String, call: String) {
        guard let node = fields["renamed_from"] else { return }
        let old = node.scalar?.string ?? "the old name"
        let what = kind == .policies ? "customer managed policy" : kind.singular
        error("rename-not-supported", "a \(what) cannot be renamed in place: IAM has no way to change its name (\(call))",
              hint: "remove renamed_from:; the plan then replaces '\(old)' with '\(name)' (delete and create): a new unique id "
                  + "and ARN, and everything that names the old ARN must follow",
              at: fields.keyNode("renamed_from") ?? node, address: address)
    }

    /// Two users (or groups) of one account cannot both have been the same object.
    mutating func checkRenameClaims(_ account: Account) {
        var claimed: [String: String] = [:]
        func claim(_ former: FormerName?, by name: String, kind: String) {
            guard let former else { return }
            let key = kind + "/" + former.name.lowercased()
            if let first = claimed[key] {
                diagnostics.append(.error(
                    "duplicate-renamed-from", "\(kind)s '\(first)' and '\(name)' are both renamed from '\(former.name)'",
                    hint: "one object has one former name; keep renamed_from: on one of them", at: former.location,
                    address: "\(account.name).\(kind).\(name)"))
            } else {
                claimed[key] = name
            }
        }
        for user in account.users { claim(user.renamedFrom, by: user.name, kind: "user") }
        for group in account.groups { claim(group.renamedFrom, by: group.name, kind: "group") }
    }
}
