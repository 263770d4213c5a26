import IAMConfCore

/// Everything one principal's requests are decided with, policies already split.
struct Probe {
    var principal: Principal
    var context: RequestContext
    var identity: [SplitPolicy]
    var boundary: [SplitPolicy]
    var resourcePolicy: SplitPolicy?
    /// The resource's account; nil means the principal's own.
    var resourceAccount: String?
    /// The principal's SCPs, one list per level; every level must allow.
    var serviceControl: [[SplitPolicy]] = []

    var policies: [SplitPolicy] { identity + boundary + (resourcePolicy.map { [$0] } ?? []) + serviceControl.joined() }
}

/// Deciding candidates: the core of effective access.
extension EffectiveAccess {
    /// The grants among `actions` × `resources`, as sets of actions sharing one shape.
    ///
    /// Actions are grouped by which statements match them (and by service, and by the kind of
    /// resource they take); the engine decides one action of each group per resource. That is
    /// exact, not an estimate: without a policy that treats services differently, the engine's
    /// decision depends on the action only through which statements match it.
    func grantSets(_ probe: Probe, actions: ActionSet, resources: [String]) -> [GrantSet] {
        var classes = [actions]
        for policy in probe.policies {
            for set in policy.statementActions { refine(&classes, by: set) }
        }
        // Services differ only where a resource policy is consulted (trust and key policies).
        if probe.resourcePolicy != nil {
            for s in index.services.indices { refine(&classes, by: index.serviceSet(s)) }
        }
        let accepting = resources.map(self.accepting)
        for set in accepting { refine(&classes, by: set) }
        let directory = Dictionary(probe.policies.flatMap { policy in
            [(policy.main.id, policy)] + (policy.conditionalDenies.map { [($0.id, policy)] } ?? [])
        }, uniquingKeysWith: { first, _ in first })
        var out: [GrantSet] = []
        for members in classes {
            guard let first = members.first else { continue }
            let accepted = resources.indices.filter { accepting[$0].contains(first) }.map { resources[$0] }
            guard !accepted.isEmpty else { continue }
            for shape in shapes(probe, action: first, resources: accepted, directory: directory) {
                out.append(GrantSet(shape: shape, actions: members))
            }
        }
        return out
    }

    /// Splits every class in two where `set` cuts it: afterwards each class is inside or outside `set`.
    func refine(_ classes: inout [ActionSet], by set: ActionSet) {
        var next: [ActionSet] = []
        next.reserveCapacity(classes.count + 4)
        for members in classes {
            let (shares, isInside) = members.overlap(with: set)
            if !shares || isInside {
                next.append(members)
            } else {
                next.append(members.intersection(set))
                next.append(members.subtracting(set))
            }
        }
        classes = next
    }

    /// The actions that can take a resource pattern, once per pattern.
    func accepting(_ resource: String) -> ActionSet {
        if let known = acceptance[resource] { return known }
        let set = index.accepting(resource)
        acceptance[resource] = set
        return set
    }

    /// The grant shapes of one action over candidate resources: each allowed resource with its
    /// conditions, narrower refused candidates as its exceptions, and allowed candidates that a
    /// broader one already covers left out.
    ///
    /// When `*` is allowed without a condition and nothing that could refuse a narrower resource
    /// touches the action (a Deny, a boundary statement or a NotResource naming more than `*`), every
    /// narrower candidate would be allowed at least as widely and then left out as covered: those
    /// decisions are not asked for.
    func shapes(_ probe: Probe, action: Int, resources: [String], directory: [String: SplitPolicy]) -> [GrantShape] {
        if resources.count > 1, resources.contains("*"), probe.resourcePolicy == nil, isResourceBlind(probe, action: action),
           let everywhere = decide(probe, action: action, resource: "*", directory: directory),
           everywhere.contains(where: { $0.conditions.isEmpty }) {
            return everywhere.filter(\.conditions.isEmpty).map { GrantShape(resource: "*", conditions: [], unless: $0.unless, exceptions: []) }
        }
        var allowed: [(resource: String, alternatives: [Alternative])] = []
        var refused: [String] = []
        for resource in resources {
            if let alternatives = decide(probe, action: action, resource: resource, directory: directory) {
                allowed.append((resource, alternatives))
            } else {
                refused.append(resource)
            }
        }
        var shapes: [GrantShape] = []
        for (resource, alternatives) in allowed {
            let exceptions = refused.filter { $0 != resource && coverage.covers(resource, $0) }
            for alternative in alternatives {
                shapes.append(GrantShape(resource: resource, conditions: alternative.conditions, unless: alternative.unless, exceptions: exceptions))
            }
        }
        return shapes.enumerated().filter { i, shape in
            !shapes.enumerated().contains { j, other in j != i && other.resource != shape.resource && other.covers(shape, resources: coverage) }
        }.map(\.element)
    }

    /// Whether every statement that could refuse the action on a narrower resource (a Deny, a
    /// boundary statement, a NotResource) names only `*`.
    func isResourceBlind(_ probe: Probe, action: Int) -> Bool {
        func blind(_ policy: SplitPolicy, isBoundary: Bool) -> Bool {
            for (statement, actions) in zip(policy.document.statements, policy.statementActions) where actions.contains(action) {
                guard statement.effect == .deny || isBoundary || statement.resource?.isNegated == true else { continue }
                guard let element = statement.resource, !element.isNegated, element.values.allSatisfy({ $0 == "*" }) else { return false }
            }
            return true
        }
        return probe.identity.allSatisfy { blind($0, isBoundary: false) } && probe.boundary.allSatisfy { blind($0, isBoundary: true) }
    }

