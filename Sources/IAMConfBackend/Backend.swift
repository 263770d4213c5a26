import IAMConfCore

/// Where `apply` sends its changes: the in-process simulator or an IAM-compatible HTTP endpoint.
///
/// Requests and responses are plain values and the only error is `BackendError`, so one
/// conformance suite (IAMConfConformance) can hold every implementation to IAM's behaviour.
public protocol Backend: Sendable {
    /// What the state file records, so a state is never applied to a different backend.
    var descriptor: BackendDescriptor { get }

    /// Performs one IAM (or STS, or simulated S3) call in the given account.
    func perform(_ request: IAMRequest, in account: String) async throws(BackendError) -> IAMResponse

    /// Makes everything performed so far durable (the simulator writes its world; HTTP does nothing).
    func flush() async throws(BackendError)

    /// True when what `perform` does is kept only once `flush` returns (the simulator's world file),
    /// false when each call is durable at once (a real IAM endpoint). Only the latter can leave an
    /// object, and its secret, behind a process killed before the state is saved.
    var keepsChangesOnlyOnFlush: Bool { get }
}

extension Backend {
    public func flush() async throws(BackendError) {}
    public var keepsChangesOnlyOnFlush: Bool { false }
}
