import Crypto
import Foundation

/// An object in a simulated bucket: its bytes and what S3 reports about them.
public struct StoredObject: Sendable, Hashable, Codable {
    public var body: [UInt8]
    public var contentType: String
    public var lastModified: Date
    /// S3's ETag of a single-part upload: the hex MD5 of the bytes, in quotes.
    public var etag: String

    public init(body: [UInt8], contentType: String, lastModified: Date) {
        self.body = body
        self.contentType = contentType
        self.lastModified = lastModified
        self.etag = "\"" + Insecure.MD5.hash(data: body).map { String(format: "%02x", $0) }.joined() + "\""
    }
}
