import IAMConfBackend

/// Whether `QueryClient` sends a failed call again.
///
/// Transient failures (throttling, a failing service, a broken connection) are retried with backoff,
/// with one exception: a call that changes something is never sent again once it may have reached the
/// server without its answer coming back. IAM's creates are not idempotent (a second CreateUser
/// fails with EntityAlreadyExists, a second CreateAccessKey makes a key whose secret nobody has), so
/// that call is thrown as `.transport` and the engine, which can read what exists, decides.
/// An answer that is an error (Throttling, a 5xx, moto's HTML 500) says the server did not do the
/// work, so it is retried as before.
enum RetryDecision: Sendable, Hashable {
    case retry
    /// Not worth retrying, or attempts used up: throw the failure as it is.
    case giveUp
    /// A change whose answer was lost: throw `.transport`, saying it may have been performed.
    case lostAnswer

    /// `delivery` is nil when the server answered (with an error), else how far the request got.
    static func after(
        _ failure: BackendError, delivery: TransportFailure.Delivery?, isMutating: Bool, attempt: Int, maxAttempts: Int,
        isCancelled: Bool = false
    ) -> RetryDecision {
        if isMutating, delivery == .mayHaveBeenPerformed { return .lostAnswer }
        guard failure.isTransient, attempt < maxAttempts, !isCancelled else { return .giveUp }
        return .retry
    }
}
