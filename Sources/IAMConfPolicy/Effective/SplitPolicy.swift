/// Which condition keys describe the principal itself and so are decided by the engine; every
/// other key describes a request (MFA, source IP, time, tags on the request, external id) and is
/// reported with the grant instead of being guessed.
enum FactKeys: Sendable, Hashable {
    /// A configured user: its ARN, account, name, id and tags are known.
    case user
    /// A configured role's sessions: the role's ARN, account and tags are known (not the session name).
    case role
    /// Someone named only by a policy (an account, a service, `*`): nothing is known about it.
    case none

    /// A fact this principal does not have (a role has no `aws:username`, an untagged user no
    /// `aws:PrincipalTag/team`): a policy variable on it matches nothing, as in AWS.
    func isKnownAbsent(_ key: String) -> Bool {
        let lower = key.lowercased()
        switch self {
        case .none: return false
        case .role: return lower == "aws:username" || lower.hasPrefix("aws:principaltag/")
        case .user: return lower.hasPrefix("aws:principaltag/")
        }
    }

    func isFact(_ key: String) -> Bool {
        let lower = key.lowercased()
        switch self {
        case .none: return false
        case .user where lower == "aws:username" || lower == "aws:userid": return true
        default:
            return ["aws:principalarn", "aws:principalaccount", "aws:principaltype", "aws:principalisawsservice"].contains(lower)
                || lower.hasPrefix("aws:principaltag/")
        }
    }
}

/// A policy as effective access hands it to the engine: request conditions taken out and kept
/// aside, so the engine decides what the principal's facts decide and the rest is reported.
///
/// - `main`: every Allow statement without its request clauses (`mainClauses` keeps them, by
///   statement), and every Deny statement that has none (it always applies, or by facts alone).
/// - `conditionalDenies`: each Deny statement with request clauses, without them (`denyClauses`):
///   asked separately, each becomes an "unless" of the grants it would deny.
struct SplitPolicy: Sendable {
    var name: String
    var document: PolicyDocument
    /// What each statement of `document` matches in the action catalog.
    var statementActions: [ActionSet]
    /// What its Allow statements match, together.
    var allowActions: ActionSet
    /// What any of its statements matches: for another action the policy contributes nothing.
    var anyActions: ActionSet
    var main: CompiledPolicy
    var mainClauses: [[ConditionClause]]
    var conditionalDenies: CompiledPolicy?
    var denyClauses: [[ConditionClause]]

    init(_ document: PolicyDocument, id: String, name: String, facts: FactKeys, index: ActionIndex) {
        self.name = name
        self.document = document
        statementActions = document.statements.map { index.matching($0.action) }
        var allows = index.empty
        for (statement, actions) in zip(document.statements, statementActions) where statement.effect == .allow { allows.formUnion(actions) }
        allowActions = allows
        var any = index.empty
        for actions in statementActions { any.formUnion(actions) }
        anyActions = any
        var main: [PolicyStatement] = []
        var mainClauses: [[ConditionClause]] = []
        var denies: [PolicyStatement] = []
        var denyClauses: [[ConditionClause]] = []
        for statement in document.statements {
            let reported = statement.conditions.filter { !facts.isFact($0.key) }
            var kept = statement
            kept.conditions = statement.conditions.filter { facts.isFact($0.key) }
            if statement.effect == .deny, !reported.isEmpty {
                denies.append(kept)
                denyClauses.append(GrantShape.normalised(reported))
            } else {
                main.append(statement.effect == .allow ? kept : statement)
                mainClauses.append(statement.effect == .allow ? GrantShape.normalised(reported) : [])
            }
        }
        self.main = CompiledPolicy(PolicyDocument(version: document.version, id: document.id, statements: main), id: id)
        self.mainClauses = mainClauses
        self.conditionalDenies = denies.isEmpty
            ? nil : CompiledPolicy(PolicyDocument(version: document.version, id: document.id, statements: denies), id: id + "#deny")
        self.denyClauses = denyClauses
    }

    /// The actions this policy's Allow statements (or Deny statements) can reach.
    func actions(effect: Effect, index: ActionIndex) -> ActionSet {
        if effect == .allow { return allowActions }
        var set = index.empty
        for (statement, actions) in zip(document.statements, statementActions) where statement.effect == effect {
            set.formUnion(actions)
        }
        return set
    }
}