    struct Alternative: Hashable {
        var conditions: [ConditionClause]
        var unless: [[ConditionClause]]
    }

    /// nil when the request is refused; otherwise the ways it is allowed (usually one): the
    /// reported clauses of the Allow statements that matched, and the conditional Denies that
    /// would take it away.
    ///
    /// Identity policies none of whose statements match the action are left out of the request:
    /// they contribute nothing to its decision, and the engine would only scan their patterns
    /// (ReadOnlyAccess has 1,600). Boundaries always stay: one that matches nothing refuses.
    func decide(_ probe: Probe, action position: Int, resource: String, directory: [String: SplitPolicy]) -> [Alternative]? {
        let action = index.qualifiedNames[position]
        let request = AccessRequest(
            principal: probe.principal, action: action, resource: resource, resourceAccount: probe.resourceAccount,
            context: probe.context, identityPolicies: probe.identity.filter { $0.anyActions.contains(position) }.map(\.main),
            permissionsBoundaries: probe.boundary.map(\.main), serviceControlPolicies: probe.serviceControl.map { $0.map(\.main) },
            resourcePolicy: probe.resourcePolicy?.main)
        let decision = PolicyEvaluator.evaluate(request)
        guard decision.outcome == .allowed else { return nil }
        var byType: [PolicyType: [[ConditionClause]]] = [:]
        for match in decision.matchedStatements where match.effect == .allow {
            guard let policy = directory[match.policyID], match.statementIndex < policy.mainClauses.count else { continue }
            byType[match.policyType, default: []].append(Self.filledIn(policy.mainClauses[match.statementIndex], policy, probe.context))
        }
        var combined: [[ConditionClause]] = [[]]
        for type in [PolicyType.identity, .permissionsBoundary, .resource] {
            guard let lists = byType[type] else { continue }
            let options = lists.contains { $0.isEmpty } ? [[]] : Array(Set(lists)).sorted { $0.map(\.sortKey).joined() < $1.map(\.sortKey).joined() }
            combined = combined.flatMap { base in options.map { GrantShape.normalised(base + $0) } }
            if combined.count > 8 { combined = Array(combined.prefix(8)) }
        }
        let unless = conditionalDenies(probe, action: position, resource: resource, directory: directory)
        return Array(Set(combined)).sorted { $0.map(\.sortKey).joined() < $1.map(\.sortKey).joined() }
            .map { Alternative(conditions: $0, unless: unless) }
    }

    /// The conditional Deny statements that apply to the request, each as the clauses that deny.
    func conditionalDenies(_ probe: Probe, action position: Int, resource: String, directory: [String: SplitPolicy]) -> [[ConditionClause]] {
        let action = index.qualifiedNames[position]
        // An SCP's conditional Deny takes access away like an identity policy's.
        let identityDenies = (probe.identity + probe.boundary + Array(probe.serviceControl.joined()))
            .filter { $0.anyActions.contains(position) }.compactMap(\.conditionalDenies)
        let resourceDenies = probe.resourcePolicy?.conditionalDenies
        guard !identityDenies.isEmpty || resourceDenies != nil else { return [] }
        let request = AccessRequest(
            principal: probe.principal, action: action, resource: resource, resourceAccount: probe.resourceAccount,
            context: probe.context, identityPolicies: (AccessAnalyzer.allowEverything.map { [$0] } ?? []) + identityDenies,
            resourcePolicy: resourceDenies)
        let decision = PolicyEvaluator.evaluate(request)
        guard decision.outcome == .explicitDeny else { return [] }
        var found = Set<[ConditionClause]>()
        for match in decision.matchedStatements where match.effect == .deny {
            guard let policy = directory[match.policyID], match.statementIndex < policy.denyClauses.count else { continue }
            found.insert(Self.filledIn(policy.denyClauses[match.statementIndex], policy, probe.context))
        }
        return found.sorted { $0.map(\.sortKey).joined() < $1.map(\.sortKey).joined() }
    }

    /// Reported clauses with the principal's own policy variables filled in, as AWS would compare
    /// them (`secretsmanager:ResourceTag/owner is alice`, not `${aws:username}`); others stay as written.
    static func filledIn(_ clauses: [ConditionClause], _ policy: SplitPolicy, _ context: RequestContext) -> [ConditionClause] {
        guard policy.document.resolvesVariables, clauses.contains(where: { $0.values.contains { $0.utf8.contains(UInt8(ascii: "$")) } }) else { return clauses }
        return clauses.map { clause in
            var clause = clause
            clause.values = clause.values.map { PolicyTemplate($0, resolvesVariables: true).resolveText(context) ?? $0 }
            return clause
        }
    }

    /// The resource patterns the policies name, with the principal's own policy variables filled
    /// in; a NotResource adds `*` (what it allows is everything but its list).
    func candidateResources(_ policies: [SplitPolicy], context: RequestContext, facts: FactKeys, notes: inout [String]) -> [String] {
        var seen = Set<String>()
        var out: [String] = []
        func add(_ text: String) { if seen.insert(text).inserted { out.append(text) } }
        for policy in policies {
            for statement in policy.document.statements {
                guard let element = statement.resource else { continue }
                if element.isNegated { add("*") }
                for value in element.values {
                    let template = PolicyTemplate(value, resolvesVariables: policy.document.resolvesVariables)
                    if let text = template.resolveText(context) {
                        add(text)
                    } else if !template.missingKeys(in: context).allSatisfy(facts.isKnownAbsent) {
                        notes.append("\(policy.name): \(value) uses a policy variable iamconf cannot know offline; what it allows there is not listed")
                    }
                }
            }
        }
        return out
    }
}

