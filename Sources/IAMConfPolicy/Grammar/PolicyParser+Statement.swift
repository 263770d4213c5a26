import IAMConfCore

extension PolicyParser {
    mutating func parseStatement(_ value: JSONValue, path: String) -> PolicyStatement? {
        guard let members = value.objectValue else {
            error("policy-statement-invalid", "A statement must be a JSON object",
                  hint: "Write each statement as an object with Effect, Action and Resource.", path: path)
            return nil
        }
        for member in members where !Self.statementKeys.contains(member.key) {
            error("policy-unknown-key", "Unknown statement element '\(member.key)'",
                  hint: "Statements have Sid, Effect, Principal, NotPrincipal, Action, NotAction, Resource, NotResource and Condition (case-sensitive).",
                  path: "\(path).\(member.key)")
        }
        let sid = parseSid(value["Sid"], path: path)
        let effect = parseEffect(value["Effect"], path: path)
        let principal = parsePrincipalElement(value, path: path)
        let action = parseActionElement(value, path: path)
        let resource = parseResourceElement(value, path: path)
        var conditions: [ConditionClause] = []
        if let condition = value["Condition"] {
            conditions = parseCondition(condition, path: "\(path).Condition")
        }
        return PolicyStatement(
            sid: sid, effect: effect ?? .deny, principal: principal,
            action: action ?? ValueListElement(values: []), resource: resource, conditions: conditions)
    }

