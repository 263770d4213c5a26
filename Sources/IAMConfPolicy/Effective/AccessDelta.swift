import IAMConfCore

/// What a plan changes, named the way access is affected: the principals whose policies,
/// groups or boundary change, the groups and managed policies whose change reaches their members
/// and holders, the roles whose trust changes, the buckets whose policy changes.
public struct AccessDeltaScope: Sendable, Hashable {
    /// Users, roles and service-linked roles (`main.user.alice`, `main.role.Deploy`).
    public var principals: Set<Address> = []
    /// Groups: every member (before or after) is affected.
    public var groups: Set<Address> = []
    /// Customer managed policy ARNs: every holder (attached, through a group, or as boundary) is affected.
    public var policies: Set<String> = []
    /// Roles whose trust policy (or existence) changes.
    public var trusts: Set<Address> = []
    public var buckets: Set<Address> = []

    public init() {}

    public var isEmpty: Bool { principals.isEmpty && groups.isEmpty && policies.isEmpty && trusts.isEmpty && buckets.isEmpty }
}

/// The access delta between two configurations, for the principals a change can affect.
///
/// Only those principals are evaluated; for one whose facts (ARN, tags, boundary presence) stay the
/// same, only the actions the changed policies' statements match (before or after) are evaluated:
/// every other action is decided by the same statements on both sides.
public enum AccessDelta {
    public static func changes(
        before: Configuration, after: Configuration, scope: AccessDeltaScope, catalog: ManagedPolicyCatalog = .shared
    ) -> [AccessChange] {
        guard !scope.isEmpty else { return [] }
        var principals = scope.principals
        for configuration in [before, after] {
            principals.formUnion(configuration.holders(groups: scope.groups, policies: scope.policies))
        }
        let sorted = principals.sorted()
        // Principals are independent: large deltas (a first apply, a destroy) are computed in two
        // chunks at once (iamconf's machines have two cores), each with its own caches; trusts and
        // buckets go with the last.
        let chunkCount = min(2, max(1, sorted.count / 128))
        let chunks = Parallel.map(count: chunkCount) { chunk -> [AccessChange] in
            let shared = SplitCache()
            let old = EffectiveAccess(configuration: before, catalog: catalog, index: .shared, shared: shared)
            let new = EffectiveAccess(configuration: after, catalog: catalog, index: .shared, shared: shared)
            let descriptions = DescriptionCache()
            var out: [AccessChange] = []
            for address in sorted[(sorted.count * chunk / chunkCount)..<(sorted.count * (chunk + 1) / chunkCount)] {
                if let change = permissionsChange(address, old: old, new: new, descriptions: descriptions) { out.append(.permissions(change)) }
            }
            guard chunk == chunkCount - 1 else { return out }
            for address in scope.trusts.sorted() {
                if let change = trustChange(address, old: old, new: new) { out.append(.trust(change)) }
            }
            for address in scope.buckets.sorted() {
                if let change = bucketChange(address, old: old, new: new) { out.append(.bucketPolicy(change)) }
            }
            return out
        }
        return chunks.flatMap { $0 }
    }

    static func permissionsChange(_ address: Address, old: EffectiveAccess, new: EffectiveAccess, descriptions: DescriptionCache) -> PermissionsChange? {
        let before = old.subject(at: address)
        let after = new.subject(at: address)
        guard let any = after ?? before else { return nil }
        var focus: ActionSet?
        if let before, let after, before.hasSameFacts(as: after) {
            let differing = Self.focus(before, old, after, new)
            guard !differing.isEmpty else { return nil }
            focus = differing
        }
        let was = before.map { old.summary(of: $0, focus: focus) }
        let will = after.map { new.summary(of: $0, focus: focus) }
        let coverage = new.coverage
        let gains = difference(will?.sets ?? [], minus: was?.sets ?? [], coverage: coverage, kind: .previouslyOnly)
        let losses = difference(was?.sets ?? [], minus: will?.sets ?? [], coverage: coverage, kind: .stillAllowed)
        guard !gains.isEmpty || !losses.isEmpty else { return nil }
        let status: PermissionsChange.Status = before == nil ? .created : after == nil ? .deleted : .changed
        return PermissionsChange(
            principal: any.ref, status: status, gains: GrantGroup.groups(gains, index: new.index, cache: descriptions),
            losses: GrantGroup.groups(losses, index: new.index, cache: descriptions), notes: (will ?? was)?.notes ?? [])
    }

