import IAMConfCore

/// What a bucket policy itself grants and denies, principal by principal.
extension EffectiveAccess {
    /// What a bucket policy says about one principal it names.
    struct BucketView {
        var principal: PrincipalRef
        /// What the policy lets the principal do, were its identity side to allow it (for a
        /// principal of the bucket's account that is enough; others need their own policies too).
        var allows: [GrantSet]
        /// What the policy's Deny statements take away from it, whatever its identity side says.
        var denies: [GrantSet]
    }

    /// One view per principal the bucket's policy names (none without a policy).
    func bucketViews(_ bucket: Bucket, in account: Account) -> [BucketView] {
        guard let source = bucket.policy else { return [] }
        let entry = PolicyEntry(id: "\(account.name).bucket.\(bucket.name).policy", name: "bucket \(bucket.name) policy", document: source.document)
        var notes: [String] = []
        guard let generic = split(entry, kind: .resource, facts: .none, notes: &notes) else { return [] }
        let denials = Self.denialsAsGrants(generic.document)
        var out: [BucketView] = []
        for candidate in candidates(named: generic.document, near: account.id) {
            let facts = candidate.subject?.facts ?? .none
            let context = candidate.subject?.context ?? RequestContext()
            guard let policy = facts == .none ? generic : split(entry, kind: .resource, facts: facts, notes: &notes) else { continue }
            // Asked as from another account: then the policy must allow on its own (a grant to the
            // principal's account counts, as AWS lets the account's policies decide).
            let elsewhere = candidate.principal.account == "000000000000" ? "000000000001" : "000000000000"
            var probe = Probe(
                principal: candidate.principal, context: context, identity: anyIdentity.map { [$0] } ?? [], boundary: [],
                resourcePolicy: policy, resourceAccount: elsewhere)
            let resources = candidateResources([policy], context: context, facts: facts, notes: &notes)
            let allows = grantSets(probe, actions: policy.actions(effect: .allow, index: index), resources: resources)
            var denies: [GrantSet] = []
            if !denials.statements.isEmpty {
                let flipped = SplitPolicy(denials, id: "resource:\(entry.id) denies", name: entry.name, facts: facts, index: index)
                probe.resourcePolicy = flipped
                denies = grantSets(probe, actions: flipped.actions(effect: .allow, index: index), resources: resources)
            }
            if !allows.isEmpty || !denies.isEmpty { out.append(BucketView(principal: candidate.ref, allows: allows, denies: denies)) }
        }
        return out
    }

    /// The policy's Deny statements written as Allow statements, so that "what they deny, under
    /// which conditions" is computed exactly like "what an Allow grants".
    static func denialsAsGrants(_ document: PolicyDocument) -> PolicyDocument {
        var flipped = document
        flipped.statements = document.statements.filter { $0.effect == .deny }.map { statement in
            var statement = statement
            statement.effect = .allow
            return statement
        }
        return flipped
    }
}
