/// Exponential backoff with full jitter for transient failures (throttling, 5xx, dropped connections).
///
/// Full jitter (a random delay between 0 and the exponential cap) is what AWS's SDKs use to keep
/// many clients from retrying in lockstep
/// (https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/).
public struct RetryPolicy: Sendable, Hashable {
    /// Attempts in total, the first included (1 = never retry).
    public var maxAttempts: Int
    /// The cap of the first retry's delay, in seconds; it doubles on each further retry.
    public var baseDelay: Double
    /// No single delay exceeds this, in seconds.
    public var maxDelay: Double

    public init(maxAttempts: Int = 5, baseDelay: Double = 0.1, maxDelay: Double = 5) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = max(0, baseDelay)
        self.maxDelay = max(0, maxDelay)
    }

    public static let standard = RetryPolicy()
    public static let none = RetryPolicy(maxAttempts: 1)

    /// The delay before retry number `retry` (0 for the first retry), in seconds.
    public func delay(beforeRetry retry: Int) -> Double {
        let cap = min(maxDelay, baseDelay * Double(1 << min(retry, 20)))
        return cap > 0 ? Double.random(in: 0...cap) : 0
    }
}
