import Foundation

/// An AWS access key pair, optionally temporary (a session token and an expiry, as STS returns them).
public struct AWSCredentials: Sendable, Hashable, CustomStringConvertible {
    public var accessKeyID: String
    public var secretAccessKey: String
    /// Present for temporary credentials; signed requests then carry `X-Amz-Security-Token`.
    public var sessionToken: String?
    /// When temporary credentials stop working; `nil` for long-term keys.
    public var expiration: Date?

    public init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil, expiration: Date? = nil) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
        self.expiration = expiration
    }

    /// The well-known placeholder keys used against a local mock endpoint (moto ignores signatures).
    public static let loopbackTestCredentials = AWSCredentials(
        accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "testing-secret-not-used")

    /// True when the credentials expire within `margin` seconds of `now` (refresh before they do).
    public func expires(within margin: TimeInterval, of now: Date) -> Bool {
        guard let expiration else { return false }
        return expiration.timeIntervalSince(now) < margin
    }

    /// Never prints the secret or the token.
    public var description: String { "AWSCredentials(\(accessKeyID), secret: <redacted>)" }
}
