import IAMConfBackend
import IAMConfCore
import IAMConfState

/// A kind IAM can rename in place (users: UpdateUser `NewUserName`; groups: UpdateGroup
/// `NewGroupName`). Roles, policies and the other kinds have no such call (UpdateRole takes no new
/// name), so renaming them is a replacement; the configuration refuses `renamed_from:` on them.
/// Relationships name their owner by an attribute spelled like the kind (`user`, `group`), or
/// `entity` for inline policies.
protocol RenamableKind: ResourceKind {}

/// One declared rename of an object in the state: its old address and its new one (same account,
/// same kind). Everything hanging off the object moves with it, without any IAM call.
public struct Rename: Sendable, Hashable {
    public var from: Address
    public var to: Address

    public init(from: Address, to: Address) {
        self.from = from
        self.to = to
    }

    var oldName: String { from.name ?? "" }
    var newName: String { to.name ?? "" }

    /// Where a resource of the state lives after this rename; nil when the rename does not touch it.
    /// Parts and relationships of the object move with it (`user.bob.login_profile` to
    /// `user.alice.login_profile`), and so do other users' memberships of a renamed group
    /// (`user.carol.group[devs]` to `user.carol.group[developers]`).
    func movedAddress(of address: Address) -> Address? {
        if address.owner == from {
            return Address(account: to.account, kind: to.kind, name: newName, sub: address.sub, key: address.key)
        }
        if isMembership(address) {
            return Address(account: address.account, kind: address.kind, name: address.name, sub: address.sub, key: newName)
        }
        return nil
    }

    private func isMembership(_ address: Address) -> Bool {
        from.kind == .group && address.account == from.account && address.kind == .user && address.sub == "group"
            && address.key == oldName
    }

    /// The state of a resource after the rename: at its new address, with the attributes that name
    /// the renamed object (`user`, `group`, `entity`) and its dependencies following. Outputs and
    /// secrets (access key secrets, passwords) stay with it.
    func moved(_ state: ResourceState) -> ResourceState {
        var moved = state
        if state.address == from {
            moved.address = to
            return moved
        }
        moved.address = movedAddress(of: state.address) ?? state.address
        let keys = state.address.owner == from ? [from.kind.rawValue, "entity"] : [from.kind.rawValue]
        for key in keys where state.attributes[key]?.stringValue == oldName { moved.attributes[key] = .string(newName) }
        moved.dependencies = state.dependencies.map { $0 == from ? to : $0 }
        return moved
    }
}

/// Finds the renames a plan carries out and moves the prior state accordingly.
enum Renames {
    /// The renames the desired resources declare (`Resource.renamedFrom`) that the state still
    /// needs: the old object is there, nothing is at the new address yet, and the kind renames in
    /// place. A rename already done (old gone, new there) is nothing to do.
    static func declared(in wanted: [Resource], prior: [Address: ResourceState]) -> [Rename] {
        wanted.compactMap { resource in
            guard let old = resource.renamedFrom, old != resource.address, resource.type.kind is any RenamableKind,
                  prior[resource.address] == nil, let before = prior[old],
                  before.type == resource.type, before.accountID == resource.accountID
            else { return nil }
            return Rename(from: old, to: resource.address)
        }
    }

    /// The prior state as the planner compares it: each renamed object keyed at its new address
    /// (its own state unchanged, so the diff shows `name` changing), and each resource hanging off
    /// it moved to its new address when the configuration wants it there and it stays in place
    /// (not replaced). `moved` lists, by the renamed object's new address, the old addresses of
    /// what moves with it. A resource touched by two renames at once (a renamed user's membership
    /// of a renamed group) does not move: it is removed under the old names and made again.
    static func apply(
        _ renames: [Rename], to prior: [Address: ResourceState], desired: [Address: Resource]
    ) -> (prior: [Address: ResourceState], moved: [Address: [Address]]) {
        var result = prior
        var moved: [Address: [Address]] = [:]
        let owners = Set(renames.map(\.from))
        for rename in renames {
            result[rename.to] = prior[rename.from]
            result[rename.from] = nil
        }
        for (address, state) in prior where !owners.contains(address) {
            let touching = renames.filter { $0.movedAddress(of: address) != nil }
            guard touching.count == 1, let rename = touching.first else { continue }
            let after = rename.moved(state)
            guard result[after.address] == nil, let wanted = desired[after.address], staysInPlace(after, as: wanted) else { continue }
            result[address] = nil
            result[after.address] = after
            moved[rename.to, default: []].append(address)
        }
        for key in moved.keys { moved[key]?.sort() }
        return (result, moved)
    }

    /// Whether the moved resource is the desired one changed at most in place.
    private static func staysInPlace(_ state: ResourceState, as wanted: Resource) -> Bool {
        guard state.type == wanted.type, state.accountID == wanted.accountID else { return false }
        let forcing = wanted.type.replacingAttributes
        return !forcing.contains { state.attributes[$0] != wanted.attributes[$0] }
    }
}

extension ResourceKind {
    /// Renames `old` to `new` through `request`, converging after a crash: if the old name is gone
    /// and the new one is there with the unique id the state recorded, the rename already happened
    /// (an apply killed before it saved the state), and that is success.
    func renameConverging(
        _ request: IAMRequest, read: IAMRequest, before: ResourceState, accountID: String, _ calls: BackendCalls
    ) async throws(BackendError) {
        do {
            _ = try await calls.send(request, accountID)
        } catch where error.code == .noSuchEntity {
            guard let recorded = before.outputs["unique_id"],
                  let found = try await calls.get(read, ObjectKey(accountID: accountID, attributes: [:])),
                  found.string("unique_id") == recorded
            else { throw error }
        }
    }
}
