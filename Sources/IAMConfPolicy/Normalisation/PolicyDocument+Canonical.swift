import IAMConfCore

extension PolicyDocument {
    /// The canonical form of a policy document, so that documents that mean the same compare equal.
    ///
    /// Object keys are sorted; a lone string or statement becomes a one-element list; Action,
    /// Resource, principal and condition value lists are sorted and de-duplicated (they are sets);
    /// condition numbers and booleans become strings (IAM compares them as text); a missing Version
    /// becomes "2008-10-17", which IAM assumes. Statement order is kept. Works on any JSON, so a
    /// document with grammar errors still normalises as far as its shape allows.
    public static func canonicalJSON(_ document: JSONValue) -> JSONValue {
        guard var members = document.objectValue else { return sortedKeys(document) }
        if !members.contains(where: { $0.key == "Version" }) {
            members.append((key: "Version", value: .string(PolicyDocument.legacyVersion)))
        }
        let canonical = members.map { member -> (key: String, value: JSONValue) in
            guard member.key == "Statement" else { return member }
            let statements = member.value.arrayValue ?? [member.value]
            return (member.key, .array(statements.map(canonicalStatement)))
        }
        return sortedKeys(.object(canonical))
    }

    /// Stable text of the canonical form (sorted keys, two-space indent) for line-by-line diffs.
    public static func canonicalText(_ document: JSONValue) -> String {
        canonicalJSON(document).prettyText(sortKeys: true)
    }

    /// Whether two documents mean the same: canonical forms equal, with statements compared as a
    /// multiset, action names and condition key names compared without case (IAM ignores it there).
    public static func semanticallyEqual(_ lhs: JSONValue, _ rhs: JSONValue) -> Bool {
        let left = comparisonForm(canonicalJSON(lhs))
        let right = comparisonForm(canonicalJSON(rhs))
        guard let leftStatements = left["Statement"]?.arrayValue, let rightStatements = right["Statement"]?.arrayValue,
              left["Version"] == right["Version"], left["Id"] == right["Id"]
        else { return left == right }
        guard leftStatements.count == rightStatements.count else { return false }
        var counts: [JSONValue: Int] = [:]
        for statement in leftStatements { counts[statement, default: 0] += 1 }
        for statement in rightStatements {
            guard let n = counts[statement], n > 0 else { return false }
            counts[statement] = n - 1
        }
        return true
    }

    static func canonicalStatement(_ statement: JSONValue) -> JSONValue {
        guard let members = statement.objectValue else { return statement }
        return .object(members.map { member in
            switch member.key {
            case "Action", "NotAction", "Resource", "NotResource":
                return (member.key, stringSet(member.value))
            case "Principal", "NotPrincipal":
                guard let types = member.value.objectValue else { return member }
                return (member.key, .object(types.map { ($0.key, stringSet($0.value)) }))
            case "Condition":
                guard let operators = member.value.objectValue else { return member }
                return (member.key, .object(operators.map { op in
                    guard let keys = op.value.objectValue else { return op }
                    return (op.key, .object(keys.map { ($0.key, stringSet($0.value)) }))
                }))
            default:
                return member
            }
        })
    }

    /// A scalar or a list of scalars as a sorted, de-duplicated list of strings; other shapes unchanged.
    static func stringSet(_ value: JSONValue) -> JSONValue {
        func text(_ v: JSONValue) -> String? {
            switch v {
            case let .string(s): return s
            case let .number(n): return n
            case let .bool(b): return b ? "true" : "false"
            default: return nil
            }
        }
        let items = value.arrayValue ?? [value]
        var strings: [String] = []
        for item in items {
            guard let s = text(item) else { return value }
            strings.append(s)
        }
        return .array(Set(strings).sorted().map(JSONValue.string))
    }

    static func sortedKeys(_ value: JSONValue) -> JSONValue {
        switch value {
        case let .object(members):
            return .object(members.map { ($0.key, sortedKeys($0.value)) }.sorted { $0.key < $1.key })
        case let .array(items):
            return .array(items.map(sortedKeys))
        default:
            return value
        }
    }

    /// Lower-cases what IAM compares without case: action names and condition key names.
    static func comparisonForm(_ canonical: JSONValue) -> JSONValue {
        guard let statements = canonical["Statement"]?.arrayValue else { return canonical }
        let lowered = statements.map { statement -> JSONValue in
            guard let members = statement.objectValue else { return statement }
            return sortedKeys(.object(members.map { member in
                switch member.key {
                case "Action", "NotAction":
                    return (member.key, stringSet(.array((member.value.arrayValue ?? []).map {
                        $0.stringValue.map { JSONValue.string($0.lowercased()) } ?? $0
                    })))
                case "Condition":
                    guard let operators = member.value.objectValue else { return member }
                    return (member.key, .object(operators.map { op in
                        (op.key, .object((op.value.objectValue ?? []).map { ($0.key.lowercased(), $0.value) }))
                    }))
                default:
                    return member
                }
            }))
        }
        return .object((canonical.objectValue ?? []).map { $0.key == "Statement" ? ($0.key, .array(lowered)) : $0 })
    }
}
