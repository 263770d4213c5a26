/// A lint finding the configuration accepts on purpose (`lint: { suppress: [...] }`), with why.
///
/// Kept in the configuration, beside what it excuses, so a review sees the reason; a suppression
/// without a reason is refused when the configuration is read.
public struct LintSuppression: Sendable, Hashable {
    /// The issue code it silences (`REDUNDANT_ACTION`).
    public var code: String
    /// Only findings at addresses matching this pattern (`main.role.*`); nil: everywhere.
    public var address: String?
    public var reason: String
    public var location: SourceLocation?

    public init(code: String, address: String? = nil, reason: String, location: SourceLocation? = nil) {
        self.code = code
        self.address = address
        self.reason = reason
        self.location = location
    }
}
