import IAMConfCore
import Yams

/// The members a group lists (`members:`), kept with their places until every user is known.
struct GroupMembers {
    var group: String
    var members: [(name: String, location: SourceLocation)]
}

/// Users and groups, and membership in either direction.
extension ConfigurationDecoder {
    mutating func decodeUser(_ entry: EntityEntry, in account: AccountSymbols) -> User {
        let address = "\(account.name).user.\(entry.name)"
        var user = User(name: entry.name, location: SourceLocation(file: entry.file, line: entry.key.mark?.line ?? 1, column: entry.key.mark?.column ?? 1))
        guard let fields = entityFields(entry, keys: ConfigurationKeys.user, kind: .users) else { return user }
        user.renamedFrom = formerName(fields, kind: .users, name: entry.name, in: account, address: address, maxLength: Quotas.userNameLength)
        user.path = path(fields, address: address)
        user.tags = fields["tags"].map { tags($0, address: address) } ?? []
        if let node = fields["groups"] {
            var seen = Set<String>()
            for (name, item) in stringList(node, what: "groups") {
                guard account.table(.groups).entry(named: name) != nil else {
                    error("unknown-group", "no group named '\(name)' in account '\(account.name)'",
                          hint: EditDistance.hint(for: name, in: account.table(.groups).names) ?? "define it under groups: of the same account",
                          at: item, address: address)
                    continue
                }
                guard seen.insert(name).inserted else {
                    error("duplicate-entry", "group '\(name)' is listed twice", hint: "remove the second entry", at: item, address: address)
                    continue
                }
                user.groups.append(name)
            }
        }
        user.policies = attachments(fields, in: account, address: address)
        user.inlinePolicies = inlinePolicies(fields, address: address, limit: Quotas.userInlinePolicySize, owner: "user")
        user.permissionsBoundary = boundary(fields, in: account, address: address)
        if let node = fields["login_profile"] { user.loginProfile = loginProfile(node, address: address) }
        if let node = fields["mfa"] { user.mfa = bool(node, what: "mfa") ?? false }
        if let node = fields["access_keys"] {
            user.accessKeys = int(node, what: "access_keys", range: 0...Quotas.accessKeysPerUser, code: "too-many-access-keys") ?? 0
        }
        return user
    }

    private mutating func loginProfile(_ node: Node, address: String) -> LoginProfile? {
        if case .scalar = node, !node.isNull {
            return bool(node, what: "login_profile") == true ? LoginProfile() : nil
        }
        guard let fields = node.isNull ? Fields(node: node) : fields(node, keys: ConfigurationKeys.loginProfile, what: "login_profile") else { return nil }
        let reset = fields["password_reset_required"].flatMap { bool($0, what: "password_reset_required") } ?? true
        return LoginProfile(passwordResetRequired: reset)
    }

    mutating func decodeGroup(_ entry: EntityEntry, in account: AccountSymbols) -> (Group, GroupMembers) {
        let address = "\(account.name).group.\(entry.name)"
        var group = Group(name: entry.name, location: SourceLocation(file: entry.file, line: entry.key.mark?.line ?? 1, column: entry.key.mark?.column ?? 1))
        var members = GroupMembers(group: entry.name, members: [])
        guard let fields = entityFields(entry, keys: ConfigurationKeys.group, kind: .groups) else { return (group, members) }
        group.renamedFrom = formerName(fields, kind: .groups, name: entry.name, in: account, address: address, maxLength: Quotas.groupNameLength)
        group.path = path(fields, address: address)
        if let node = fields["members"] {
            for (name, item) in stringList(node, what: "members") {
                guard account.table(.users).entry(named: name) != nil else {
                    error("unknown-user", "no user named '\(name)' in account '\(account.name)'",
                          hint: EditDistance.hint(for: name, in: account.table(.users).names) ?? "define it under users: of the same account",
                          at: item, address: address)
                    continue
                }
                members.members.append((name, location(item)))
            }
        }
        group.policies = attachments(fields, in: account, address: address)
        group.inlinePolicies = inlinePolicies(fields, address: address, limit: Quotas.groupInlinePolicySize, owner: "group")
        return (group, members)
    }

