import IAMConfCore

/// An `iamconf simulate` request, shaped like the input of AWS's `iam simulate-custom-policy`.
///
/// Decoded from JSON by `SimulationRequest.decode`, evaluated by `Simulation.run`. The context is
/// exactly the given `ContextEntries`: nothing is derived from the caller.
/// https://docs.aws.amazon.com/IAM/latest/APIReference/API_SimulateCustomPolicy.html
public struct SimulationRequest: Sendable {
    /// `CallerArn` with `CallerRoleArn`; nil when the request names no caller.
    public var caller: Principal?
    public var identityPolicies: [SimulationPolicy]
    public var permissionsBoundaries: [SimulationPolicy]
    public var sessionPolicies: [SimulationPolicy]
    public var serviceControlPolicies: [SimulationPolicy]
    public var resourcePolicy: SimulationPolicy?
    /// `ResourceOwner` as an account ID.
    public var resourceOwner: String?
    public var actionNames: [String]
    /// `ResourceArns`, `["*"]` when not given.
    public var resourceARNs: [String]
    public var context: RequestContext
    /// Grammar warnings from the policies (a missing Version), by member.
    public var warnings: [Diagnostic]

    public init(
        caller: Principal? = nil, identityPolicies: [SimulationPolicy] = [], permissionsBoundaries: [SimulationPolicy] = [],
        sessionPolicies: [SimulationPolicy] = [], serviceControlPolicies: [SimulationPolicy] = [],
        resourcePolicy: SimulationPolicy? = nil, resourceOwner: String? = nil, actionNames: [String],
        resourceARNs: [String] = ["*"], context: RequestContext = RequestContext(), warnings: [Diagnostic] = []
    ) {
        self.caller = caller
        self.identityPolicies = identityPolicies
        self.permissionsBoundaries = permissionsBoundaries
        self.sessionPolicies = sessionPolicies
        self.serviceControlPolicies = serviceControlPolicies
        self.resourcePolicy = resourcePolicy
        self.resourceOwner = resourceOwner
        self.actionNames = actionNames
        self.resourceARNs = resourceARNs
        self.context = context
        self.warnings = warnings
    }
}

/// One input policy: its AWS-style id (`PolicyInputList.1`), its text and its compiled form.
public struct SimulationPolicy: Sendable {
    /// `PolicyInputList.1`, `PermissionsBoundaryPolicyInputList.1`, `ResourcePolicy`, ...
    public var id: String
    /// The value AWS puts in `SourcePolicyType`.
    public var sourceType: String
    public var compiled: CompiledPolicy
    /// Statement positions in the policy text (the string given, or the compact JSON of an object).
    public var spans: [StatementSpan]

    public init(id: String, sourceType: String, compiled: CompiledPolicy, spans: [StatementSpan]) {
        self.id = id
        self.sourceType = sourceType
        self.compiled = compiled
        self.spans = spans
    }
}

/// Bad simulate input: which member is wrong and why. `iamconf simulate` exits 1 with it.
public struct SimulationInputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The member path (`PolicyInputList[0]`, `ContextEntries[1].ContextKeyType`), or nil for the whole text.
    public var member: String?
    public var message: String

    /// Both parts may echo the request's text, so control characters are escaped (`\u{1B}`) here,
    /// once, rather than by every place that prints the error.
    public init(member: String?, message: String) {
        self.member = member.map { DiagnosticRenderer.printable($0) }
        self.message = DiagnosticRenderer.printable(message)
    }

    public var description: String { member.map { "\($0): \(message)" } ?? message }
}
