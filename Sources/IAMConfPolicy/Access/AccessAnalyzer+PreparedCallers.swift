import IAMConfCore

/// Who asks a question, resolved and compiled once per analyzer (the identity policies, the
/// permissions boundary, the session policies), for servers that ask many questions of one
/// configuration.
extension AccessAnalyzer {
    /// What makes one question's caller: the same key always resolves to the same caller.
    struct CallerCacheKey: Hashable, Sendable {
        var principal: String
        var isMFAAuthenticated: Bool
        var sessionPolicies: [JSONValue]

        init(_ question: AccessQuestion) {
            principal = question.principal
            isMFAAuthenticated = question.isMFAAuthenticated
            sessionPolicies = question.sessionPolicies
        }
    }

    /// A resolved caller and the notes resolving it wrote (replayed into each answer).
    struct PreparedCaller: Sendable {
        var caller: AccessCaller
        var notes: [String]
    }

    /// More prepared callers than this (many short sessions) start the cache again.
    static let preparedCallerLimit = 4_096

    /// Resolves and compiles `question`'s caller now, so later answers for the same caller reuse it.
    /// A question whose caller cannot be resolved is left to `answer`, which reports why.
    public mutating func prepareCaller(for question: AccessQuestion) {
        let key = CallerCacheKey(question)
        guard preparedCallers[key] == nil else { return }
        var notes: [String] = []
        guard var caller = try? resolveCaller(question, notes: &notes) else { return }
        caller.principalKeys = RequestContextBuilder.principalKeys(of: caller)
        if preparedCallers.count >= Self.preparedCallerLimit { preparedCallers.removeAll() }
        preparedCallers[key] = PreparedCaller(caller: caller, notes: notes)
    }

    /// Whether `question`'s caller is already prepared.
    public func hasPreparedCaller(for question: AccessQuestion) -> Bool {
        preparedCallers[CallerCacheKey(question)] != nil
    }

    /// The question's caller: prepared, or resolved now.
    func questionCaller(_ question: AccessQuestion, notes: inout [String]) throws(AccessError) -> AccessCaller {
        if let prepared = preparedCallers[CallerCacheKey(question)] {
            notes += prepared.notes
            return prepared.caller
        }
        return try resolveCaller(question, notes: &notes)
    }

    /// The principal the question names, with its session policies when it is a role session.
    private func resolveCaller(_ question: AccessQuestion, notes: inout [String]) throws(AccessError) -> AccessCaller {
        var caller = try caller(named: question.principal, isMFAAuthenticated: question.isMFAAuthenticated, notes: &notes)
        if caller.principal.kind == .roleSession {
            caller.sessionPolicies = question.sessionPolicies.enumerated().compactMap { index, document in
                NamedPolicy.make(PolicySource(document: document), kind: .sessionPolicy, name: "session policy \(index + 1)", notes: &notes)
            }
        }
        return caller
    }
}
