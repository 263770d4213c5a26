/// What the server answers: a status, header fields and the body bytes.
public struct ServerResponse: Sendable, Hashable {
    public var status: Int
    public var headerFields: [HeaderField]
    public var body: [UInt8]

    public struct HeaderField: Sendable, Hashable {
        public var name: String
        public var value: String
    }

    public init(status: Int, contentType: String? = "text/xml", body: [UInt8] = [], headers: [(String, String)] = []) {
        self.status = status
        self.headerFields = headers.map { HeaderField(name: $0.0, value: $0.1) }
        if let contentType { headerFields.append(HeaderField(name: "Content-Type", value: contentType)) }
        self.body = body
    }

    public init(status: Int, xml: String, requestID: String) {
        self.init(status: status, body: Array(xml.utf8), headers: [("x-amzn-RequestId", requestID)])
    }

    /// The first value of a header field, compared case-insensitively.
    public func header(_ name: String) -> String? {
        headerFields.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    public var bodyText: String { String(decoding: body, as: UTF8.self) }
}