    mutating func parseSid(_ value: JSONValue?, path: String) -> String? {
        guard let value else { return nil }
        guard let sid = value.stringValue else {
            error("policy-element-type", "Sid must be a string", hint: "Write Sid as a string of letters and digits.", path: "\(path).Sid")
            return nil
        }
        // IAM's rule (ASCII letters and digits) binds the policies IAM stores; resource-based policies
        // follow their service's rules, which accept more: KMS's default key policy has
        // "Sid": "Enable IAM User Permissions".
        // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_sid.html
        // https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html
        guard kind.restrictsSidToLettersAndDigits else { return sid }
        let isAlphanumeric = sid.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
        }
        if !isAlphanumeric {
            error("policy-sid-invalid", "Sid '\(sid)' may contain only letters and digits",
                  hint: "Remove spaces, dashes and other punctuation from the Sid.", path: "\(path).Sid")
        }
        return sid
    }

    mutating func parseEffect(_ value: JSONValue?, path: String) -> Effect? {
        guard let value else {
            error("policy-effect-missing", "The statement has no Effect", hint: "Add \"Effect\": \"Allow\" or \"Deny\".", path: path)
            return nil
        }
        guard let text = value.stringValue, let effect = Effect(rawValue: text) else {
            error("policy-effect-invalid", "Effect must be \"Allow\" or \"Deny\"",
                  hint: "Write Allow or Deny exactly (case-sensitive).", path: "\(path).Effect")
            return nil
        }
        return effect
    }

    /// Reads a string or a list of strings; nil (with a diagnostic) for anything else.
    mutating func stringList(_ value: JSONValue, path: String, element: String) -> [(value: String, path: String)]? {
        switch value {
        case let .string(text):
            return [(text, path)]
        case let .array(items):
            if items.isEmpty {
                error("policy-element-empty", "\(element) is an empty list",
                      hint: "List at least one value, or remove the element.", path: path)
                return nil
            }
            var result: [(value: String, path: String)] = []
            for (index, item) in items.enumerated() {
                guard let text = item.stringValue else {
                    error("policy-element-type", "\(element) values must be strings",
                          hint: "Quote each value.", path: "\(path)[\(index)]")
                    continue
                }
                result.append((text, "\(path)[\(index)]"))
            }
            return result
        default:
            error("policy-element-type", "\(element) must be a string or a list of strings",
                  hint: "Write one value as a string, several as a list.", path: path)
            return nil
        }
    }

    /// Exactly one of the two names must be present (or, when not required, at most one).
    mutating func pick(_ statement: JSONValue, _ name: String, _ negated: String, path: String)
        -> (value: JSONValue, isNegated: Bool, name: String)?
    {
        let plain = statement[name]
        let not = statement[negated]
        if plain != nil, not != nil {
            error("policy-\(name.lowercased())-conflict", "A statement cannot have both \(name) and \(negated)",
                  hint: "Keep one of \(name) or \(negated).", path: "\(path).\(negated)")
            return nil
        }
        if let plain { return (plain, false, name) }
        if let not { return (not, true, negated) }
        return nil
    }

    mutating func parseActionElement(_ statement: JSONValue, path: String) -> ValueListElement? {
        guard let (value, isNegated, name) = pick(statement, "Action", "NotAction", path: path) else {
            if statement["Action"] == nil, statement["NotAction"] == nil {
                error("policy-action-missing", "The statement has neither Action nor NotAction",
                      hint: "Add \"Action\": \"service:Operation\" (wildcards * and ? are allowed).", path: path)
            }
            return nil
        }
        guard let items = stringList(value, path: "\(path).\(name)", element: name) else { return nil }
        for item in items where !Self.isValidAction(item.value) {
            error("policy-action-invalid", "'\(item.value)' is not an action of the form service:Operation",
                  hint: "Write actions as prefix:Name, e.g. s3:GetObject or s3:Get*; \"*\" alone means every action.",
                  path: item.path)
        }
        return ValueListElement(isNegated: isNegated, values: items.map(\.value))
    }

    /// `*`, or `service:Action` where both sides are non-empty and use letters, digits, `-`, `_`, `*`, `?`.
    static func isValidAction(_ action: String) -> Bool {
        if action == "*" { return true }
        let parts = action.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return false }
        return parts.allSatisfy { part in
            part.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
                    || $0 == "-" || $0 == "_" || $0 == "*" || $0 == "?"
            }
        }
    }

    mutating func parseResourceElement(_ statement: JSONValue, path: String) -> ValueListElement? {
        if !kind.requiresResource {
            for name in ["Resource", "NotResource"] where statement[name] != nil {
                error("policy-resource-not-allowed", "A role trust policy cannot have \(name)",
                      hint: "Remove \(name): the resource of a trust policy is the role itself.", path: "\(path).\(name)")
            }
            return nil
        }
        guard let (value, isNegated, name) = pick(statement, "Resource", "NotResource", path: path) else {
            if statement["Resource"] == nil, statement["NotResource"] == nil {
                error("policy-resource-missing", "The statement has neither Resource nor NotResource",
                      hint: "Add \"Resource\": an ARN, an ARN pattern with * and ?, or \"*\".", path: path)
            }
            return nil
        }
        guard let items = stringList(value, path: "\(path).\(name)", element: name) else { return nil }
        for item in items where !Self.isValidResource(item.value) {
            error("policy-resource-invalid", "'\(item.value)' is not an ARN",
                  hint: "Write resources as arn:partition:service:region:account:resource, or \"*\".", path: item.path)
        }
        return ValueListElement(isNegated: isNegated, values: items.map(\.value))
    }

    /// `*`, or `arn:partition:service:region:account:resource` with partition, service and resource
    /// non-empty (IAM's MalformedPolicyDocument otherwise). Fewer segments are accepted when the
    /// pattern ends with `*`, which then matches the rest across colons (`arn:aws:dynamodb:us-east-1:*`).
    /// Policy variables count as one character, since `${aws:username}` holds a colon of its own.
    /// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html
    static func isValidResource(_ resource: String) -> Bool {
        // A resource that starts with a variable is only known at request time.
        if resource == "*" || resource.hasPrefix("${") { return true }
        let plain = withoutVariables(resource)
        let parts = plain.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count >= 3, parts[0] == "arn", !parts[1].isEmpty, !parts[2].isEmpty else { return false }
        if parts.count < 6 { return plain.hasSuffix("*") }
        return !parts[5].isEmpty
    }

    /// The text with each `${...}` replaced by `x`.
    private static func withoutVariables(_ text: String) -> String {
        // Most resources have no variable; Foundation's range(of:) would be the costliest step.
        guard text.utf8.contains(UInt8(ascii: "$")) else { return text }
        var out = ""
        var rest = Substring(text)
        while let open = rest.range(of: "${"), let close = rest[open.upperBound...].firstIndex(of: "}") {
            out += rest[..<open.lowerBound] + "x"
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }
}