    /// The actions a changed statement (before or after) matches; empty when no policy changed.
    ///
    /// A statement that both versions of a policy have contributes the same to every decision on
    /// both sides, so only the statements that differ (all of a policy attached or detached) count.
    static func focus(_ before: AccessSubject, _ old: EffectiveAccess, _ after: AccessSubject, _ new: EffectiveAccess) -> ActionSet {
        func keyed(_ subject: AccessSubject) -> [String: (PolicyEntry, PolicyKind)] {
            var out: [String: (PolicyEntry, PolicyKind)] = [:]
            for entry in subject.identity { out["identity|\(entry.id)|\(entry.via ?? "")"] = (entry, .identity) }
            if let boundary = subject.boundary { out["boundary|\(boundary.id)"] = (boundary, .boundary) }
            return out
        }
        let was = keyed(before)
        let will = keyed(after)
        var focus = new.index.empty
        var notes: [String] = []
        for key in Set(was.keys).union(will.keys) {
            let previous = was[key]
            let next = will[key]
            guard previous?.0.document != next?.0.document || (previous == nil) != (next == nil) else { continue }
            let oldSplit = previous.flatMap { old.split($0.0, kind: $0.1, facts: before.facts, notes: &notes) }
            let newSplit = next.flatMap { new.split($0.0, kind: $0.1, facts: after.facts, notes: &notes) }
            let sameVersion = oldSplit?.document.version == newSplit?.document.version
            for (split, other) in [(oldSplit, newSplit), (newSplit, oldSplit)] {
                guard let split else { continue }
                let kept = sameVersion ? Set(other?.document.statements ?? []) : []
                for (statement, actions) in zip(split.document.statements, split.statementActions) where !kept.contains(statement) {
                    focus.formUnion(actions)
                }
            }
        }
        return focus
    }

    static func trustChange(_ address: Address, old: EffectiveAccess, new: EffectiveAccess) -> TrustChange? {
        let before = old.role(at: address)
        let after = new.role(at: address)
        guard let (account, role) = after ?? before else { return nil }
        let was = before.map { old.assumers(of: $0.1, in: $0.0) } ?? []
        let will = after.map { new.assumers(of: $0.1, in: $0.0) } ?? []
        // A principal that could assume the role on the other side too, under other conditions,
        // is compared with that: dropping an MFA condition is a gain "before: only when ...".
        func counterpart(of assumer: Assumer, in others: [Assumer], _ kind: GrantComparison.Kind) -> Assumer {
            var compared = assumer
            if let other = others.filter({ $0.principal == assumer.principal && $0.action == assumer.action })
                .min(by: { $0.conditions.count + $0.unless.count < $1.conditions.count + $1.unless.count })
            {
                compared.comparison = GrantComparison(kind: kind, conditions: other.conditions, unless: other.unless)
            }
            return compared
        }
        let gains = will.filter { assumer in !was.contains { $0.covers(assumer) } }.map { counterpart(of: $0, in: was, .previouslyOnly) }
        let losses = was.filter { assumer in !will.contains { $0.covers(assumer) } }.map { counterpart(of: $0, in: will, .stillAllowed) }
        guard !gains.isEmpty || !losses.isEmpty else { return nil }
        let name = role.displayName(in: account, asWritten: "\(account.name).role.\(role.name)")
        return TrustChange(role: PrincipalRef(kind: .role, name: name, arn: role.arn(in: account).description), gains: gains, losses: losses)
    }

    static func bucketChange(_ address: Address, old: EffectiveAccess, new: EffectiveAccess) -> BucketPolicyChange? {
        guard let name = address.name else { return nil }
        let before = old.configuration.bucket(named: name).map { old.bucketViews($0.1, in: $0.0) } ?? []
        let after = new.configuration.bucket(named: name).map { new.bucketViews($0.1, in: $0.0) } ?? []
        var principals: [PrincipalRef] = []
        for view in after + before where !principals.contains(view.principal) { principals.append(view.principal) }
        let coverage = new.coverage
        let index = new.index
        var entries: [BucketPolicyChange.Entry] = []
        for principal in principals.sorted() {
            let was = before.first { $0.principal == principal }
            let will = after.first { $0.principal == principal }
            let entry = BucketPolicyChange.Entry(
                principal: principal,
                gains: GrantGroup.groups(difference(will?.allows ?? [], minus: was?.allows ?? [], coverage: coverage, kind: .previouslyOnly), index: index),
                losses: GrantGroup.groups(difference(was?.allows ?? [], minus: will?.allows ?? [], coverage: coverage, kind: .stillAllowed), index: index),
                nowDenied: GrantGroup.groups(difference(will?.denies ?? [], minus: was?.denies ?? [], coverage: coverage, kind: .previouslyOnly), index: index),
                noLongerDenied: GrantGroup.groups(difference(was?.denies ?? [], minus: will?.denies ?? [], coverage: coverage, kind: .stillDenied), index: index))
            if !(entry.gains.isEmpty && entry.losses.isEmpty && entry.nowDenied.isEmpty && entry.noLongerDenied.isEmpty) { entries.append(entry) }
        }
        // A Deny for everyone (`*`) is shown once, under `*`, not again under each principal.
        if let anyone = entries.first(where: { $0.principal.kind == .anyone }) {
            for i in entries.indices where entries[i].principal.kind != .anyone {
                entries[i].nowDenied.removeAll(where: anyone.nowDenied.contains)
                entries[i].noLongerDenied.removeAll(where: anyone.noLongerDenied.contains)
            }
            entries.removeAll { $0.gains.isEmpty && $0.losses.isEmpty && $0.nowDenied.isEmpty && $0.noLongerDenied.isEmpty }
        }
        guard !entries.isEmpty else { return nil }
        return BucketPolicyChange(bucket: address.description, arn: "arn:aws:s3:::\(name)", principals: entries)
    }

