import IAMConfCore
import IAMConfState

/// Diffs the desired resources against the prior state. A pure function: no I/O, no clock.
public struct Planner: Sendable {
    /// Compares two policy documents for meaning, not spelling (key order, single string vs list).
    public var documentsEqual: @Sendable (JSONValue, JSONValue) -> Bool

    public init(documentsEqual: @escaping @Sendable (JSONValue, JSONValue) -> Bool = PolicyComparison.semanticallyEqual) {
        self.documentsEqual = documentsEqual
    }

    public enum Mode: Sendable { case normal, destroy }

    public func plan(
        desired: [Resource], prior: State?, backend: BackendDescriptor, mode: Mode = .normal, targets: [Address] = []
    ) -> Plan {
        let wanted = mode == .destroy ? [] : desired
        var priorResources = prior?.resources ?? [:]
        // Declared renames: the prior state is compared as if already moved, so the renamed object
        // diffs against itself (an in-place `name` change) and what hangs off it is unchanged.
        let renames = Renames.declared(in: wanted, prior: priorResources)
        var movedAlong: [Address: [Address]] = [:]
        if !renames.isEmpty {
            let desiredByAddress = Dictionary(wanted.map { ($0.address, $0) }, uniquingKeysWith: { first, _ in first })
            (priorResources, movedAlong) = Renames.apply(renames, to: priorResources, desired: desiredByAddress)
        }
        let compared = compare(wanted, with: priorResources)
        var selected = compared.changes
        if !renames.isEmpty {
            for index in selected.indices where selected[index].previousAddress != nil {
                selected[index].movedAlong = movedAlong[selected[index].address] ?? []
            }
        }
        var unchanged = compared.unchanged
        // Desired addresses are unique (DesiredResources builds them from uniquely named objects),
        // so when every prior resource was matched nothing is left to delete.
        if compared.matched < priorResources.count {
            let wantedAddresses = Set(wanted.lazy.map(\.address))
            for (address, before) in priorResources where !wantedAddresses.contains(address) {
                selected.append(ResourceChange(address: address, action: .delete, before: before, after: nil))
            }
        }
        // Changes are looked up by address only to spread a replacement to what depends on it; a
        // plan without one (nearly every large plan) never builds that table.
        if selected.contains(where: { $0.action == .replace }) {
            var changes = Dictionary(selected.map { ($0.address, $0) }, uniquingKeysWith: { first, _ in first })
            unchanged -= propagateReplacements(&changes, desired: wanted, prior: priorResources)
            selected = Array(changes.values)
        }

        if !targets.isEmpty {
            let going = Set(selected.filter { $0.action == .delete || $0.action == .replace }.map(\.address))
            let desiredByAddress = Dictionary(wanted.map { ($0.address, $0) }, uniquingKeysWith: { first, _ in first })
            let scope = targetScope(targets, desired: desiredByAddress, prior: priorResources, going: going)
            selected = selected.filter { scope.contains($0.address) }
        }
        // Sort on descriptions built once each: Address's `<` builds both strings per comparison.
        let keys = selected.map(\.address.description)
        selected = keys.indices.sorted { keys[$0] < keys[$1] }.map { selected[$0] }
        return Plan(
            changes: selected, unchangedCount: max(0, unchanged), prior: StateFingerprint(prior), backend: backend,
            isDestroy: mode == .destroy)
    }

    /// Creates and updates for `wanted`, how many resources are unchanged, and how many prior
    /// resources were matched. Diffs are independent, so large plans compare in parallel chunks.
    func compare(_ wanted: [Resource], with prior: [Address: ResourceState]) -> (changes: [ResourceChange], unchanged: Int, matched: Int) {
        let chunkCount = min(8, max(1, wanted.count / 4_096))
        let results = Parallel.map(count: chunkCount) { chunk -> (changes: [ResourceChange], unchanged: Int, matched: Int) in
            var changes: [ResourceChange] = []
            var unchanged = 0
            var matched = 0
            let range = (wanted.count * chunk / chunkCount)..<(wanted.count * (chunk + 1) / chunkCount)
            for resource in wanted[range] {
                guard let before = prior[resource.address] else {
                    changes.append(ResourceChange(address: resource.address, action: .create, before: nil, after: resource))
                    continue
                }
                matched += 1
                if let change = diff(before: before, after: resource) {
                    changes.append(change)
                } else {
                    unchanged += 1
                }
            }
            return (changes, unchanged, matched)
        }
        if results.count == 1, let only = results.first { return only }
        return (results.flatMap(\.changes), results.reduce(0) { $0 + $1.unchanged }, results.reduce(0) { $0 + $1.matched })
    }

