import IAMConfCore
import Yams

/// Roles and their trust: a full `trust_policy` document, or the `trust:` shorthand.
extension ConfigurationDecoder {
    mutating func decodeRole(_ entry: EntityEntry, in account: AccountSymbols) -> Role? {
        let address = "\(account.name).role.\(entry.name)"
        let place = SourceLocation(file: entry.file, line: entry.key.mark?.line ?? 1, column: entry.key.mark?.column ?? 1)
        guard let fields = entityFields(entry, keys: ConfigurationKeys.role, kind: .roles) else { return nil }
        refuseRename(fields, kind: .roles, name: entry.name, address: address, call: "UpdateRole takes no new role name")
        let trust = trustPolicy(fields, entry: entry, in: account, address: address)
        var role = Role(name: entry.name, trustPolicy: trust ?? PolicySource(document: .object([])), location: place)
        role.path = path(fields, address: address)
        if let node = fields["description"], let text = string(node, what: "description") {
            if let problem = NameRules.problem(withDescription: text) {
                error("invalid-description", problem, hint: "shorten it to 1,000 printable characters", at: node, address: address)
            }
            role.description = text
        }
        if let node = fields["max_session_duration"] {
            role.maxSessionDuration = int(node, what: "max_session_duration", range: Quotas.maxSessionDuration,
                                          code: "invalid-session-duration") ?? 3600
        }
        role.tags = fields["tags"].map { tags($0, address: address) } ?? []
        role.permissionsBoundary = boundary(fields, in: account, address: address)
        role.policies = attachments(fields, in: account, address: address)
        role.inlinePolicies = inlinePolicies(fields, address: address, limit: Quotas.roleInlinePolicySize, owner: "role")
        return role
    }

    private mutating func trustPolicy(_ fields: Fields, entry: EntityEntry, in account: AccountSymbols, address: String) -> PolicySource? {
        switch (fields["trust"], fields["trust_policy"]) {
        case (nil, nil):
            error("missing-trust", "role '\(entry.name)' has no trust policy",
                  hint: "add trust: (e.g. trust: { services: [ec2.amazonaws.com] }) or a full trust_policy:", at: entry.key, address: address)
            return nil
        case (.some, .some):
            error("conflicting-keys", "role '\(entry.name)' has both trust and trust_policy",
                  hint: "keep one: trust is the shorthand, trust_policy the full document", at: fields.keyNode("trust_policy") ?? entry.key, address: address)
            return nil
        case let (nil, document?):
            return checkedTrust(policyDocument(document, kind: .trust, address: address, sizeQuota: Quotas.trustPolicySize), at: document, address: address)
        case let (shorthand?, nil):
            let expanded = expandTrust(shorthand, in: account, address: address)
            if let expanded { lint(expanded.document, kind: .trust, root: nil, start: location(shorthand), address: address, sizeQuota: nil) }
            return checkedTrust(expanded, at: shorthand, address: address)
        }
    }

    private mutating func checkedTrust(_ source: PolicySource?, at node: Node, address: String) -> PolicySource? {
        guard let source else { return nil }
        let size = PolicyGrammar.size(of: source.document)
        if size > Quotas.trustPolicySize {
            error("trust-policy-too-large", "the trust policy is \(size) characters; IAM allows \(Quotas.trustPolicySize) by default",
                  hint: "trust fewer principals, or ask AWS to raise the quota (up to 4,096)", at: node, address: address)
        }
        return source
    }