    /// Folds `members:` into the users' group lists. Listing one membership both ways is an error,
    /// so each membership has exactly one place where it is written.
    mutating func applyMemberships(_ memberships: [GroupMembers], to account: inout Account) {
        var userIndex: [String: Int] = [:]
        for (position, user) in account.users.enumerated() { userIndex[user.name] = position }
        for membership in memberships {
            var listed = Set<String>()
            for (name, place) in membership.members {
                guard let position = userIndex[name] else { continue }
                guard listed.insert(name).inserted else {
                    diagnostics.append(.error("duplicate-membership", "user '\(name)' is listed twice in the members of group '\(membership.group)'",
                                              hint: "remove the second '\(name)' from members", at: place,
                                              address: "\(account.name).user.\(name).group[\(membership.group)]"))
                    continue
                }
                if account.users[position].groups.contains(membership.group) {
                    diagnostics.append(.error("duplicate-membership", "user '\(name)' is in group '\(membership.group)' twice: listed on the group and on the user",
                                              hint: "keep one: either groups: [\(membership.group)] on the user or members: [\(name)] on the group",
                                              at: place, address: "\(account.name).user.\(name).group[\(membership.group)]"))
                    continue
                }
                account.users[position].groups.append(membership.group)
            }
        }
        for user in account.users where user.groups.count > Quotas.groupsPerUser {
            diagnostics.append(.error("too-many-groups", "user '\(user.name)' is in \(user.groups.count) groups; IAM allows at most \(Quotas.groupsPerUser)", hint: "merge groups; the quota is 10 groups per user",
                                      at: user.location, address: "\(account.name).user.\(user.name)"))
        }
    }

    /// `policies:` — managed policies by name (customer managed first, then AWS managed) or ARN.
    mutating func attachments(_ fields: Fields, in account: AccountSymbols, address: String) -> [PolicyAttachment] {
        guard let node = fields["policies"] else { return [] }
        var result: [PolicyAttachment] = []
        var seen = Set<String>()
        for (text, item) in stringList(node, what: "policies") {
            guard let attachment = attachment(text, at: item, in: account, address: address) else { continue }
            guard seen.insert(attachment.arn).inserted else {
                error("duplicate-entry", "policy '\(attachment.name)' is attached twice", hint: "remove the second entry (a name and its ARN are the same policy)", at: item, address: address)
                continue
            }
            result.append(attachment)
        }
        if result.count > Quotas.attachedPolicies {
            error("too-many-attached-policies", "\(result.count) managed policies attached; IAM allows \(Quotas.attachedPolicies) by default",
                  hint: "combine policies, or use groups (quota: reference_iam-quotas)", at: fields.keyNode("policies") ?? node, address: address)
        }
        return result
    }

    mutating func boundary(_ fields: Fields, in account: AccountSymbols, address: String) -> PolicyAttachment? {
        guard let node = fields["permissions_boundary"], let text = string(node, what: "permissions_boundary") else { return nil }
        return attachment(text, at: node, in: account, address: address)
    }

    mutating func attachment(_ text: String, at node: Node, in account: AccountSymbols, address: String) -> PolicyAttachment? {
        guard let found = resolvedAttachment(text, at: node, in: account, address: address) else { return nil }
        // IAM refuses these (PolicyNotAttachable): AWS attaches each to its own service's role.
        guard !(found.isAWSManaged && ServiceLinkedRolePolicy.isServiceRolePolicy(found.arn)) else {
            error("policy-not-attachable", "'\(found.name)' is a service-linked role policy; AWS attaches it only to its service's role",
                  hint: "declare that service's role under service_linked_roles: (it gets this policy), or choose another policy",
                  at: node, address: address)
            return nil
        }
        return found
    }

