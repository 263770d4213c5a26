/// The one error a backend throws, with IAM's error code so callers can react to the kind.
public struct BackendError: Error, Sendable, Hashable, CustomStringConvertible {
    /// IAM's error codes (https://docs.aws.amazon.com/IAM/latest/APIReference/CommonErrors.html and
    /// each action's Errors section), plus transport conditions of our own.
    public enum Code: String, Sendable, Hashable, Codable {
        case noSuchEntity = "NoSuchEntity"
        case entityAlreadyExists = "EntityAlreadyExists"
        case deleteConflict = "DeleteConflict"
        case limitExceeded = "LimitExceeded"
        case malformedPolicyDocument = "MalformedPolicyDocument"
        case invalidInput = "InvalidInput"
        case validationError = "ValidationError"
        case unmodifiableEntity = "UnmodifiableEntity"
        /// A service-linked role policy attached anywhere but to its service's role.
        case policyNotAttachable = "PolicyNotAttachable"
        case accessDenied = "AccessDenied"
        /// EnableMFADevice's codes are not the device's.
        case invalidAuthenticationCode = "InvalidAuthenticationCode"
        case throttling = "Throttling"
        case serviceFailure = "ServiceFailure"
        /// The endpoint answered, but does not implement this action.
        case unsupported = "Unsupported"
        /// The endpoint could not be reached or the connection broke. After the request was sent
        /// the call may or may not have been performed (a lost answer): a backend does not retry a
        /// call that changes something in that case, the engine does, knowing how to check.
        case transport = "Transport"
        /// The backend's own storage failed (the simulator's world file).
        case storage = "Storage"
        case other = "Other"
    }

    public var code: Code
    /// The code exactly as the backend spelled it (useful when `code` is `.other`).
    public var rawCode: String
    public var message: String
    public var httpStatus: Int?

    public init(_ code: Code, _ message: String, rawCode: String? = nil, httpStatus: Int? = nil) {
        self.code = code
        self.rawCode = rawCode ?? code.rawValue
        self.message = message
        self.httpStatus = httpStatus
    }

    public var description: String { "\(rawCode): \(message)" }

    /// Worth retrying with backoff: throttling, a failing service or a dropped connection.
    public var isTransient: Bool {
        switch code {
        case .throttling, .serviceFailure, .transport: return true
        default: return false
        }
    }
}
