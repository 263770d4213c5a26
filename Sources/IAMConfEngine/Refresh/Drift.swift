import IAMConfBackend
import IAMConfCore
import IAMConfState

/// One resource that changed outside iamconf since the state was written: gone, or with
/// attributes that no longer hold what iamconf applied.
///
/// A drift is a fact about the backend, not a plan: the plan made against the refreshed state
/// says what iamconf will do about it.
public struct Drift: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// The object no longer exists; the refreshed state drops it, so a plan creates it again.
        case deleted
        /// The object exists with other attribute values; `changes` lists them.
        case changed
    }

    public var address: Address
    public var kind: Kind
    /// The resource as the state held it before the refresh.
    public var before: ResourceState
    /// The attributes that differ, in name order (empty for `deleted`).
    public var changes: [AttributeDrift]

    public init(address: Address, kind: Kind, before: ResourceState, changes: [AttributeDrift] = []) {
        self.address = address
        self.kind = kind
        self.before = before
        self.changes = changes
    }

    /// The state's resource type name (`role`, `user_group_membership`, …).
    public var type: ResourceType { before.type }
}

/// One attribute's value in the state (`before`) and in the backend (`after`), in the state's spelling.
public struct AttributeDrift: Sendable, Hashable {
    public var name: String
    public var before: JSONValue
    public var after: JSONValue

    public init(name: String, before: JSONValue, after: JSONValue) {
        self.name = name
        self.before = before
        self.after = after
    }
}

/// What a refresh produced: the state as the backend has it now, what drifted, and what could
/// not be read (kept as the state had it).
public struct RefreshResult: Sendable, Hashable {
    public var state: State
    /// In address order.
    public var drift: [Drift]
    /// Resources the backend cannot read (`Unsupported`), with the reason; left unchanged in `state`.
    public var unreadable: [UnreadableResource]
    /// Attributes the backend never reports (an endpoint that does not implement them): their
    /// values are unknown, so the state keeps what it had and no drift is claimed.
    public var unreported: [UnreportedAttributes]

    public init(state: State, drift: [Drift], unreadable: [UnreadableResource] = [], unreported: [UnreportedAttributes] = []) {
        self.state = state
        self.drift = drift
        self.unreadable = unreadable
        self.unreported = unreported
    }

    public var hasDrift: Bool { !drift.isEmpty }
}

/// A resource a refresh left as the state had it, because the backend cannot read that kind.
public struct UnreadableResource: Sendable, Hashable {
    public var address: Address
    public var reason: String

    public init(address: Address, reason: String) {
        self.address = address
        self.reason = reason
    }
}

/// Attributes of one resource that the backend does not report, so a refresh could not check them.
public struct UnreportedAttributes: Sendable, Hashable {
    public var address: Address
    public var names: [String]

    public init(address: Address, names: [String]) {
        self.address = address
        self.names = names
    }
}

/// A read failed for a reason other than the object being gone: the refresh stops, and the state
/// is not touched, since a half-refreshed state would be worse than a stale one.
public struct RefreshError: Error, Sendable, Hashable, CustomStringConvertible {
    public var address: Address
    public var error: BackendError

    public init(address: Address, error: BackendError) {
        self.address = address
        self.error = error
    }

    public var description: String { "\(address): reading it failed: \(error)" }
}