    private mutating func resolvedAttachment(_ text: String, at node: Node, in account: AccountSymbols, address: String) -> PolicyAttachment? {
        if text.hasPrefix("arn:") { return attachment(arn: text, at: node, address: address) }
        if let entry = account.table(.policies).entry(named: text) {
            return PolicyAttachment(arn: entry.arn, name: text, isAWSManaged: false, location: location(node))
        }
        if let managed = catalog.policy(named: text) {
            return PolicyAttachment(arn: managed.arn, name: text, isAWSManaged: true, location: location(node))
        }
        let candidates = account.table(.policies).names + catalog.names
        error("unknown-policy", "no managed policy named '\(text)' in account '\(account.name)' or in the AWS managed catalog",
              hint: EditDistance.hint(for: text, in: candidates) ?? "define it under policies:, or write the policy ARN",
              at: node, address: address)
        return nil
    }

    private mutating func attachment(arn text: String, at node: Node, address: String) -> PolicyAttachment? {
        guard let arn = ARN(text), arn.service == "iam", arn.resource.hasPrefix("policy/") else {
            error("invalid-arn", "'\(text)' is not a managed policy ARN", hint: "write arn:aws:iam::ACCOUNT:policy/NAME", at: node, address: address)
            return nil
        }
        let name = String(arn.resource.split(separator: "/").last ?? "")
        if arn.account == "aws" {
            // The catalog holds every AWS managed policy, and IAM refuses to attach an ARN that names
            // none (NoSuchEntity), so an unknown one is what apply would fail on.
            guard catalog.contains(arn: text) else {
                error("unknown-managed-policy", "no AWS managed policy has the ARN '\(text)'",
                      hint: suggestedManagedARN(for: text, name: name).map { "did you mean '\($0)'?" }
                          ?? "check the name and path against the AWS Managed Policy Reference, or write the policy name alone",
                      at: node, address: address)
                return nil
            }
            return PolicyAttachment(arn: text, name: name, isAWSManaged: true, location: location(node))
        }
        if let owner = symbols.account(id: arn.account), owner.table(.policies).entry(named: name)?.arn != text {
            error("unknown-policy", "account '\(owner.name)' has no policy with ARN '\(text)'",
                  hint: EditDistance.hint(for: name, in: owner.table(.policies).names)
                      ?? "define policy '\(name)' under accounts.\(owner.name).policies, or check the ARN's path and name",
                  at: node, address: address)
            return nil
        }
        return PolicyAttachment(arn: text, name: name, isAWSManaged: false, location: location(node))
    }

    /// The ARN the user most likely meant: the same name under its real path (a common slip is
    /// `policy/AWSLambdaBasicExecutionRole` without `service-role/`), else the nearest name's ARN.
    private func suggestedManagedARN(for text: String, name: String) -> String? {
        if let samePolicy = catalog.policy(named: name), samePolicy.arn != text { return samePolicy.arn }
        return EditDistance.suggestion(for: name, in: catalog.names).flatMap { catalog.policy(named: $0)?.arn }
    }

    /// `inline_policies:` — documents by name; their total size is capped per identity kind.
    mutating func inlinePolicies(_ fields: Fields, address: String, limit: Int, owner: String) -> [InlinePolicy] {
        guard let node = fields["inline_policies"] else { return [] }
        var result: [InlinePolicy] = []
        var total = 0
        for (name, key, value) in namedEntries(node, what: "inline_policies") {
            if let problem = NameRules.problem(withName: name, maxLength: Quotas.policyNameLength) {
                error("invalid-name", "invalid inline policy name '\(name)': \(problem)", hint: "policy names are 1-128 letters, digits and _+=,.@-", at: key, address: address)
            }
            let inlineAddress = "\(address).inline[\(name)]"
            guard let document = policyDocument(value, kind: .identity, address: inlineAddress, sizeQuota: limit) else { continue }
            total += PolicyGrammar.size(of: document.document)
            result.append(InlinePolicy(name: name, document: document, location: location(key)))
        }
        if total > limit {
            error("inline-policies-too-large", "the inline policies of this \(owner) total \(total) characters; IAM allows \(limit)",
                  hint: "move statements into a customer managed policy (6,144 characters each)", at: fields.keyNode("inline_policies") ?? node, address: address)
        }
        return result
    }
}
