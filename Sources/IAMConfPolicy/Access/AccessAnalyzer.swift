import IAMConfCore

/// Answers access questions against a configuration, the way AWS would decide them.
///
/// Builds each request as AWS does (the caller's identity policies and permissions boundary, the
/// resource-based policy of the resource, the request context) and walks role chains hop by hop:
/// every `sts:AssumeRole` must be allowed before the next caller is the role's session.
/// Pure: the same configuration, clock and question always give the same answer.
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
public struct AccessAnalyzer: Sendable {
    public var configuration: Configuration
    public var catalog: ManagedPolicyCatalog
    /// The request time (`aws:CurrentTime`, `aws:EpochTime`, `aws:TokenIssueTime`).
    /// When the question is asked (the caller reads the clock: this module has none).
    public var now: UTCTime
    /// `aws:RequestedRegion`.
    public var region: String
    /// Unique ids by user or role ARN (`AIDA…`, `AROA…`) when known (the applied world); otherwise
    /// a stable stand-in is derived from the ARN.
    public var principalIDs: [String: String]
    /// Managed policies already compiled, by ARN and use; filled by analyses that build many callers
    /// (who-can, paths), so a large document such as ReadOnlyAccess is parsed once, not per caller.
    var compiledManagedPolicies: [PolicyCacheKey: NamedPolicy] = [:]
    /// Callers already resolved, their policies compiled (`prepareCaller`): a server asking many
    /// questions of one configuration compiles each principal's policies once, not per question.
    /// Valid only for this configuration; a changed configuration needs a new analyzer.
    var preparedCallers: [CallerCacheKey: PreparedCaller] = [:]
    /// Resource targets already resolved, their policies (trust, bucket) compiled (`prepareTarget`),
    /// under the same rule: valid only for this configuration.
    var preparedTargets: [TargetCacheKey: PreparedTarget] = [:]

    /// The session name when the question gives none and the caller is not a user.
    public static let defaultSessionName = "iamconf-check"

    public init(
        configuration: Configuration, catalog: ManagedPolicyCatalog = .shared, now: UTCTime,
        region: String? = nil, principalIDs: [String: String] = [:]
    ) {
        self.configuration = configuration
        self.catalog = catalog
        self.now = now
        self.region = region ?? configuration.backend?.region ?? "us-east-1"
        self.principalIDs = principalIDs
    }

    /// Answers one question; throws only when the question names something the configuration lacks
    /// or is malformed (a denial is an answer, not an error).
    public func answer(_ question: AccessQuestion) throws(AccessError) -> AccessAnswer {
        try Self.checkAction(question.action)
        try Self.checkResource(question.resource)
        var notes: [String] = []
        var caller = try questionCaller(question, notes: &notes)
        let sessionName = try Self.checkSessionName(question.sessionName ?? caller.userName ?? Self.defaultSessionName)
        let roles = try question.assume.map { text throws(AccessError) in try role(named: text) }
        var steps: [AccessStep] = []
        for (account, role, roleName) in roles {
            let roleARN = role.arn(in: account).description
            var step = evaluate(
                caller, kind: .assumeRole, action: caller.assumeRoleAction, resource: roleARN, question: question,
                extra: ["sts:RoleSessionName": [sessionName]], notes: &notes)
            step.roleName = roleName
            steps.append(step)
            guard step.outcome == .allowed else { return AccessAnswer(outcome: step.outcome, steps: steps, notes: notes) }
            caller = session(of: role, in: account, sessionName: sessionName, from: caller, notes: &notes)
        }
        let last = evaluate(
            caller, kind: .request, action: question.action, resource: question.resource, question: question, extra: [:],
            notes: &notes)
        steps.append(last)
        return AccessAnswer(outcome: last.outcome, steps: steps, notes: notes)
    }

    static func checkAction(_ action: String) throws(AccessError) {
        let parts = action.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty, !action.utf8.contains(UInt8(ascii: " ")) else {
            throw AccessError(
                "invalid-action", "'\(action)' is not an action", hint: "write it as service:Operation, e.g. s3:PutObject")
        }
        // A misspelt action would be decided anyway (and allowed through `iam:*`): refuse it instead.
        if let problem = PolicyCatalogCheck.check(action: action) {
            throw AccessError(problem.code, problem.summary, hint: problem.hint)
        }
    }

    static func checkResource(_ resource: String) throws(AccessError) {
        guard resource != "*" else { return }
        guard ARN(resource) != nil else {
            throw AccessError(
                "invalid-arn", "'\(resource)' is not a resource ARN",
                hint: "give an ARN like arn:aws:s3:::bucket/key or arn:aws:iam::123456789012:role/NAME, or * for any resource")
        }
    }

    /// Role session names: 2 to 64 of `[A-Za-z0-9_+=,.@-]`.
    /// https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html
    static func checkSessionName(_ name: String) throws(AccessError) -> String {
        guard (2...64).contains(name.utf8.count), name.utf8.allSatisfy({ sessionNameBytes.contains($0) }) else {
            throw AccessError(
                "invalid-session-name", "'\(name)' is not a valid role session name",
                hint: "use 2 to 64 letters, digits or _+=,.@- (pass --session-name)")
        }
        return name
    }

    /// The bytes a role session name may hold (all ASCII, so a name's length in bytes is its length).
    private static let sessionNameBytes = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_+=,.@-".utf8)
}
