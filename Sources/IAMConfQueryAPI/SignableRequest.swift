import Foundation

/// An HTTP request in the shape SigV4 signs: method, unencoded path, query and headers in the
/// order given, and the body bytes.
///
/// Kept independent of URLRequest so the signer can be checked against AWS's published test suite
/// byte for byte, without a network stack.
public struct SignableRequest: Sendable, Hashable {
    public var method: String
    /// The path before percent-encoding (`/`, `/ሴ`); the signer encodes it.
    public var path: String
    /// Query parameters, decoded; the signer encodes and sorts them.
    public var query: [QueryParameter]
    /// Header fields as sent; names compare case-insensitively and may repeat.
    public var headers: [QueryParameter]
    public var body: [UInt8]

    public init(
        method: String, path: String = "/", query: [QueryParameter] = [], headers: [QueryParameter] = [],
        body: [UInt8] = []
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }

    /// The first value of a header field, compared case-insensitively.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}

/// One name/value pair of a query string, form body or header block.
public struct QueryParameter: Sendable, Hashable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}
