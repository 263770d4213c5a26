import IAMConfCore

/// Everything that can go wrong reading, writing or locking a state file, as one typed error.
///
/// Each case has a stable code scripts can match on, a one-line message, a hint saying what to do,
/// and the file it is about. The store never overwrites a file it reported as unreadable.
public struct StateError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Stable kebab-case codes, the same vocabulary as `Diagnostic.code`.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// Not JSON (the location says where it broke).
        case corrupt = "state-corrupt"
        /// JSON that stops early: an interrupted copy or a full disk.
        case truncated = "state-truncated"
        /// Written by a newer iamconf whose format this one does not know.
        case newerFormat = "state-newer-format"
        /// A format version this iamconf cannot read or upgrade (not a positive integer, or unknown).
        case unsupportedFormat = "state-unsupported-format"
        /// A required member is absent.
        case missingMember = "state-missing-member"
        /// A member has the wrong type or an impossible value.
        case invalidMember = "state-invalid-member"
        /// The file on disk belongs to another lineage than the state being written.
        case lineageMismatch = "state-lineage-mismatch"
        /// The file changed on disk since this store last read or wrote it.
        case changedExternally = "state-changed-externally"
        /// Another process (or store) holds the state lock.
        case locked = "state-locked"
        /// `unlock`/`force-unlock` found no lock.
        case notLocked = "state-not-locked"
        /// `force-unlock` was given an ID that is not the current lock's.
        case lockIDMismatch = "state-lock-id-mismatch"
        /// A shared store refused a conditional write: someone else wrote first.
        case conflict = "state-write-conflict"
        /// The file system or the store refused (permissions, missing directory or bucket, full disk, bad credentials).
        case io = "state-io"
        /// The store cannot be reached.
        case unreachable = "state-store-unreachable"
        /// The state could not be encoded (an address that cannot be written, …).
        case encoding = "state-encoding"
    }

    /// What kind of failure, for scripts and tests to match on.
    public var code: Code
    /// One line saying what is wrong.
    public var message: String
    /// What to do about it.
    public var hint: String?
    /// The file the error is about (the state file, its lock or its backup).
    public var path: String
    /// Where in the file, for `corrupt` (1-based line and column).
    public var location: SourceLocation?
    /// The JSON path of the offending member (`resources[3].account_id`), for member errors.
    public var member: String?

    /// An error about `path`; `location` and `member` narrow it down when known.
    public init(
        _ code: Code, _ message: String, hint: String? = nil, path: String,
        location: SourceLocation? = nil, member: String? = nil
    ) {
        self.code = code
        self.message = message
        self.hint = hint
        self.path = path
        self.location = location
        self.member = member
    }

    /// `path[:line:col]: error: message [code]` then the hint, the way diagnostics render.
    public var description: String {
        let place = location?.description ?? path
        var text = "\(place): error: \(message) [\(code.rawValue)]"
        if let hint { text += "\n  hint: \(hint)" }
        return text
    }

    /// The same content as a diagnostic, for `--json` views and the CLI renderer.
    public var diagnostic: Diagnostic {
        Diagnostic.error(code.rawValue, message, hint: hint, at: location, path: member)
    }
}
