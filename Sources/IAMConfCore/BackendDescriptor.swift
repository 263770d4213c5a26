/// Which backend a state belongs to: `simulator`, or `endpoint` with its URL.
///
/// Recorded in the state file so a state is never applied to a different backend.
public struct BackendDescriptor: Sendable, Hashable, Codable, CustomStringConvertible {
    public var kind: String
    public var endpoint: String?

    public init(kind: String, endpoint: String? = nil) {
        self.kind = kind
        self.endpoint = endpoint
    }

    public static let simulator = BackendDescriptor(kind: "simulator")

    public var description: String { endpoint.map { "\(kind) (\($0))" } ?? kind }
}
