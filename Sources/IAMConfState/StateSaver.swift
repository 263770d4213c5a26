import Foundation

/// Coalesces the saves of a running apply into at most one write per interval, plus writes the
/// caller marks urgent.
///
/// An apply saves after every completed operation; writing a 10k-resource state each time would
/// cost more than the operations. Terraform's local backend does the same (it persists at most
/// every 20 s during an apply). What is not yet written is lost if the process dies, so save
/// `immediately` whenever the backend returned something that cannot be fetched again (a new
/// access key's secret, a login password), and always `flush()` at the end, also after a failure.
public final class StateSaver: @unchecked Sendable {
    public let store: StateStore
    /// The longest time a completed operation may stay unsaved (when no urgent save comes first).
    public let interval: Duration

    private let now: @Sendable () -> ContinuousClock.Instant
    // Guards the members below (`@unchecked Sendable` relies on it).
    private let mutex = NSLock()
    private var pending: State?
    private var lastWrite: ContinuousClock.Instant?

    /// `now` is injectable so tests need not sleep.
    public init(
        store: StateStore, interval: Duration = .seconds(1),
        now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }
    ) {
        self.store = store
        self.interval = interval
        self.now = now
    }

    /// Records `state` as the latest; writes it if `immediately`, if nothing was written yet, or if
    /// `interval` has passed since the last write. Returns the state as written (new serial) when it
    /// wrote, `nil` when the state is only pending. A failed write stays pending and is rethrown.
    @discardableResult
    public func save(_ state: State, immediately: Bool = false) throws(StateError) -> State? {
        mutex.lock()
        defer { mutex.unlock() }
        pending = state
        let moment = now()
        guard immediately || lastWrite.map({ moment - $0 >= interval }) ?? true else { return nil }
        return try writePending(at: moment)
    }

    /// Writes the pending state, if any. Call when the apply ends, whether it succeeded or not.
    @discardableResult
    public func flush() throws(StateError) -> State? {
        mutex.lock()
        defer { mutex.unlock() }
        return try writePending(at: now())
    }

    /// Whether a saved state is waiting for its write.
    public var hasPendingChanges: Bool {
        mutex.lock()
        defer { mutex.unlock() }
        return pending != nil
    }

    private func writePending(at moment: ContinuousClock.Instant) throws(StateError) -> State? {
        guard let state = pending else { return nil }
        let written = try store.write(state)
        pending = nil
        lastWrite = moment
        return written
    }
}
