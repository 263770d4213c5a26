/// What serve may say about `aws:SecureTransport` ("whether the request was sent using TLS",
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-securetransport).
///
/// serve speaks plain HTTP, so by default every request is `false`, as AWS says of an HTTP request,
/// and a bucket policy denying requests where it is false (the usual "HTTPS only" policy,
/// https://repost.aws/knowledge-center/s3-bucket-policy-for-config-rule) refuses them all. A lab
/// behind a TLS-terminating proxy declares it: either every request arrived over TLS, or the proxy
/// says so per request in `X-Forwarded-Proto`. That header is believed only when the lab says a
/// proxy sets it; otherwise any client could claim TLS.
public enum TransportSecurity: Sendable, Hashable {
    /// Plain HTTP: `aws:SecureTransport` is false (the default).
    case plainHTTP
    /// Every request reached the proxy in front of serve over TLS (`serve --secure-transport`).
    case behindTLSProxy
    /// The proxy in front of serve says per request: `X-Forwarded-Proto: https` means TLS
    /// (`serve --trust-forwarded-proto`).
    case forwardedProto

    /// `aws:SecureTransport` for `request`.
    public func isSecure(_ request: ServerRequest) -> Bool {
        switch self {
        case .plainHTTP: return false
        case .behindTLSProxy: return true
        case .forwardedProto:
            // A proxy may append to a client's header (`https, http`): the value the proxy wrote,
            // the last, is the one about the connection serve sees.
            let values = request.headers.filter { $0.name.lowercased() == "x-forwarded-proto" }.flatMap { $0.value.split(separator: ",") }
            guard let last = values.last else { return false }
            return SigV4Verifier.trimmingSpaces(last).lowercased() == "https"
        }
    }
}