    /// Nil when nothing differs; otherwise an update, or a replacement naming the forcing attributes.
    func diff(before: ResourceState, after: Resource) -> ResourceChange? {
        guard before.type == after.type, before.accountID == after.accountID else {
            return ResourceChange(
                address: after.address, action: .replace, before: before, after: after,
                replaceReason: before.type == after.type ? .accountChanged : .typeChanged)
        }
        // The no-change plan of a large setup is mostly this comparison: settle the equal case first.
        if before.attributes == after.attributes { return nil }
        let keys = Set(before.attributes.keys).union(after.attributes.keys).sorted()
        let documents = after.type.documentAttributes
        var changed: [String] = []
        for key in keys {
            let old = before.attributes[key] ?? .null
            let new = after.attributes[key] ?? .null
            // Equal JSON is the common case (the state holds what the configuration gave); only a
            // difference in spelling needs the semantic comparison.
            let same = old == new || (documents.contains(key) && documentsEqual(old, new))
            if !same { changed.append(key) }
        }
        guard !changed.isEmpty else { return nil }
        // A renamed object's state is still at its old address (see `Renames.apply`): its new name
        // is the rename itself, done in place.
        let previous = before.address != after.address ? before.address : nil
        let forcing = changed.filter { after.type.replacingAttributes.contains($0) && !(previous != nil && $0 == "name") }
        var change = ResourceChange(
            address: after.address, action: forcing.isEmpty ? .update : .replace, before: before, after: after,
            changedAttributes: changed, replaceReason: forcing.isEmpty ? nil : .attributes(forcing))
        change.previousAddress = previous
        return change
    }

    /// IAM deletes an entity's attachments with it (in fact it refuses to delete until they are
    /// gone), so everything hanging off a replaced resource is replaced too. Returns how many
    /// unchanged resources this turned into replacements.
    func propagateReplacements(_ changes: inout [Address: ResourceChange], desired: [Resource], prior: [Address: ResourceState]) -> Int {
        var queue = changes.values.filter { $0.action == .replace }.map(\.address)
        guard !queue.isEmpty else { return 0 }
        var dependents: [Address: [Resource]] = [:]
        for resource in desired {
            for dependency in resource.dependencies { dependents[dependency, default: []].append(resource) }
        }
        var converted = 0
        while let address = queue.popLast() {
            for dependent in dependents[address] ?? [] {
                let existing = changes[dependent.address]
                guard existing == nil || existing?.action == .update, let before = prior[dependent.address] else { continue }
                if existing == nil { converted += 1 }
                if let attribute = dependent.type.kind.reappliedAttribute(whenReplaced: address) {
                    // An identity only refers to the replaced object (its boundary policy, a trust
                    // principal): it stays, and the reference is put again once the object is back.
                    var changed = Set(existing?.changedAttributes ?? [])
                    changed.insert(attribute)
                    changes[dependent.address] = ResourceChange(
                        address: dependent.address, action: .update, before: before, after: dependent,
                        changedAttributes: changed.sorted(), replaceReason: existing?.replaceReason)
                    continue
                }
                changes[dependent.address] = ResourceChange(
                    address: dependent.address, action: .replace, before: before, after: dependent,
                    changedAttributes: existing?.changedAttributes ?? [],
                    replaceReason: .dependencyReplaced(address))
                queue.append(dependent.address)
            }
        }
        return converted
    }

    /// The targets and everything they depend on (for creates/updates), plus what depends on a
    /// scoped resource that is going away (deleted or replaced), since those deletes must go first.
    /// Deletions hanging off a dependency that stays are not pulled in.
    func targetScope(
        _ targets: [Address], desired: [Address: Resource], prior: [Address: ResourceState], going: Set<Address>
    ) -> Set<Address> {
        var scope = Set<Address>()
        var queue = targets
        // A target names an object; its relationships (`user.alice.group[x]`) belong to it.
        let expanded = Set(desired.keys).union(prior.keys).filter { candidate in
            targets.contains { $0 == candidate || $0 == candidate.owner }
        }
        queue.append(contentsOf: expanded)
        while let address = queue.popLast() {
            guard scope.insert(address).inserted else { continue }
            queue.append(contentsOf: desired[address]?.dependencies ?? [])
        }
        var dependentsOfDeleted: [Address: [Address]] = [:]
        for (address, state) in prior where desired[address] == nil {
            for dependency in state.dependencies { dependentsOfDeleted[dependency, default: []].append(address) }
        }
        var deleteQueue = Array(scope.filter(going.contains))
        while let address = deleteQueue.popLast() {
            for dependent in dependentsOfDeleted[address] ?? [] where scope.insert(dependent).inserted {
                deleteQueue.append(dependent)
            }
        }
        return scope
    }
}

