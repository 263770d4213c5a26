import Foundation

/// A signed request ready to send: what `HTTPTransport` needs and nothing more (URLRequest lives in
/// FoundationNetworking on Linux, which iamconf does not link).
struct PreparedRequest: Sendable {
    var method: String
    var url: URL
    /// Header fields in the order signed; `Host` among them.
    var headers: [QueryParameter]
    var body: [UInt8]

    /// `scheme://host[:port]`, for messages (never the query, which may name resources).
    var origin: String {
        guard let scheme = url.scheme, let host = url.host else { return "the endpoint" }
        return url.port.map { "\(scheme)://\(host):\($0)" } ?? "\(scheme)://\(host)"
    }
}

/// An HTTP answer of any status.
struct HTTPAnswer: Sendable {
    var status: Int
    var body: Data
    /// Connections opened for this request: 0 when an alive one was reused.
    var newConnections: Int = 0
    /// The ETag header, as sent (quoted).
    var etag: String?
}
