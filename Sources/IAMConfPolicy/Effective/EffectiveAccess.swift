import IAMConfCore

/// What a principal of a configuration can do: every action its identity policies allow (inline,
/// attached customer and AWS managed, its groups'), within its permissions boundary, less what its
/// Deny statements take away, on which resources and under which conditions.
///
/// Nothing is evaluated twice here: each (action, resource) candidate is decided by
/// `PolicyEvaluator`, the engine `check` uses. The candidates are the catalog's actions that the
/// principal's Allow statements match (wildcards and NotAction expanded through `ActionCatalog`),
/// and the Resource patterns of its statements, each evaluated as if it were the request's resource.
/// Actions that the same statements match share one decision, so `*` costs a handful of decisions
/// per service rather than 20,000. See docs/access-delta.md for the approximations.
///
/// Keeps caches (split policies, compiled patterns): one instance serves one task, not several.
public final class EffectiveAccess {
    public let configuration: Configuration
    let sources: PolicySources
    let index: ActionIndex
    let shared: SplitCache
    let coverage = ResourceCoverage()
    private var splits: [SplitKey: SplitPolicy?] = [:]
    private var probes: [String: (probe: Probe, notes: [String])] = [:]
    var acceptance: [String: ActionSet] = [:]
    var subjectsByAddress: [Address: AccessSubject?] = [:]
    var subjectsByAccount: [String: [AccessSubject]] = [:]

    /// The identity side of a caller about whom nothing is known: it allows everything, so only
    /// the resource-based policy decides.
    lazy var anyIdentity: SplitPolicy? = AccessAnalyzer.allowEverything.map {
        SplitPolicy($0.document, id: "iamconf:any-identity", name: "any identity", facts: .none, index: index)
    }

    public convenience init(configuration: Configuration, catalog: ManagedPolicyCatalog = .shared) {
        self.init(configuration: configuration, catalog: catalog, index: .shared, shared: SplitCache())
    }

    init(configuration: Configuration, catalog: ManagedPolicyCatalog, index: ActionIndex, shared: SplitCache) {
        self.configuration = configuration
        self.sources = PolicySources(configuration: configuration, catalog: catalog)
        self.index = index
        self.shared = shared
    }

    /// What the principal an address (`main.user.alice`, `main.role.Deploy`, `main.group.devs`) or
    /// an ARN names can do. Roles also list who can assume them.
    public func summary(of principal: String) throws(AccessError) -> AccessSummary {
        let (subject, role) = try resolve(principal)
        var summary = self.summary(of: subject)
        if let (account, role) = role { summary.assumableBy = assumers(of: role, in: account) }
        return summary
    }

    /// The summary of one subject; with `focus`, only those actions are considered (the access delta
    /// asks only about the actions a change can touch).
    func summary(of subject: AccessSubject, focus: ActionSet? = nil) -> AccessSummary {
        var notes = subject.notes
        let probe = self.probe(for: subject, notes: &notes)
        var actions = index.empty
        for policy in probe.identity { actions.formUnion(policy.actions(effect: .allow, index: index)) }
        if let focus { actions.formIntersection(focus) }
        let resources = candidateResources(probe.identity + probe.boundary, context: subject.context, facts: subject.facts, notes: &notes)
        let sets = actions.isEmpty ? [] : grantSets(probe, actions: actions, resources: resources)
        return AccessSummary(principal: subject.ref, sets: sets, notes: Self.unique(notes), index: index)
    }

    /// The subject's policies, split; once per principal (the trust of several roles may ask again).
    func probe(for subject: AccessSubject, notes: inout [String]) -> Probe {
        if let known = probes[subject.ref.name] {
            notes += known.notes
            return known.probe
        }
        var found: [String] = []
        let probe = makeProbe(for: subject, notes: &found)
        probes[subject.ref.name] = (probe, found)
        notes += found
        return probe
    }

    private func makeProbe(for subject: AccessSubject, notes: inout [String]) -> Probe {
        let identity = subject.identity.compactMap { split($0, kind: .identity, facts: subject.facts, notes: &notes) }
        let boundary = subject.boundary.flatMap { split($0, kind: .boundary, facts: subject.facts, notes: &notes) }
        var probe = Probe(
            principal: subject.principal, context: subject.context, identity: identity, boundary: boundary.map { [$0] } ?? [])
        probe.serviceControl = subject.serviceControl.map { level in
            level.compactMap { split($0, kind: .scp, facts: subject.facts, notes: &notes) }
        }
        return probe
    }

    /// A policy split for effective access, once per configuration (AWS managed ones once for all).
    func split(_ entry: PolicyEntry, kind: PolicyKind, facts: FactKeys, notes: inout [String]) -> SplitPolicy? {
        let key = SplitKey(kind: kind, facts: facts, id: entry.id)
        let isAWS = sources.isAWSManaged(entry)
        if isAWS, let known = shared.splits[key] { return known.map { named($0, entry) } }
        if !isAWS, let known = splits[key] { return known.map { named($0, entry) } }
        let json = isAWS ? (sources.catalog.policy(arn: entry.id)?.document ?? .null) : entry.document
        var made: SplitPolicy?
        if let document = PolicyDocument.parse(json, kind: kind).document {
            made = SplitPolicy(document, id: "\(kind):\(entry.id)", name: entry.name, facts: facts, index: index)
        } else {
            notes.append("\(entry.name) could not be read as a policy document and was left out")
        }
        if isAWS { shared.splits[key] = .some(made) } else { splits[key] = .some(made) }
        return made.map { named($0, entry) }
    }

    private func named(_ split: SplitPolicy, _ entry: PolicyEntry) -> SplitPolicy {
        var split = split
        split.name = entry.via.map { "\(entry.name) (\($0))" } ?? entry.name
        return split
    }

    static func unique(_ notes: [String]) -> [String] {
        var seen = Set<String>()
        return notes.filter { seen.insert($0).inserted }
    }
}

/// Split policies shared between several `EffectiveAccess` instances (the plan's before and after):
/// AWS managed policies are the same documents on both sides.
final class SplitCache {
    var splits: [SplitKey: SplitPolicy?] = [:]
}

/// A policy split for one use (`identity`, `boundary`, ...) and one kind of principal.
struct SplitKey: Hashable {
    var kind: PolicyKind
    var facts: FactKeys
    var id: String
}