    /// What `sets` allows that `other` does not: per action, a grant counts as kept when a grant of
    /// `other` covers it (the same or a broader resource, no further condition). When the only
    /// difference is a narrower resource `other` now excepts, just that resource is reported; when
    /// `other` has the grant under more conditions, the grant is reported with those (`comparison`).
    static func difference(_ sets: [GrantSet], minus other: [GrantSet], coverage: ResourceCoverage, kind: GrantComparison.Kind) -> [GrantSet] {
        var out: [GrantSet] = []
        for set in sets {
            var remaining = set.actions
            for candidate in other where !remaining.isEmpty {
                let covered = remaining.intersection(candidate.actions)
                guard !covered.isEmpty else { continue }
                if candidate.shape.covers(set.shape, resources: coverage) {
                    remaining.subtract(covered)
                    continue
                }
                var loose = candidate.shape
                loose.exceptions = []
                if loose.covers(set.shape, resources: coverage),
                   !candidate.shape.exceptions.contains(where: { coverage.covers($0, set.shape.resource) }) {
                    // Covered but for resources `other` excepts: those resources alone differ.
                    for exception in candidate.shape.exceptions
                    where coverage.covers(set.shape.resource, exception) && !set.shape.exceptions.contains(where: { coverage.covers($0, exception) }) {
                        var narrowed = set.shape
                        narrowed.resource = exception
                        narrowed.exceptions = []
                        out.append(GrantSet(shape: narrowed, actions: covered))
                    }
                    remaining.subtract(covered)
                    continue
                }
                // The same grant on the other side, only under more conditions: a change of conditions.
                if coverage.covers(candidate.shape.resource, set.shape.resource), candidate.shape.exceptions.isEmpty,
                   Set(set.shape.conditions).isSubset(of: Set(candidate.shape.conditions)),
                   Set(set.shape.unless).isSubset(of: Set(candidate.shape.unless)) {
                    var compared = set.shape
                    compared.comparison = GrantComparison(kind: kind, conditions: candidate.shape.conditions, unless: candidate.shape.unless)
                    out.append(GrantSet(shape: compared, actions: covered))
                    remaining.subtract(covered)
                }
            }
            if !remaining.isEmpty { out.append(GrantSet(shape: set.shape, actions: remaining)) }
        }
        return out
    }
}

extension EffectiveAccess {
    /// The user, role or service-linked role at an address, as a subject.
    func subject(at address: Address) -> AccessSubject? {
        if let known = subjectsByAddress[address] { return known }
        var found: AccessSubject?
        if let account = configuration.account(named: address.account), let name = address.name {
            switch address.kind {
            case .user: found = account.users.first { $0.name == name }.map { .user($0, in: account, policies: sources) }
            case .role, .serviceLinkedRole: found = role(at: address).map { .role($0.1, in: $0.0, policies: sources) }
            default: found = nil
            }
        }
        subjectsByAddress[address] = .some(found)
        return found
    }

    func role(at address: Address) -> (Account, Role)? {
        guard let account = configuration.account(named: address.account), let name = address.name else { return nil }
        switch address.kind {
        case .role: return account.roles.first { $0.name == name }.map { (account, $0) }
        case .serviceLinkedRole: return account.serviceLinkedRole(addressName: name).map { (account, $0) }
        default: return nil
        }
    }
}

extension Configuration {
    /// The users of these groups, and the users and roles holding these policies (attached,
    /// through a group, or as their permissions boundary), by address.
    func holders(groups: Set<Address>, policies: Set<String>) -> Set<Address> {
        guard !groups.isEmpty || !policies.isEmpty else { return [] }
        var out = Set<Address>()
        for account in accounts {
            var affectedGroups = Set(groups.filter { $0.account == account.name }.compactMap(\.name))
            for group in account.groups where group.policies.contains(where: { policies.contains($0.arn) }) {
                affectedGroups.insert(group.name)
            }
            for user in account.users {
                let holds = user.policies.contains { policies.contains($0.arn) } || user.permissionsBoundary.map { policies.contains($0.arn) } == true
                if holds || user.groups.contains(where: affectedGroups.contains) {
                    out.insert(Address(account: account.name, kind: .user, name: user.name))
                }
            }
            for role in account.roles
            where role.policies.contains(where: { policies.contains($0.arn) }) || role.permissionsBoundary.map({ policies.contains($0.arn) }) == true {
                out.insert(Address(account: account.name, kind: .role, name: role.name))
            }
        }
        return out
    }
}