    /// Expands `trust:` into a trust policy: one statement for AWS principals and services
    /// (`sts:AssumeRole`), one for a federated provider (`AssumeRoleWithWebIdentity`/`WithSAML`).
    /// `require_mfa` and `external_id` guard the AWS principals; `conditions` apply to every statement.
    mutating func expandTrust(_ node: Node, in account: AccountSymbols, address: String) -> PolicySource? {
        guard let fields = fields(node, keys: ConfigurationKeys.trust, what: "trust") else { return nil }
        let statements = trustStatements(fields, in: account, address: address)
        if statements.isEmpty {
            // Empty lists (`services: []`) trust nobody too: IAM rejects the empty trust policy.
            let given = ["accounts", "principals", "services", "federated"].contains { key in
                guard let value = fields[key], !value.isNull else { return false }
                if case let .sequence(items) = value { return !items.isEmpty }
                return true
            }
            // When entries were given but none resolved, each has been reported already.
            if !given {
                error("empty-trust", "the trust shorthand trusts nobody", hint: "list accounts, principals, services or a federated provider", at: node, address: address)
            }
            return nil
        }
        let document = JSONValue.object([("Version", .string("2012-10-17")), ("Statement", .array(statements))])
        for problem in PolicyGrammar.diagnostics(for: document, kind: .trust) {
            var located = problem
            // A problem inside Condition comes from `conditions:`, so point into what was written there.
            if let path = problem.path, let range = path.range(of: ".Condition"), let written = fields["conditions"] {
                let inner = path[range.upperBound...].drop { $0 == "." }
                located.location = location(PolicyPathLocator.node(at: String(inner), in: written))
            }
            located.location = located.location ?? location(node)
            located.address = address
            diagnostics.append(located)
        }
        return PolicySource(document: document, location: location(node), statementLocations: statements.map { _ in location(node) })
    }

    /// One statement per kind of trusted principal, in the order AWS principals, services, federated.
    private mutating func trustStatements(_ fields: Fields, in account: AccountSymbols, address: String) -> [JSONValue] {
        let awsPrincipals = trustedAWSPrincipals(fields)
        let services = trustedServices(fields, address: address)
        let federated = fields["federated"].flatMap { trustedProvider($0, in: account, address: address) }
        let conditions = conditionMembers(fields["conditions"].flatMap { jsonValue($0) })
        var guardConditions = conditions
        if let node = fields["require_mfa"], bool(node, what: "require_mfa") == true {
            guardConditions = merge(guardConditions, op: "Bool", key: "aws:MultiFactorAuthPresent", value: .string("true"))
        }
        if let node = fields["external_id"], let id = string(node, what: "external_id") {
            guardConditions = merge(guardConditions, op: "StringEquals", key: "sts:ExternalId", value: .string(id))
        }
        var statements: [JSONValue] = []
        if !awsPrincipals.isEmpty {
            statements.append(statement(principal: [("AWS", awsPrincipals)], action: "sts:AssumeRole", conditions: guardConditions))
        }
        if !services.isEmpty {
            statements.append(statement(principal: [("Service", services)], action: "sts:AssumeRole", conditions: conditions))
        }
        if let (arn, action) = federated {
            statements.append(statement(principal: [("Federated", [arn])], action: action, conditions: conditions))
        }
        return statements
    }

    /// `accounts:` as root ARNs, then `principals:` as user/role ARNs.
    private mutating func trustedAWSPrincipals(_ fields: Fields) -> [String] {
        var principals: [String] = []
        for (text, item) in stringList(fields["accounts"], what: "trust accounts") {
            if let id = trustedAccountID(text, at: item) { principals.append(ARN.root(account: id).description) }
        }
        for (text, item) in stringList(fields["principals"], what: "trust principals") {
            if let arn = trustedPrincipal(text, at: item) { principals.append(arn) }
        }
        return principals
    }

    private mutating func trustedServices(_ fields: Fields, address: String) -> [String] {
        var services: [String] = []
        for (text, item) in stringList(fields["services"], what: "trust services") {
            if text.hasSuffix(".amazonaws.com") || text.hasSuffix(".amazonaws.com.cn") {
                services.append(text)
            } else {
                error("invalid-service-principal", "'\(text)' is not an AWS service principal", hint: "write it like ec2.amazonaws.com", at: item, address: address)
            }
        }
        return services
    }

    private func conditionMembers(_ conditions: JSONValue?) -> [(key: String, value: JSONValue)] {
        conditions?.objectValue ?? []
    }

