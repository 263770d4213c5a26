import IAMConfQueryAPI

/// One HTTP request as the server sees it, before anything is trusted: the transport fills it in,
/// the handlers read it. A value, so every handler is tested without a socket.
public struct ServerRequest: Sendable, Hashable {
    public var method: String
    /// The path as sent, still percent-encoded (`/bucket/a%20b.txt`).
    public var rawPath: String
    /// The query string as sent, without `?`, still encoded.
    public var rawQuery: String {
        didSet { queryParameters = FormDecoding.pairs(rawQuery, plusIsSpace: false) }
    }
    /// The query string's parameters, decoded (`%XX`; `+` stays a plus, as SigV4 treats it): read
    /// once, since routing, verifying and answering each look at them (a presigned URL's are long).
    public private(set) var queryParameters: [QueryParameter]
    /// Header fields as received; names compare case-insensitively and may repeat.
    public var headers: [QueryParameter]
    public var body: [UInt8]
    /// The peer's address (`aws:SourceIp`).
    public var sourceIP: String

    /// `target` is the request line's target (`/path?query`).
    public init(method: String, target: String, headers: [QueryParameter] = [], body: [UInt8] = [], sourceIP: String = "127.0.0.1") {
        self.method = method.uppercased()
        let path = target.prefix { $0 != "?" }
        self.rawPath = path.isEmpty ? "/" : String(path)
        self.rawQuery = String(target.dropFirst(path.count + 1))
        self.queryParameters = FormDecoding.pairs(rawQuery, plusIsSpace: false)
        self.headers = headers
        self.body = body
        self.sourceIP = sourceIP
    }

    /// The first value of a header field, compared case-insensitively.
    public func header(_ name: String) -> String? {
        headers.first { Self.equalIgnoringASCIICase($0.name, name) }?.value
    }

    /// Header names are ASCII tokens (RFC 9110 5.1): compared byte by byte, ASCII letters without
    /// case, with no lower-cased copies (the verifier asks for five headers per request).
    static func equalIgnoringASCIICase(_ lhs: String, _ rhs: String) -> Bool {
        var lhs = lhs
        var rhs = rhs
        return lhs.withUTF8 { left in
            rhs.withUTF8 { right in
                guard left.count == right.count else { return false }
                for index in left.indices where left[index] != right[index] {
                    let a = left[index] | 0x20
                    guard a == right[index] | 0x20, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(a) else { return false }
                }
                return true
            }
        }
    }


    /// The decoded path (`/bucket/a b.txt`).
    public var path: String { PercentEncoding.decode(rawPath) }

    /// Query API parameters: the query string's and, for a form-encoded POST, the body's.
    public var queryAPIParameters: [QueryParameter] {
        var parameters = FormDecoding.pairs(rawQuery, plusIsSpace: true)
        if method == "POST", header("content-type")?.lowercased().hasPrefix("application/x-www-form-urlencoded") ?? true {
            parameters += FormDecoding.pairs(String(decoding: body, as: UTF8.self), plusIsSpace: true)
        }
        return parameters
    }
}

/// `name=value&…` pairs; a malformed escape is kept as written, never a crash.
enum FormDecoding {
    static func pairs(_ text: String, plusIsSpace: Bool) -> [QueryParameter] {
        // Split on the bytes: `&` and `=` are ASCII, and splitting by Character (grapheme breaking)
        // was a sixth of a presigned request's time.
        text.utf8.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true).map { pair in
            let equals = pair.firstIndex(of: UInt8(ascii: "=")) ?? pair.endIndex
            let name = String(decoding: pair[..<equals], as: UTF8.self)
            let value = equals == pair.endIndex ? "" : String(decoding: pair[pair.index(after: equals)...], as: UTF8.self)
            return QueryParameter(decode(name, plusIsSpace), decode(value, plusIsSpace))
        }
    }

    private static func decode(_ text: String, _ plusIsSpace: Bool) -> String {
        guard plusIsSpace, text.contains("+") else { return PercentEncoding.decode(text) }
        return PercentEncoding.decode(String(String.UnicodeScalarView(text.unicodeScalars.map { $0 == "+" ? " " : $0 })))
    }
}
