import IAMConfCore
import IAMConfState

/// One step of a change: a replacement is two operations, its delete and its create; a role in a
/// trust cycle is created with a placeholder trust and given its own in a later step.
struct Operation: Sendable {
    typealias Step = Applier.OperationStep
    var change: ResourceChange
    var step: Step
    /// A create that must use a placeholder trust: roles its trust names are made in this apply
    /// and cannot exist first (see `Resource.deferredDependencies`).
    var usesPlaceholderTrust = false

    var address: Address { change.address }

    func run(_ executor: ChangeExecutor) async -> Result<Applier.Outcome, Applier.Failure> {
        do {
            switch step {
            case .create:
                guard let after = change.after else { return .success(.removed(address)) }
                let created = try await executor.create(usesPlaceholderTrust ? RoleKind.withPlaceholderTrust(after) : after)
                return .success(.saved(created.state, wasAdopted: created.wasAdopted))
            case .completeTrust:
                guard let after = change.after else { return .success(.removed(address)) }
                return .success(.patched(address, try await executor.completeTrust(after)))
            case .update:
                guard let before = change.before, let after = change.after else { return .success(.removed(address)) }
                let updated = try await executor.update(before, to: after, changed: change.changedAttributes)
                if let previous = change.previousAddress {
                    return .success(.renamed(updated, from: previous, movedAlong: change.movedAlong))
                }
                return .success(.saved(updated, wasAdopted: false))
            case .delete:
                if let before = change.before { try await executor.delete(before) }
                return .success(.removed(address))
            }
        } catch {
            return .failure(Applier.Failure(address: address, action: change.action, error: error))
        }
    }
}

/// The operations of a plan and the order constraints between them.
struct OperationGraph {
    private(set) var operations: [Operation] = []
    private var waitingOn: [Int] = []
    private var unblocks: [[Int]] = []
    private var isSkipped: [Bool] = []

    init(plan: Plan) {
        var createIndex: [Address: Int] = [:]
        var deleteIndex: [Address: Int] = [:]
        for change in plan.changes {
            switch change.action {
            case .create: createIndex[change.address] = add(Operation(change: change, step: .create))
            case .update: createIndex[change.address] = add(Operation(change: change, step: .update))
            case .delete: deleteIndex[change.address] = add(Operation(change: change, step: .delete))
            case .replace:
                deleteIndex[change.address] = add(Operation(change: change, step: .delete))
                createIndex[change.address] = add(Operation(change: change, step: .create))
            }
        }
        for change in plan.changes {
            guard let create = createIndex[change.address], operations[create].step == .create,
                  let deferred = change.after?.deferredDependencies, deferred.contains(where: { createIndex[$0] != nil })
            else { continue }
            operations[create].usesPlaceholderTrust = true
            let complete = add(Operation(change: change, step: .completeTrust))
            edge(from: create, to: complete)
            for dependency in deferred { if let other = createIndex[dependency] { edge(from: other, to: complete) } }
        }
        // IAM names are unique without regard to case, so a create waits for the delete of an
        // object of its type with the same name in any case (a rename from `Bob` to `bob`); an
        // instance profile holds one role, so a new role waits for the old one to leave.
        // A delete of something hanging off a renamed object names it by its old name (it does not
        // move with it), so it runs before the rename.
        var renameIndex: [Address: Int] = [:]
        for change in plan.changes where change.action == .update {
            if let previous = change.previousAddress, let index = createIndex[change.address] { renameIndex[previous] = index }
        }
        var deletedNames: [String: Int] = [:]
        for change in plan.changes where change.action == .delete {
            if let key = OperationGraph.nameKey(change.before?.type, change.before?.accountID, change.before?.attributes),
               let index = deleteIndex[change.address] {
                deletedNames[key] = index
            }
        }
        for change in plan.changes {
            if let create = createIndex[change.address], change.action == .create,
               let key = OperationGraph.nameKey(change.after?.type, change.after?.accountID, change.after?.attributes),
               let delete = deletedNames[key] {
                edge(from: delete, to: create)
            }
            if let create = createIndex[change.address] {
                if let ownDelete = deleteIndex[change.address] { edge(from: ownDelete, to: create) }
                for dependency in change.after?.dependencies ?? [] {
                    if let before = createIndex[dependency] { edge(from: before, to: create) }
                }
            }
            if change.action == .update, let update = createIndex[change.address] {
                // What an object lets go of in place can only go once it has let go (an account
                // moved out of a unit being deleted; a boundary policy being deleted).
                let kept = Set(change.after?.dependencies ?? [])
                for dependency in change.before?.dependencies ?? [] where !kept.contains(dependency) {
                    if let delete = deleteIndex[dependency] { edge(from: update, to: delete) }
                }
            }
            if let delete = deleteIndex[change.address] {
                // Whatever this resource depended on can only go once it is gone.
                for dependency in change.before?.dependencies ?? [] {
                    if let after = deleteIndex[dependency] { edge(from: delete, to: after) }
                    if let rename = renameIndex[dependency] { edge(from: delete, to: rename) }
                }
            }
        }
    }

    /// The slot a create competes for with a delete: the kind's unique name in its account, any case.
    static func nameKey(_ type: ResourceType?, _ account: String?, _ attributes: [String: JSONValue]?) -> String? {
        guard let type, let account, let slot = type.kind.uniqueNameAttribute,
              let name = attributes?[slot]?.stringValue
        else { return nil }
        return "\(account)/\(type)/\(name.lowercased())"
    }

    private mutating func add(_ operation: Operation) -> Int {
        operations.append(operation)
        waitingOn.append(0)
        unblocks.append([])
        isSkipped.append(false)
        return operations.count - 1
    }

    private mutating func edge(from first: Int, to second: Int) {
        unblocks[first].append(second)
        waitingOn[second] += 1
    }

    /// Operations with nothing to wait for, last-in first-out so related work stays together.
    func initiallyReady() -> [Int] {
        waitingOn.indices.filter { waitingOn[$0] == 0 }.reversed()
    }

    /// Marks a failed operation and returns every operation that waited on it, directly or not:
    /// they never run, while everything independent of the failure goes on.
    mutating func fail(_ index: Int) -> [Int] {
        var skipped: [Int] = []
        var queue = unblocks[index]
        while let next = queue.popLast() {
            guard !isSkipped[next] else { continue }
            isSkipped[next] = true
            skipped.append(next)
            queue.append(contentsOf: unblocks[next])
        }
        return skipped
    }

    /// Operations still waiting that no failure skipped.
    func unfinished() -> [Operation] {
        operations.indices.filter { waitingOn[$0] > 0 && !isSkipped[$0] }.map { operations[$0] }
    }

    /// Marks an operation done and returns those it released.
    mutating func complete(_ index: Int) -> [Int] {
        var released: [Int] = []
        for next in unblocks[index] {
            waitingOn[next] -= 1
            if waitingOn[next] == 0, !isSkipped[next] { released.append(next) }
        }
        return released
    }
}
