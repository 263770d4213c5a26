import IAMConfCore

/// The `trust:` shorthand for a trust policy, when the shorthand expands to exactly that document.
///
/// The configuration loader expands `trust:` into one statement per kind of principal (AWS
/// principals, services, a federated provider, in that order; docs/configuration.md#roles). This
/// reads a document back into those parts, expands the parts again the same way, and uses the
/// shorthand only when the expansion is the document itself, key order included; anything else
/// (several providers, `Deny`, `sts:TagSession`, a condition only on the service statement) is
/// written as the full `trust_policy:`.
struct TrustShorthand: Equatable {
    var awsPrincipals: [String] = []
    var services: [String] = []
    var federated: (arn: String, action: String)?
    var conditions: [(key: String, value: JSONValue)] = []
    var requireMFA = false
    var externalID: String?

    static func == (lhs: TrustShorthand, rhs: TrustShorthand) -> Bool {
        lhs.document == rhs.document
    }

    /// The parts of `document`, or nil when no shorthand expands to it.
    init?(reading document: JSONValue) {
        guard case let .object(top) = document, top.count == 2, top[0].key == "Version", top[0].value == .string("2012-10-17"),
              top[1].key == "Statement", case let .array(statements) = top[1].value, !statements.isEmpty, statements.count <= 3 else { return nil }
        var guardConditions: [(key: String, value: JSONValue)]?
        var otherConditions: [(key: String, value: JSONValue)]?
        for statement in statements {
            guard let parts = Self.parts(of: statement) else { return nil }
            switch parts.principalKey {
            case "AWS":
                guard awsPrincipals.isEmpty, services.isEmpty, federated == nil, parts.action == "sts:AssumeRole" else { return nil }
                awsPrincipals = parts.principals
                guardConditions = parts.conditions
            case "Service":
                guard services.isEmpty, federated == nil, parts.action == "sts:AssumeRole" else { return nil }
                services = parts.principals
                otherConditions = parts.conditions
            case "Federated":
                guard federated == nil, parts.principals.count == 1 else { return nil }
                federated = (parts.principals[0], parts.action)
                if let other = otherConditions, !JSONValue.object(other).equals(parts.conditions) { return nil }
                otherConditions = parts.conditions
            default:
                return nil
            }
        }
        guard services.allSatisfy({ $0.hasSuffix(".amazonaws.com") || $0.hasSuffix(".amazonaws.com.cn") }) else { return nil }
        if let other = otherConditions {
            conditions = other
        } else if let guarded = guardConditions {
            // Only the AWS statement: its condition is `conditions:` plus what require_mfa and external_id add.
            conditions = guarded
            if let id = Self.value(in: conditions, op: "StringEquals", key: "sts:ExternalId")?.stringValue {
                let trial = Self.removing(conditions, op: "StringEquals", key: "sts:ExternalId")
                var candidate = self
                candidate.conditions = trial
                candidate.externalID = id
                if candidate.document == document { self = candidate }
            }
            if Self.value(in: conditions, op: "Bool", key: "aws:MultiFactorAuthPresent") == .string("true") {
                var candidate = self
                candidate.conditions = Self.removing(conditions, op: "Bool", key: "aws:MultiFactorAuthPresent")
                candidate.requireMFA = true
                if candidate.document == document { self = candidate }
            }
        }
        if guardConditions != nil, otherConditions != nil {
            // Both kinds: the AWS statement's condition must be the common one plus the guards.
            for mfa in [false, true] {
                for id in [nil, Self.value(in: guardConditions ?? [], op: "StringEquals", key: "sts:ExternalId")?.stringValue] {
                    var candidate = self
                    candidate.requireMFA = mfa
                    candidate.externalID = id
                    if candidate.document == document { self = candidate; return }
                }
            }
            return nil
        }
        guard document == self.document else { return nil }
    }

    /// The trust policy this shorthand expands to, as the configuration loader builds it.
    var document: JSONValue {
        var guardConditions = conditions
        if requireMFA { guardConditions = Self.merging(guardConditions, op: "Bool", key: "aws:MultiFactorAuthPresent", value: .string("true")) }
        if let externalID { guardConditions = Self.merging(guardConditions, op: "StringEquals", key: "sts:ExternalId", value: .string(externalID)) }
        var statements: [JSONValue] = []
        if !awsPrincipals.isEmpty { statements.append(Self.statement("AWS", awsPrincipals, "sts:AssumeRole", guardConditions)) }
        if !services.isEmpty { statements.append(Self.statement("Service", services, "sts:AssumeRole", conditions)) }
        if let federated { statements.append(Self.statement("Federated", [federated.arn], federated.action, conditions)) }
        return .object([("Version", .string("2012-10-17")), ("Statement", .array(statements))])
    }

    private static func statement(_ kind: String, _ principals: [String], _ action: String, _ conditions: [(key: String, value: JSONValue)]) -> JSONValue {
        let principal: JSONValue = principals.count == 1 ? .string(principals[0]) : .array(principals.map(JSONValue.string))
        var members: [(key: String, value: JSONValue)] = [("Effect", .string("Allow")), ("Principal", .object([(kind, principal)])), ("Action", .string(action))]
        if !conditions.isEmpty { members.append(("Condition", .object(conditions))) }
        return .object(members)
    }

    private static func parts(of statement: JSONValue) -> (principalKey: String, principals: [String], action: String, conditions: [(key: String, value: JSONValue)])? {
        guard case let .object(members) = statement, members.count == 3 || members.count == 4,
              members[0].key == "Effect", members[0].value == .string("Allow"),
              members[1].key == "Principal", case let .object(principal) = members[1].value, principal.count == 1,
              members[2].key == "Action", let action = members[2].value.stringValue else { return nil }
        var conditions: [(key: String, value: JSONValue)] = []
        if members.count == 4 {
            guard members[3].key == "Condition", case let .object(condition) = members[3].value, !condition.isEmpty else { return nil }
            conditions = condition
        }
        let principals: [String]
        switch principal[0].value {
        case let .string(text): principals = [text]
        case let .array(items) where items.count > 1:
            let texts = items.compactMap(\.stringValue)
            guard texts.count == items.count else { return nil }
            principals = texts
        default: return nil
        }
        return (principal[0].key, principals, action, conditions)
    }

    private static func value(in conditions: [(key: String, value: JSONValue)], op: String, key: String) -> JSONValue? {
        conditions.first { $0.key == op }?.value[key]
    }

    private static func removing(_ conditions: [(key: String, value: JSONValue)], op: String, key: String) -> [(key: String, value: JSONValue)] {
        var result = conditions
        guard let index = result.firstIndex(where: { $0.key == op }), case var .object(inner) = result[index].value else { return result }
        inner.removeAll { $0.key == key }
        if inner.isEmpty { result.remove(at: index) } else { result[index].value = .object(inner) }
        return result
    }

    /// As the loader merges require_mfa and external_id into the conditions: into the operator's
    /// object when there is one, else a new operator at the end.
    private static func merging(_ members: [(key: String, value: JSONValue)], op: String, key: String, value: JSONValue) -> [(key: String, value: JSONValue)] {
        var members = members
        if let index = members.firstIndex(where: { $0.key == op }), case var .object(inner) = members[index].value {
            inner.append((key, value))
            members[index].value = .object(inner)
        } else {
            members.append((op, .object([(key, value)])))
        }
        return members
    }
}

private extension JSONValue {
    func equals(_ members: [(key: String, value: JSONValue)]) -> Bool { self == .object(members) }
}
