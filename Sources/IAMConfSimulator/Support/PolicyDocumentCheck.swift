import IAMConfCore
import IAMConfEngine

/// The grammar checks IAM makes before storing a policy document, yielding `MalformedPolicyDocument`.
///
/// A small stand-in for the policy engineer's full grammar (IAMConfPolicy): JSON well-formedness,
/// the top-level and statement keys, Version, Effect, and Action/Resource/Principal presence by
/// policy kind. https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
enum PolicyDocumentCheck {
    enum Kind {
        /// Attached to a user, group or role, or a managed policy: no Principal, needs Resource.
        case identity
        /// A role's trust policy: needs Principal, no Resource.
        case trust
        /// A bucket policy: needs Principal and Resource.
        case resource
    }

    private static let topKeys: Set<String> = ["Version", "Id", "Statement"]
    private static let statementKeys: Set<String> = [
        "Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Principal", "NotPrincipal", "Condition",
    ]

    /// The size IAM counts against its quotas: characters other than whitespace.
    /// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html#reference_iam-quotas-entity-length
    static func countedSize(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { count, scalar in
            scalar == " " || scalar == "\n" || scalar == "\r" || scalar == "\t" ? count : count + 1
        }
    }

    static func check(_ text: String, kind: Kind) throws(BackendError) {
        let document: JSONValue
        do {
            document = try JSONParser.parse(text)
        } catch {
            throw IAMErrors.malformed("Syntax errors in policy.")
        }
        guard let members = document.objectValue else { throw IAMErrors.malformed("Syntax errors in policy.") }
        for member in members where !topKeys.contains(member.key) {
            throw IAMErrors.malformed("Syntax errors in policy. Unknown field \(member.key)")
        }
        if let version = document["Version"], version != .string("2012-10-17"), version != .string("2008-10-17") {
            throw IAMErrors.malformed("The policy failed legacy parsing")
        }
        let statements: [JSONValue]
        switch document["Statement"] {
        case let .array(items)? where !items.isEmpty: statements = items
        case let item? where item.objectValue != nil: statements = [item]
        default: throw IAMErrors.malformed("Syntax errors in policy.")
        }
        for statement in statements { try checkStatement(statement, kind: kind) }
    }

    private static func checkStatement(_ statement: JSONValue, kind: Kind) throws(BackendError) {
        guard let members = statement.objectValue else { throw IAMErrors.malformed("Syntax errors in policy.") }
        for member in members where !statementKeys.contains(member.key) {
            throw IAMErrors.malformed("Syntax errors in policy. Unknown field \(member.key)")
        }
        guard let effect = statement["Effect"]?.stringValue, effect == "Allow" || effect == "Deny" else {
            throw IAMErrors.malformed("Syntax errors in policy.")
        }
        let actions = statement["Action"] ?? statement["NotAction"]
        guard let actions, statement["Action"] == nil || statement["NotAction"] == nil else {
            throw IAMErrors.malformed("Policy statement must contain actions.")
        }
        try checkStrings(actions) { value throws(BackendError) in
            guard value == "*" || value.split(separator: ":", maxSplits: 1).count == 2 else {
                throw IAMErrors.malformed("Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.")
            }
        }
        try checkPrincipalAndResource(statement, kind: kind)
        if let condition = statement["Condition"] {
            guard let operators = condition.objectValue, operators.allSatisfy({ $0.value.objectValue != nil }) else {
                throw IAMErrors.malformed("Syntax errors in policy.")
            }
        }
    }

    private static func checkPrincipalAndResource(_ statement: JSONValue, kind: Kind) throws(BackendError) {
        let hasPrincipal = statement["Principal"] != nil || statement["NotPrincipal"] != nil
        let resources = statement["Resource"] ?? statement["NotResource"]
        switch kind {
        case .identity:
            if hasPrincipal { throw IAMErrors.malformed("Policy document should not specify a principal.") }
        case .trust:
            if !hasPrincipal { throw IAMErrors.malformed("Missing required field Principal") }
            if resources != nil { throw IAMErrors.malformed("Has prohibited field Resource") }
            return
        case .resource:
            if !hasPrincipal { throw IAMErrors.malformed("Missing required field Principal") }
        }
        guard let resources, statement["Resource"] == nil || statement["NotResource"] == nil else {
            throw IAMErrors.malformed("Policy statement must contain resources.")
        }
        try checkStrings(resources) { value throws(BackendError) in
            guard value == "*" || value.hasPrefix("arn:") else {
                throw IAMErrors.malformed("Resource \(value) must be in ARN format or \"*\".")
            }
        }
    }

    /// A string or a non-empty array of strings, each passing `rule`.
    private static func checkStrings(
        _ value: JSONValue, _ rule: (String) throws(BackendError) -> Void
    ) throws(BackendError) {
        switch value {
        case let .string(text): try rule(text)
        case let .array(items) where !items.isEmpty:
            for item in items {
                guard let text = item.stringValue else { throw IAMErrors.malformed("Syntax errors in policy.") }
                try rule(text)
            }
        default: throw IAMErrors.malformed("Syntax errors in policy.")
        }
    }
}
