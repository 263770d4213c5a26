import IAMConfBackend

/// A request that got no HTTP answer, and whether the server may nevertheless have acted on it.
///
/// A connection that drops after the request went out (an empty reply, a reset, a timeout while
/// waiting for the answer) is a lost answer: the endpoint may have created the user or the access key.
/// Sending such a call again makes `EntityAlreadyExists`, or a second key whose secret nobody has, so
/// `QueryClient` retries it only when it is a read (see `RetryDecision`).
struct TransportFailure: Error, Sendable {
    /// How far the request got.
    enum Delivery: Sendable, Hashable {
        /// Certainly never reached the server: no connection, or nothing was written to it.
        case neverSent
        /// Written to the connection, answer missing: the server may have performed it.
        case mayHaveBeenPerformed
    }

    var error: BackendError
    var delivery: Delivery

    /// Classifies a failed curl transfer by its code (https://curl.se/libcurl/c/libcurl-errors.html)
    /// and by how many request bytes curl wrote (`CURLINFO_REQUEST_SIZE`).
    ///
    /// Conservative on purpose: only a failure that happens before the request exists on the wire
    /// (no name, no route, refused, TLS handshake, connect timeout) is `neverSent`; once any byte was
    /// written, the server may have read the whole request, even if curl then saw a reset.
    static func delivery(curlCode: Int32, requestBytes: Int) -> Delivery {
        switch curlCode {
        // UNSUPPORTED_PROTOCOL, URL_MALFORMAT, COULDNT_RESOLVE_PROXY, COULDNT_RESOLVE_HOST,
        // COULDNT_CONNECT: no connection was ever made.
        case 1, 3, 5, 6, 7: return .neverSent
        default: return requestBytes > 0 ? .mayHaveBeenPerformed : .neverSent
        }
    }
}
