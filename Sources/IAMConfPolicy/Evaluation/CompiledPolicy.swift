import IAMConfCore

/// A policy document compiled into matchers, ready to evaluate many requests quickly.
///
/// Compile once per document (parsing, wildcard compilation and value parsing happen here) and
/// reuse it: evaluation then allocates nothing for documents without policy variables.
public struct CompiledPolicy: Sendable {
    /// The caller's name for this policy; `Decision.matchedStatements` refer to it.
    public var id: String
    public let document: PolicyDocument
    /// True when no statement has Resource or NotResource: a role trust policy, which must itself
    /// name the caller (or its account) for `sts:AssumeRole*` to succeed, even within one account.
    public let isTrustPolicy: Bool
    let statements: [CompiledStatement]

    public init(_ document: PolicyDocument, id: String) {
        self.id = id
        self.document = document
        self.isTrustPolicy = document.statements.allSatisfy { $0.resource == nil }
        self.statements = document.statements.enumerated().map {
            CompiledStatement($0.element, index: $0.offset, resolvesVariables: document.resolvesVariables)
        }
    }

    /// Parses, validates and compiles in one step; nil (with the diagnostics) when the document has errors.
    public static func compile(_ json: JSONValue, kind: PolicyKind, id: String) -> (policy: CompiledPolicy?, diagnostics: [Diagnostic]) {
        let (document, diagnostics) = PolicyDocument.parse(json, kind: kind)
        return (document.map { CompiledPolicy($0, id: id) }, diagnostics)
    }
}

/// A statement's elements as matchers. A class so that walking a policy's statements costs one
/// reference count per statement instead of one per field.
final class CompiledStatement: Sendable {
    enum ResourcePattern: Sendable {
        case fixed(Glob)
        case templated(PolicyTemplate)
    }

    enum PrincipalPattern: Sendable {
        case anyone
        case account(String)
        case arn(String)
        case service(String)
        case federated(String)
        case none
    }

    let index: Int
    let sid: String?
    let effect: Effect
    let actions: [Glob]
    let isActionNegated: Bool
    /// Nil when the statement has no Resource element (trust policies): it applies to the role itself.
    let resources: [ResourcePattern]?
    let isResourceNegated: Bool
    let principals: [PrincipalPattern]?
    let isPrincipalNegated: Bool
    let conditions: [CompiledCondition]

    init(_ statement: PolicyStatement, index: Int, resolvesVariables: Bool) {
        self.index = index
        sid = statement.sid
        effect = statement.effect
        actions = statement.action.values.map { Glob($0, caseInsensitive: true) }
        isActionNegated = statement.action.isNegated
        resources = statement.resource.map { element in
            element.values.map { value in
                let template = PolicyTemplate(value, resolvesVariables: resolvesVariables)
                return template.isPlain ? .fixed(Glob(value, caseInsensitive: false)) : .templated(template)
            }
        }
        isResourceNegated = statement.resource?.isNegated ?? false
        principals = statement.principal.map { element in
            element.isWildcard ? [.anyone] : element.entries.map(CompiledStatement.principalPattern)
        }
        isPrincipalNegated = statement.principal?.isNegated ?? false
        conditions = statement.conditions.map { CompiledCondition($0, resolvesVariables: resolvesVariables) }
    }

    static func principalPattern(_ entry: PrincipalEntry) -> PrincipalPattern {
        switch entry.type {
        case .aws:
            if entry.value == "*" { return .anyone }
            if AccountID.isValid(entry.value) { return .account(entry.value) }
            if let arn = ARN(entry.value), arn.service == "iam", arn.resource == "root" { return .account(arn.account) }
            return .arn(entry.value)
        case .service: return entry.value == "*" ? .anyone : .service(entry.value)
        case .federated: return .federated(entry.value)
        case .canonicalUser: return .none
        }
    }
}
