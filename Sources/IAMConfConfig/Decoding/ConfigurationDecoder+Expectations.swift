import IAMConfCore
import IAMConfPolicy
import Yams

/// `expectations:` — access questions answered by `iamconf test`.
extension ConfigurationDecoder {
    mutating func decodeExpectations(_ node: Node) -> [Expectation] {
        guard case let .sequence(items) = node else {
            if !node.isNull { error("wrong-type", "expectations must be a list, found \(node.kindDescription)", hint: "write one '- principal: ...' entry per expectation", at: node) }
            return []
        }
        return items.compactMap { decodeExpectation($0) }
    }

    /// `iamconf test` reports results by name, so two expectations with one name (in any files)
    /// are ambiguous.
    mutating func warnDuplicateNames(_ expectations: [Expectation]) {
        var seen: [String: SourceLocation] = [:]
        for expectation in expectations {
            guard let name = expectation.name else { continue }
            if let first = seen[name] {
                diagnostics.append(.warning("duplicate-expectation", "another expectation is already named '\(name)'",
                                            hint: "the first is on line \(first.line) of \(first.file); give each expectation its own name",
                                            at: expectation.location))
            } else if let location = expectation.location {
                seen[name] = location
            }
        }
    }

    private mutating func decodeExpectation(_ node: Node) -> Expectation? {
        guard let fields = fields(node, keys: ConfigurationKeys.expectation, what: "an expectation") else { return nil }
        var missing = false
        func required(_ key: String, _ decoder: inout ConfigurationDecoder) -> (String, Node)? {
            guard let value = fields[key] else {
                decoder.error("missing-key", "an expectation needs '\(key)'", hint: "an expectation has principal, action, resource and expect", at: node)
                missing = true
                return nil
            }
            guard let text = decoder.string(value, what: key) else { missing = true; return nil }
            return (text, value)
        }
        let principal = required("principal", &self)
        let action = required("action", &self)
        let resource = required("resource", &self)
        let expect = required("expect", &self)
        // Every member is checked before giving up, so one bad value does not hide the others.
        let outcome = expect.flatMap { Expectation.Outcome(rawValue: $0.0) }
        if let expect, outcome == nil {
            error("invalid-value", "expect must be allow or deny, found '\(expect.0)'", hint: "write expect: allow or expect: deny", at: expect.1)
        }
        if let principal { checkPrincipal(principal.0, at: principal.1, roleOnly: false) }
        if let action, action.0 != "*", !action.0.contains(":") {
            error("invalid-value", "'\(action.0)' is not an action", hint: "write service:Operation, e.g. s3:GetObject", at: action.1)
        } else if let action, let problem = PolicyCatalogCheck.check(action: action.0) {
            error(problem.code, problem.summary, hint: problem.hint, at: action.1)
        }
        if let resource, resource.0 != "*", ARN(resource.0) == nil {
            error("invalid-arn", "'\(resource.0)' is not a resource ARN", hint: "write an ARN such as arn:aws:s3:::bucket/key, or \"*\"", at: resource.1)
        }
        let assumed = stringList(fields["assume"], what: "assume")
        for (text, item) in assumed { checkPrincipal(text, at: item, roleOnly: true) }
        let name = fields["name"].flatMap { string($0, what: "name") }
        var context: [String: [String]] = [:]
        if let contextNode = fields["context"] {
            for (key, _, value) in namedEntries(contextNode, what: "context") {
                context[key] = stringList(value, what: "the context value of '\(key)'").map(\.value)
            }
        }
        guard !missing, let principal, let action, let resource, let outcome else { return nil }
        var expectation = Expectation(principal: principal.0, action: action.0, resource: resource.0, expected: outcome, location: location(node))
        expectation.name = name
        expectation.assume = assumed.map(\.0)
        expectation.context = context
        return expectation
    }

    /// An expectation's principal: an address (`source.user.alice`, `target.role.S3Access`) or an ARN.
    private mutating func checkPrincipal(_ text: String, at node: Node, roleOnly: Bool) {
        if text.hasPrefix("arn:") {
            if ARN(text) == nil { error("invalid-arn", "'\(text)' is not an ARN", hint: "write arn:aws:iam::ACCOUNT:user/NAME or an address such as source.user.alice", at: node) }
            return
        }
        // A caller may be any principal `check` takes: users, roles, account roots, identity providers
        // and service-linked roles; only roles can be assumed.
        let kinds: [Address.Kind: EntityKind] = roleOnly ? [.role: .roles] : [.user: .users, .role: .roles, .identityProvider: .identityProviders]
        let address = Address(parsing: text)
        let isRoot = !roleOnly && address?.kind == .root && address?.name == nil
        let isServiceLinked = !roleOnly && address?.kind == .serviceLinkedRole && address?.name != nil
        guard let address, address.sub == nil, isRoot || isServiceLinked || (address.name != nil && kinds[address.kind] != nil) else {
            let shape = roleOnly
                ? "ACCOUNT.role.NAME"
                : "ACCOUNT.user.NAME, ACCOUNT.role.NAME, ACCOUNT.root, ACCOUNT.identity_provider.NAME or ACCOUNT.service_linked_role.SERVICE"
            error("invalid-reference", "'\(text)' is not an address like \(shape) or an ARN", hint: "e.g. source.user.alice or target.role.S3Access", at: node)
            return
        }
        guard let account = symbols.account(named: address.account) else {
            error("unknown-reference", "no account named '\(address.account)'", hint: EditDistance.hint(for: address.account, in: symbols.accountNames), at: node)
            return
        }
        // A root needs only its account; a service-linked role is found by `test` (the symbol table
        // does not list them), which names the known ones when it is missing.
        guard let name = address.name, let kind = kinds[address.kind] else { return }
        _ = entity(kind, named: name, in: account, expression: text, at: location(node))
    }
}
