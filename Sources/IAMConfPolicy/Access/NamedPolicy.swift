import IAMConfCore

/// A compiled policy together with how the configuration names it and where its statements are.
struct NamedPolicy: Sendable {
    var compiled: CompiledPolicy
    var name: String
    var via: String?
    var statementLocations: [SourceLocation?]

    /// Compiles a document; nil (with a note) when it does not parse, so one bad document never
    /// hides the rest of the answer.
    static func make(
        _ source: PolicySource, kind: PolicyKind, name: String, via: String? = nil, notes: inout [String]
    ) -> NamedPolicy? {
        let id = via.map { "\(name) (\($0))" } ?? name
        guard let compiled = CompiledPolicy.compile(source.document, kind: kind, id: id).policy else {
            notes.append("\(name) could not be read as a policy document and was left out")
            return nil
        }
        return NamedPolicy(compiled: compiled, name: name, via: via, statementLocations: source.statementLocations)
    }

    func reason(for match: MatchedStatement) -> AccessReason {
        let index = match.statementIndex
        let location = index < statementLocations.count ? statementLocations[index] : nil
        return AccessReason(
            policyName: name, via: via, role: match.policyType, statementIndex: index, sid: match.sid, effect: match.effect,
            location: location)
    }
}

/// The policies of one request, looked up by id to turn matched statements into reasons.
struct PolicyDirectory {
    private var byID: [String: NamedPolicy] = [:]

    mutating func add(_ policies: [NamedPolicy]) {
        for policy in policies { byID[policy.compiled.id] = policy }
    }

    func reasons(_ matches: [MatchedStatement]) -> [AccessReason] {
        var seen = Set<AccessReason>()
        var out: [AccessReason] = []
        for match in matches {
            guard let policy = byID[match.policyID] else { continue }
            let reason = policy.reason(for: match)
            if seen.insert(reason).inserted { out.append(reason) }
        }
        return out
    }
}

/// A managed policy compiled for one use (identity policy or permissions boundary).
struct PolicyCacheKey: Hashable, Sendable {
    var arn: String
    var kind: PolicyKind
}
