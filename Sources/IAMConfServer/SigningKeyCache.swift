import Crypto
import IAMConfQueryAPI

/// Derived SigV4 signing keys by (secret, date, region, service), so a key's four HMACs are
/// computed once per day and scope rather than per request (a tenth of an S3 request in the profile).
///
/// The signing key is a function of exactly those four values, so a cached key is the key AWS
/// would derive; whether a request with that date is still acceptable is the verifier's time check,
/// not the cache's. https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html
struct SigningKeyCache: Sendable {
    struct Scope: Hashable, Sendable {
        var secret: String
        var dateStamp: String
        var region: String
        var service: String
    }

    /// More scopes than this (many short sessions) start the cache again, so memory stays bounded.
    static let limit = 4_096

    private var keys: [Scope: SymmetricKey] = [:]

    /// How many keys are kept.
    var count: Int { keys.count }

    /// The signing key of `scope`: cached, or derived now and kept.
    mutating func key(for scope: Scope) -> SymmetricKey {
        if let key = keys[scope] { return key }
        let key = SigV4.signingKey(secret: scope.secret, dateStamp: scope.dateStamp, region: scope.region, service: scope.service)
        if keys.count >= Self.limit { keys.removeAll(keepingCapacity: true) }
        keys[scope] = key
        return key
    }
}