    private func merge(_ members: [(key: String, value: JSONValue)], op: String, key: String, value: JSONValue) -> [(key: String, value: JSONValue)] {
        var members = members
        if let index = members.firstIndex(where: { $0.key == op }), case var .object(inner) = members[index].value {
            inner.append((key, value))
            members[index].value = .object(inner)
        } else {
            members.append((op, .object([(key, value)])))
        }
        return members
    }

    private func statement(principal: [(String, [String])], action: String, conditions: [(key: String, value: JSONValue)]) -> JSONValue {
        let principals = principal.map { (key: $0.0, value: $0.1.count == 1 ? JSONValue.string($0.1[0]) : .array($0.1.map(JSONValue.string))) }
        var members: [(key: String, value: JSONValue)] = [("Effect", .string("Allow")), ("Principal", .object(principals)), ("Action", .string(action))]
        if !conditions.isEmpty { members.append(("Condition", .object(conditions))) }
        return .object(members)
    }

    /// A trusted account by local name or 12-digit id.
    private mutating func trustedAccountID(_ text: String, at node: Node) -> String? {
        if AccountID.isValid(text) { return text }
        if let account = symbols.account(named: text) { return account.id.isEmpty ? nil : account.id }
        error("unknown-reference", "no account named '\(text)'",
              hint: EditDistance.hint(for: text, in: symbols.accountNames) ?? "use a local account name or a 12-digit account id", at: node)
        return nil
    }

    /// A trusted user or role: an ARN, or an address such as `source.user.alice`.
    private mutating func trustedPrincipal(_ text: String, at node: Node) -> String? {
        if text == "*" { return text }
        if let arn = ARN(text) {
            let type = arn.resource.split(separator: "/").first.map(String.init) ?? arn.resource
            guard arn.service == "iam" || arn.service == "sts", ["user", "role", "root", "assumed-role", "federated-user"].contains(type) else {
                error("wrong-reference-kind", "'\(text)' is not a user or role ARN", hint: "a trust policy trusts users, roles, accounts or services", at: node)
                return nil
            }
            // A user or role ARN in an account of this configuration must name something that exists.
            if let account = symbols.account(id: arn.account), let kind = ["user": EntityKind.users, "role": .roles][type] {
                let name = String(arn.resource.split(separator: "/").last ?? "")
                guard let entry = entity(kind, named: name, in: account, expression: text, at: location(node)) else { return nil }
                if entry.arn != text {
                    error("unknown-reference", "'\(text)' does not match \(kind.singular) '\(name)' (\(entry.arn))",
                          hint: "check the path, or write ${accounts.\(account.name).\(kind.rawValue).\(name).arn}", at: node)
                    return nil
                }
            }
            return text
        }
        guard let address = Address(parsing: text), let name = address.name, address.sub == nil,
              let kind = [Address.Kind.user: EntityKind.users, .role: .roles][address.kind] else {
            error("invalid-reference", "'\(text)' is neither an ARN nor an address like source.user.alice", at: node)
            return nil
        }
        guard let account = symbols.account(named: address.account) else {
            error("unknown-reference", "no account named '\(address.account)'", hint: EditDistance.hint(for: address.account, in: symbols.accountNames), at: node)
            return nil
        }
        return entity(kind, named: name, in: account, expression: text, at: location(node))?.arn
    }

    /// A federated provider: a local identity provider name, or a provider ARN.
    private mutating func trustedProvider(_ node: Node, in account: AccountSymbols, address: String) -> (arn: String, action: String)? {
        guard let text = string(node, what: "federated") else { return nil }
        if let arn = ARN(text) {
            return (text, arn.resource.hasPrefix("saml-provider/") ? "sts:AssumeRoleWithSAML" : "sts:AssumeRoleWithWebIdentity")
        }
        if ["cognito-identity.amazonaws.com", "accounts.google.com", "graph.facebook.com", "www.amazon.com"].contains(text) {
            return (text, "sts:AssumeRoleWithWebIdentity")
        }
        guard let entry = entity(.identityProviders, named: text, in: account, expression: text, at: location(node)) else { return nil }
        return (entry.arn, entry.arn.contains(":saml-provider/") ? "sts:AssumeRoleWithSAML" : "sts:AssumeRoleWithWebIdentity")
    }
}
