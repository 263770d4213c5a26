import Foundation
import IAMConfCore

/// What the lock file says about who holds the state: enough to find the holder or judge it stale.
///
/// Mirrors Terraform's lock info (ID, operation, who, version, created, path), plus the pid and
/// host so a lock left by a crashed process on this machine can be recognised.
public struct LockInfo: Sendable, Hashable, Codable, CustomStringConvertible {
    /// A random ID; `force-unlock` takes it so the wrong lock is never removed by accident.
    public var id: String
    /// The command holding the lock (`apply`, `plan`, `import`, …).
    public var operation: String
    /// `user@host`.
    public var who: String
    /// The host the holder ran on; its `pid` is only meaningful there.
    public var host: String
    /// The holder's process ID on `host`.
    public var pid: Int32
    /// When the lock was taken, ISO 8601 in UTC.
    public var created: String
    /// The iamconf version that took the lock.
    public var iamconfVersion: String
    /// The state file the lock guards.
    public var path: String

    /// The lock file's member names, also used when a command prints the lock as JSON.
    enum CodingKeys: String, CodingKey {
        case id, operation, who, host, pid, created, path
        case iamconfVersion = "iamconf_version"
    }

    /// A lock record as read from or written to a lock file.
    public init(
        id: String, operation: String, who: String, host: String, pid: Int32, created: String,
        iamconfVersion: String, path: String
    ) {
        self.id = id
        self.operation = operation
        self.who = who
        self.host = host
        self.pid = pid
        self.created = created
        self.iamconfVersion = iamconfVersion
        self.path = path
    }

    /// A fresh lock for this process.
    static func current(operation: String, path: String, iamconfVersion: String) -> LockInfo {
        let host = SystemIdentity.hostName()
        return LockInfo(
            id: UUID().uuidString.lowercased(), operation: operation, who: "\(SystemIdentity.userName())@\(host)",
            host: host, pid: getpid(), created: Date().ISO8601Format(), iamconfVersion: iamconfVersion, path: path)
    }

    /// `who (pid, operation, version) since created, lock ID id`, the form lock errors show.
    public var description: String {
        "\(who) (pid \(pid), operation \"\(operation)\", iamconf \(iamconfVersion)) since \(created), lock ID \(id)"
    }

    /// Whether the holder is known to be gone: it ran on this host and its pid no longer exists.
    /// A lock from another host is never judged, since its pid means nothing here.
    public var holderLooksDead: Bool {
        guard host == SystemIdentity.hostName(), pid > 0 else { return false }
        return kill(pid, 0) != 0 && errno == ESRCH
    }

    // MARK: File format

    var encoded: [UInt8] {
        let document = JSONValue.object([
            ("id", .string(id)), ("operation", .string(operation)), ("who", .string(who)),
            ("host", .string(host)), ("pid", .number(String(pid))), ("created", .string(created)),
            ("iamconf_version", .string(iamconfVersion)), ("path", .string(path)),
        ])
        return Array((document.prettyText() + "\n").utf8)
    }

    /// Reads a lock file; `nil` when it is not one (half-written or replaced by something else).
    init?(decoding bytes: [UInt8]) {
        guard let document = try? JSONParser.parse(String(decoding: bytes, as: UTF8.self)),
              let id = document["id"]?.stringValue,
              let operation = document["operation"]?.stringValue,
              let who = document["who"]?.stringValue
        else { return nil }
        var pid: Int32 = 0
        if case let .number(spelling)? = document["pid"] { pid = Int32(spelling) ?? 0 }
        self.init(
            id: id, operation: operation, who: who, host: document["host"]?.stringValue ?? "",
            pid: pid, created: document["created"]?.stringValue ?? "unknown time",
            iamconfVersion: document["iamconf_version"]?.stringValue ?? "unknown",
            path: document["path"]?.stringValue ?? "")
    }
}

/// Who and where this process is, for lock files.
enum SystemIdentity {
    static func hostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "unknown-host" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func userName() -> String {
        if let user = ProcessInfo.processInfo.environment["USER"], !user.isEmpty { return user }
        if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return "uid\(geteuid())"
    }
}
