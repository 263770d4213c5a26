import IAMConfBackend

/// One behaviour every backend must share with IAM, as data: a named sequence of calls, each with
/// the outcome AWS documents.
///
/// Cases clean up after themselves (cleanup steps always run) and put a run id into every name,
/// so the suite can run against a shared server. Where a backend is known to differ from AWS,
/// `knownDeviations[kind]` says why; a failure there is reported but does not fail the run.
public struct ConformanceCase: Sendable, CustomStringConvertible {
    public var name: String
    public var steps: [ConformanceStep]
    /// Backend kind (`simulator`, `endpoint`) -> why that backend differs from AWS here.
    public var knownDeviations: [String: String]

    public init(_ name: String, knownDeviations: [String: String] = [:], steps: [ConformanceStep]) {
        self.name = name
        self.steps = steps
        self.knownDeviations = knownDeviations
    }

    public var description: String { name }
}

/// What a step expects from the backend.
public enum ConformanceOutcome: Sendable, Hashable, CustomStringConvertible {
    case success
    case failure(BackendError.Code)
    /// Anything goes (cleanup of what may or may not exist).
    case any

    public var description: String {
        switch self {
        case .success: return "success"
        case let .failure(code): return code.rawValue
        case .any: return "anything"
        }
    }
}

/// Names and values a case's steps share: the account, the run id and what earlier steps returned.
public struct ConformanceContext: Sendable {
    public var account: String
    /// Appended to every name so concurrent or repeated runs do not collide.
    public var runID: String
    /// Values saved by earlier steps (`accessKeyID`, …).
    public var saved: [String: String] = [:]

    public init(account: String, runID: String) {
        self.account = account
        self.runID = runID
    }

    /// `base-runID`, unique to this run.
    public func name(_ base: String) -> String { "\(base)-\(runID)" }

    /// The ARN of a customer managed policy created by this run.
    public func policyARN(_ base: String, path: String = "/") -> String {
        "arn:aws:iam::\(account):policy\(path)\(name(base))"
    }

    public subscript(key: String) -> String { saved[key] ?? "" }
}

/// One call and what must come of it.
public struct ConformanceStep: Sendable {
    public var request: @Sendable (ConformanceContext) -> IAMRequest
    public var expected: ConformanceOutcome
    /// Runs after success: returns a failure description, or nil when the response is right.
    public var check: (@Sendable (IAMResponse, ConformanceContext) -> String?)?
    /// Stores values from the response for later steps.
    public var save: (@Sendable (IAMResponse) -> [String: String])?
    /// Cleanup steps run even after an earlier step failed, and their outcome is not judged.
    public var isCleanup: Bool

    public init(
        _ expected: ConformanceOutcome = .success,
        _ request: @escaping @Sendable (ConformanceContext) -> IAMRequest,
        check: (@Sendable (IAMResponse, ConformanceContext) -> String?)? = nil,
        save: (@Sendable (IAMResponse) -> [String: String])? = nil,
        isCleanup: Bool = false
    ) {
        self.request = request
        self.expected = expected
        self.check = check
        self.save = save
        self.isCleanup = isCleanup
    }

    /// A step that expects success.
    public static func ok(
        _ request: @escaping @Sendable (ConformanceContext) -> IAMRequest,
        check: (@Sendable (IAMResponse, ConformanceContext) -> String?)? = nil,
        save: (@Sendable (IAMResponse) -> [String: String])? = nil
    ) -> ConformanceStep {
        ConformanceStep(.success, request, check: check, save: save)
    }

    /// A step that expects IAM's error `code`.
    public static func fails(_ code: BackendError.Code, _ request: @escaping @Sendable (ConformanceContext) -> IAMRequest) -> ConformanceStep {
        ConformanceStep(.failure(code), request)
    }

    /// A cleanup step: always runs, never judged.
    public static func cleanup(_ request: @escaping @Sendable (ConformanceContext) -> IAMRequest) -> ConformanceStep {
        ConformanceStep(.any, request, isCleanup: true)
    }
}
