import IAMConfCore

/// IAM Access Analyzer's policy checks that can be decided offline, from the document, the action
/// catalog and what the caller knows of where the document is used.
///
/// Findings carry AWS's issue codes and finding types; each has a `path` into the document, and
/// the configuration layer turns that into a file:line:column. Runs on any JSON value: parts the
/// grammar rejects are skipped here (`validate` reports them), so a broken document still gets the
/// findings of its readable parts. Pure: no I/O.
public enum PolicyLinter {
    /// What the linter knows beyond the document.
    public struct Context: Sendable {
        /// How the document is used: identity, boundary, trust or resource policy.
        public var kind: PolicyKind
        /// The size quota the document counts against (characters without whitespace), when iamconf
        /// knows one: the managed policy quota, or the owner's inline quota. nil: no size check.
        public var sizeQuota: Int?

        public init(kind: PolicyKind, sizeQuota: Int? = nil) {
            self.kind = kind
            self.sizeQuota = sizeQuota
        }
    }

    /// Every finding for one document, in document order.
    public static func findings(for document: JSONValue, context: Context, catalog: ActionCatalog = .shared) -> [PolicyFinding] {
        let statements = LintStatement.all(in: document)
        var found = documentFindings(document, context: context)
        for statement in statements {
            found += statementFindings(statement, context: context)
            found += actionFindings(statement, catalog: catalog)
            found += resourceFindings(statement, catalog: catalog)
            found += passRoleFindings(statement, catalog: catalog)
            found += conditionFindings(statement, catalog: catalog)
            if context.kind == .trust { found += trustFindings(statement) }
        }
        found += redundantStatementFindings(statements)
        return found
    }

    private static func documentFindings(_ document: JSONValue, context: Context) -> [PolicyFinding] {
        var found: [PolicyFinding] = []
        if document.objectValue != nil, document["Version"] == nil {
            found.append(PolicyFinding(.missingVersion, "We recommend that you specify the Version element to help you with debugging permission issues: without \"Version\": \"2012-10-17\" policy variables are literal text.", path: ""))
        }
        let isIdentity = context.kind == .identity || context.kind == .boundary
        if isIdentity, let quota = context.sizeQuota {
            let size = PolicySize.measure(document)
            if size > quota {
                found.append(PolicyFinding(.policySizeExceedsIdentityPolicyQuota,
                    "The \(size) characters in the identity policy, excluding whitespace, exceed the \(quota) character maximum for this policy. We recommend that you use multiple granular policies.", path: ""))
            }
        }
        if context.kind == .resource, let quota = context.sizeQuota {
            // A resource policy's quota is the service's, in bytes of the document sent (S3: 20 KB).
            let size = document.compactText().utf8.count
            if size > quota {
                found.append(PolicyFinding(.policySizeExceedsResourcePolicyQuota,
                    "The \(size) bytes of the resource policy exceed the \(quota) byte maximum the service accepts. Grant to fewer, broader principals or prefixes, or move grants into identity policies.", path: ""))
            }
        }
        return found
    }

    private static func statementFindings(_ statement: LintStatement, context: Context) -> [PolicyFinding] {
        var found: [PolicyFinding] = []
        if let sid = statement.json["Sid"], sid.stringValue == "" {
            found.append(PolicyFinding(.emptySidValue, "Add a value to the empty string in the Sid element, or remove the Sid.", path: statement.path + ".Sid", isAboutValue: true))
        }
        if statement.json["NotPrincipal"] != nil, statement.isAllow {
            found.append(PolicyFinding(.allowWithNotPrincipal,
                "Using Allow with NotPrincipal can be overly permissive: it allows every principal not listed, anonymous ones included. We recommend that you use Principal instead.",
                path: statement.path + ".NotPrincipal"))
        }
        for element in ["Principal", "NotPrincipal"] {
            guard let value = statement.json[element] else { continue }
            if value.objectValue?.isEmpty == true {
                found.append(PolicyFinding(.emptyObjectPrincipal, "This statement includes no principals and does not affect the policy. Specify principals.", path: "\(statement.path).\(element)", isAboutValue: true))
            }
            for (key, inner) in value.objectValue ?? [] where inner.arrayValue?.isEmpty == true {
                found.append(PolicyFinding(.emptyArrayPrincipal, "This statement includes no \(key) principals and does not affect the policy. Specify principals.", path: "\(statement.path).\(element).\(key)", isAboutValue: true))
            }
        }
        return found
    }
}

/// One statement of a document being linted, with its path (`Statement[2]`, or `Statement` for a
/// lone object) and typed access to its elements.
struct LintStatement {
    var json: JSONValue
    var path: String
    var index: Int

    static func all(in document: JSONValue) -> [LintStatement] {
        switch document["Statement"] {
        case let .array(items)?:
            return items.enumerated().compactMap { index, item in
                item.objectValue == nil ? nil : LintStatement(json: item, path: "Statement[\(index)]", index: index)
            }
        case let value? where value.objectValue != nil:
            return [LintStatement(json: value, path: "Statement", index: 0)]
        default:
            return []
        }
    }

    var isAllow: Bool { json["Effect"]?.stringValue == "Allow" }

    /// The strings of `element` with their paths; nil when the element is absent or not strings.
    func strings(_ element: String) -> [(value: String, path: String)]? {
        switch json[element] {
        case let .string(text)?: return [(text, "\(path).\(element)")]
        case let .array(items)?:
            return items.enumerated().compactMap { index, item in item.stringValue.map { ($0, "\(path).\(element)[\(index)]") } }
        default: return nil
        }
    }

    /// True when `element` is written as an empty list.
    func isEmptyList(_ element: String) -> Bool { json[element]?.arrayValue?.isEmpty == true }
}
