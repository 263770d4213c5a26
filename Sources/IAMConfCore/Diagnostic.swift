/// One problem found in the user's input, with where it is and how to fix it.
///
/// Deep layers (the policy grammar) fill `path` (`Statement[1].Action`) and leave `location` empty;
/// the layer that knows the file attaches the location.
public struct Diagnostic: Sendable, Hashable, Codable {
    public enum Severity: String, Sendable, Hashable, Codable, Comparable {
        case error
        case warning

        public static func < (lhs: Severity, rhs: Severity) -> Bool {
            lhs == .error && rhs == .warning
        }
    }

    public var severity: Severity
    /// A stable kebab-case identifier (`unknown-group`), safe to match on in scripts.
    public var code: String
    /// One line saying what is wrong.
    public var summary: String
    /// How to fix it.
    public var hint: String?
    /// The resource the problem belongs to, when there is one (`target.role.S3Access`).
    public var address: String?
    public var location: SourceLocation?
    /// A path inside a document (`Statement[1].Action`), for layers that do not know the file.
    public var path: String?

    public init(
        _ severity: Severity, code: String, _ summary: String, hint: String? = nil,
        address: String? = nil, location: SourceLocation? = nil, path: String? = nil
    ) {
        self.severity = severity
        self.code = code
        self.summary = summary
        self.hint = hint
        self.address = address
        self.location = location
        self.path = path
    }

    public static func error(
        _ code: String, _ summary: String, hint: String? = nil, at location: SourceLocation? = nil,
        address: String? = nil, path: String? = nil
    ) -> Diagnostic {
        Diagnostic(.error, code: code, summary, hint: hint, address: address, location: location, path: path)
    }

    public static func warning(
        _ code: String, _ summary: String, hint: String? = nil, at location: SourceLocation? = nil,
        address: String? = nil, path: String? = nil
    ) -> Diagnostic {
        Diagnostic(.warning, code: code, summary, hint: hint, address: address, location: location, path: path)
    }
}
