/// Which backend a state belongs to: `simulator`, or `endpoint` with its URL.
///
/// Recorded in the state file so a state is never applied to a different backend.
public struct BackendDescriptor: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The kinds of backend iamconf has; the raw value is how files and flags spell it.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
        /// The embedded, in-process IAM simulator.
        case simulator
        /// An HTTP endpoint speaking the AWS IAM/STS Query API.
        case endpoint

        public var description: String { rawValue }
    }

    public var kind: Kind
    public var endpoint: String?

    public init(kind: Kind, endpoint: String? = nil) {
        self.kind = kind
        self.endpoint = endpoint
    }

    public static let simulator = BackendDescriptor(kind: .simulator)

    public var description: String { endpoint.map { "\(kind) (\($0))" } ?? kind.rawValue }
}
