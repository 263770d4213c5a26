/// A store of a few named objects with versions and conditional writes: the primitive a shared
/// state is built on (`RemoteStateStore`). S3 is one (ETags, `If-Match`, `If-None-Match`).
public protocol StateObjectStore: Sendable {
    /// Where an object is, for messages (`s3://bucket/key.lock`).
    func location(of object: StateObject) -> String
    /// The object and its version, or `nil` when it does not exist.
    func read(_ object: StateObject) throws(StateError) -> VersionedBytes?
    /// Writes `bytes` if `condition` holds and returns the new version; a condition that does not
    /// hold throws `StateError` with code `.conflict`.
    func write(_ object: StateObject, _ bytes: [UInt8], condition: WriteCondition) throws(StateError) -> String
    /// Deletes the object (only `version`, when given: else `.conflict`). A missing object is not an error.
    func delete(_ object: StateObject, version: String?) throws(StateError)
}

/// The objects a shared state consists of, named after the state's key.
public enum StateObject: String, Sendable, CaseIterable {
    case state = ""
    case lock = ".lock"
    case backup = ".backup"
    case intent = ".intent"
    case secrets = ".secrets"
}

public struct VersionedBytes: Sendable, Hashable {
    public var bytes: [UInt8]
    public var version: String

    public init(bytes: [UInt8], version: String) {
        self.bytes = bytes
        self.version = version
    }
}

public enum WriteCondition: Sendable, Hashable {
    case unconditional
    /// Only when the object does not exist.
    case absent
    /// Only when the object is still at this version.
    case version(String)
}
