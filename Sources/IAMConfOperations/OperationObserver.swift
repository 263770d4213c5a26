import IAMConfEngine

/// What an operation tells the person running it while it works: the one channel for progress and
/// messages, so operations stay free of terminals and tests can watch them in process.
///
/// Results (the plan, the apply report, the drift) are returned, not observed. Every method has a
/// default that ignores the event, so an observer implements only what it shows.
public protocol OperationObserver: Sendable {
    /// A warning or note (the CLI writes it to stderr as given): configuration diagnostics, failed
    /// expectations, a stale lock taken over, a resource that could not be refreshed.
    func warning(_ text: String)

    /// An apply has finished `done` of its `total` operations, `elapsed` after they began.
    func applyProgress(done: Int, total: Int, elapsed: Duration)

    /// One resource's operation started, finished, failed or was skipped (Terraform's
    /// `ADDRESS: Creating...` lines). Called in order, from one task at a time.
    func applyEvent(_ event: Applier.Event)
}

extension OperationObserver {
    public func warning(_ text: String) {}
    public func applyProgress(done: Int, total: Int, elapsed: Duration) {}
    public func applyEvent(_ event: Applier.Event) {}
}

/// Ignores everything, for callers that only want the result.
public struct SilentObserver: OperationObserver {
    public init() {}
}
