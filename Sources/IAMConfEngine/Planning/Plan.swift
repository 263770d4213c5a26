import IAMConfCore
import IAMConfPolicy
import IAMConfState

/// The change set: what `apply` will do, resource by resource, and the state it was computed against.
public struct Plan: Sendable, Hashable {
    /// Every resource that changes, in address order. Unchanged resources are only counted.
    public var changes: [ResourceChange]
    public var unchangedCount: Int
    /// The state this plan was made against; `apply PLANFILE` refuses it if the state moved on.
    public var prior: StateFingerprint
    public var backend: BackendDescriptor
    public var isDestroy: Bool
    /// What the plan does to access, principal by principal (`PlanAccess.changes`); nil when it was
    /// not computed (a plan made in code, or read from a plan file written before it existed).
    public var accessChanges: [AccessChange]?
    /// Why `accessChanges` was not computed for this plan (it reaches more principals than
    /// `PlanAccess.defaultLimit`), said where the access changes would be; nil otherwise.
    public var accessChangesSkipped: String?

    public init(changes: [ResourceChange], unchangedCount: Int, prior: StateFingerprint, backend: BackendDescriptor, isDestroy: Bool) {
        self.changes = changes
        self.unchangedCount = unchangedCount
        self.prior = prior
        self.backend = backend
        self.isDestroy = isDestroy
    }

    public var hasChanges: Bool { !changes.isEmpty }

    /// Whether any principal gains anything (`plan --deny-new-access` refuses such a plan).
    public var grantsNewAccess: Bool { accessChanges?.contains { $0.hasGains } ?? false }

    /// Terraform's counting: a replacement is one to add and one to destroy.
    public var summary: (add: Int, change: Int, destroy: Int) {
        var add = 0, change = 0, destroy = 0
        for c in changes {
            switch c.action {
            case .create: add += 1
            case .update: change += 1
            case .delete: destroy += 1
            case .replace: add += 1; destroy += 1
            }
        }
        return (add, change, destroy)
    }
}

public enum ChangeAction: String, Sendable, Hashable, Codable {
    case create, update, replace, delete
}

/// One resource's change: its state before, its desired form after, and why.
public struct ResourceChange: Sendable, Hashable {
    public var address: Address
    public var action: ChangeAction
    /// What the state holds now (nil for a create).
    public var before: ResourceState?
    /// What the configuration wants (nil for a delete).
    public var after: Resource?
    /// Attributes that differ, in name order (updates and replacements).
    public var changedAttributes: [String]
    /// Why a replacement is needed (nil for anything else).
    public var replaceReason: ReplaceReason?
    /// A declared rename: the address the object had in the state (Terraform's `previous_address`).
    /// `before` is the state there; the update renames it in place (UpdateUser/UpdateGroup).
    public var previousAddress: Address?
    /// With a rename, the old addresses of the resources that move with the object (its login
    /// profile, keys, memberships, attachments, inline policies, other users' memberships of a
    /// renamed group): no IAM call, their state moves in the same step as the rename is recorded.
    public var movedAlong: [Address] = []
    /// Why a delete is planned when the configuration never declared the object: "not in the
    /// configuration" for what an `ownership: exclusive` account holds besides it. Nil otherwise.
    public var deleteReason: String?

    public init(
        address: Address, action: ChangeAction, before: ResourceState?, after: Resource?,
        changedAttributes: [String] = [], replaceReason: ReplaceReason? = nil
    ) {
        self.address = address
        self.action = action
        self.before = before
        self.after = after
        self.changedAttributes = changedAttributes
        self.replaceReason = replaceReason
    }

    /// The reason in its text form (`["path"]`, `["account"]`, `["X is replaced"]`), as files carry it.
    public var replaceReasons: [String] { replaceReason?.texts ?? [] }

    public var type: ResourceType? { after?.type ?? before?.type }

    /// The rename this change carries out, if any.
    public var rename: Rename? { previousAddress.map { Rename(from: $0, to: address) } }
}
