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

/// `objects.json` beside the simulator's world: the buckets' objects between runs of `serve`.
/// `{"format":"iamconf-objects","version":1,"buckets":{BUCKET:{KEY:{"body":BASE64,…}}}}`; written
/// atomically (a temporary file renamed over the old one).
public enum ObjectStore {
    struct File: Codable {
        var format = "iamconf-objects"
        var version = 1
        var buckets: [String: [String: Entry]]
    }

    struct Entry: Codable {
        var body: Data
        var contentType: String
        var lastModified: Date
    }

    /// The objects in `url`; none when the file does not exist. Throws on a corrupt or newer file.
    public static func load(_ url: URL) throws -> [String: [String: StoredObject]] {
        guard FileManager.default.fileExists(atPath: url.path) else { return [:] }
        let file = try JSONDecoder().decode(File.self, from: Data(contentsOf: url))
        guard file.format == "iamconf-objects", file.version == 1 else {
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSFilePathErrorKey: url.path])
        }
        return file.buckets.mapValues { keys in
            keys.mapValues { StoredObject(body: Array($0.body), contentType: $0.contentType, lastModified: $0.lastModified) }
        }
    }

    public static func save(_ objects: [String: [String: StoredObject]], to url: URL) throws {
        let file = File(buckets: objects.filter { !$0.value.isEmpty }.mapValues { keys in
            keys.mapValues { Entry(body: Data($0.body), contentType: $0.contentType, lastModified: $0.lastModified) }
        })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        try encoder.encode(file).write(to: url, options: [.atomic])
    }
}
