import IAMConfCore

/// The human and JSON views of effective access (`iamconf access`), and the JSON of its parts that
/// the plan's `access_changes` reuses.
extension AccessSummary {
    /// `PRINCIPAL can:` then one line per group, who can assume a role, the notes and a count.
    public func text() -> String {
        var lines = ["\(principal) can:"]
        lines += groups.isEmpty ? ["  nothing: no identity policy allows any action"] : groups.map { "  " + $0.text }
        if let assumers = assumableBy {
            lines.append("can be assumed by:")
            lines += assumers.isEmpty ? ["  no one: its trust policy allows no principal"] : assumers.map { "  " + $0.text }
        }
        lines += notes.map { "note: " + $0 }
        let services = Set(groups.compactMap(\.service)).count
        let allServices = groups.contains { $0.scope == .allActions }
        lines.append("\(actionCount) action\(actionCount == 1 ? "" : "s")" + (allServices ? "." : " in \(services) service\(services == 1 ? "" : "s")."))
        return lines.joined(separator: "\n") + "\n"
    }

    public var json: JSONValue {
        .object([
            ("principal", .string(principal.name)), ("principal_type", .string(principal.kind.rawValue)),
            ("arn", principal.arn.map(JSONValue.string) ?? .null),
            ("action_count", .number(String(actionCount))),
            ("groups", .array(groups.map(\.json))),
            ("assumable_by", assumableBy.map { .array($0.map(\.json)) } ?? .null),
            ("notes", .array(notes.map(JSONValue.string))),
        ])
    }
}

extension PrincipalRef {
    /// `principal`, `principal_type`, `arn`: the members every JSON view names a principal with.
    public var jsonMembers: [(key: String, value: JSONValue)] {
        [("principal", .string(name)), ("principal_type", .string(kind.rawValue)), ("arn", arn.map(JSONValue.string) ?? .null)]
    }
}

extension GrantGroup {
    public var json: JSONValue {
        .object([
            ("scope", .string(scope.rawValue)),
            ("service", service.map(JSONValue.string) ?? .null),
            ("access_level", accessLevel.map { .string($0.rawValue) } ?? .null),
            ("actions", .array(actions.map(JSONValue.string))),
            ("action_count", .number(String(actionCount))),
            ("total_count", .number(String(totalCount))),
            ("excluded_services", .array(excludedServices.map(JSONValue.string))),
            ("resources", .array(resources.map(JSONValue.string))),
            ("conditions", .array(conditions.map(\.json))),
            ("unless", .array(unless.map { .array($0.map(\.json)) })),
            ("except_resources", .array(exceptions.map(JSONValue.string))),
            ("compared_with", comparison.map(\.json) ?? .null),
            ("text", .string(text)),
        ])
    }
}

extension Assumer {
    public var json: JSONValue {
        .object(principal.jsonMembers + [
            ("action", .string(action)),
            ("conditions", .array(conditions.map(\.json))),
            ("unless", .array(unless.map { .array($0.map(\.json)) })),
            ("compared_with", comparison.map(\.json) ?? .null),
            ("text", .string(text)),
        ])
    }
}

extension ConditionClause {
    /// `{"operator": "Bool", "key": "aws:MultiFactorAuthPresent", "values": ["true"]}`.
    public var json: JSONValue {
        .object([("operator", .string(condition.description)), ("key", .string(key)), ("values", .array(values.map(JSONValue.string)))])
    }
}

extension GrantComparison {
    /// `{"kind", "conditions", "unless"}`: what a grant or an assumer is compared with.
    public var json: JSONValue {
        .object([
            ("kind", .string(kind.rawValue)), ("conditions", .array(conditions.map(\.json))),
            ("unless", .array(unless.map { .array($0.map(\.json)) })),
        ])
    }
}
