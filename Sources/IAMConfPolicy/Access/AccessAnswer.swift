import IAMConfCore

/// The answer to an `AccessQuestion`: the final outcome and every request made on the way.
///
/// A role chain is a series of `sts:AssumeRole` requests followed by the request asked about;
/// the walk stops at the first refused hop, so the last step is the one that decided.
public struct AccessAnswer: Sendable, Hashable {
    public var outcome: Decision.Outcome
    public var steps: [AccessStep]
    /// Things worth knowing that are not reasons (an S3 bucket the configuration does not define,
    /// a policy document that could not be read and was left out).
    public var notes: [String]

    public init(outcome: Decision.Outcome, steps: [AccessStep], notes: [String] = []) {
        self.outcome = outcome
        self.steps = steps
        self.notes = notes
    }

    public var isAllowed: Bool { outcome == .allowed }

    /// The step that decided a denial (the refused hop or the final request).
    public var decidingStep: AccessStep? { steps.last }

    /// `ALLOWED`, `DENIED (explicit deny)` or `DENIED (implicit deny: no policy allows ACTION on RESOURCE)`.
    public var headline: String {
        switch outcome {
        case .allowed: return "ALLOWED"
        case .explicitDeny: return "DENIED (explicit deny)"
        case .implicitDeny:
            guard let step = decidingStep else { return "DENIED (implicit deny)" }
            if let target = step.serviceControl?.refusingTargets.first {
                return "DENIED (implicit deny: no service control policy attached to \(target) allows \(step.action))"
            }
            return "DENIED (implicit deny: no policy allows \(step.action) on \(step.resource))"
        }
    }
}

/// One request of a chain: an `sts:AssumeRole` hop or the final request.
public struct AccessStep: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case assumeRole, request
    }

    /// Which half of a request refused it.
    public enum Side: String, Sendable, Hashable {
        /// The caller's identity policies (with its permissions boundary and session policies).
        case identity
        /// The resource-based policy: the role's trust policy or the bucket policy.
        case resourcePolicy
        /// The service control policies of the caller's organization.
        case serviceControlPolicies
    }

    /// What one side says on its own, and the statements behind it.
    public struct Verdict: Sendable, Hashable {
        public var isAllowed: Bool
        /// The statements behind the verdict: Allow statements when allowed, Deny statements when
        /// it denies explicitly, none for an implicit deny.
        public var reasons: [AccessReason]
        public var isExplicitDeny: Bool
        /// For a refusal: Allow statements that name this request but whose Condition is not met.
        public var unmetConditions: [AccessReason]

        public init(isAllowed: Bool, reasons: [AccessReason], isExplicitDeny: Bool = false, unmetConditions: [AccessReason] = []) {
            self.isAllowed = isAllowed
            self.reasons = reasons
            self.isExplicitDeny = isExplicitDeny
            self.unmetConditions = unmetConditions
        }
    }

    public var kind: Kind
    /// The caller as the question named it (an address when the configuration has one), except a
    /// service-linked role, named by its ARN as AWS names it.
    public var callerName: String
    /// The caller's ARN: the user, the root, or `arn:aws:sts::ACCT:assumed-role/ROLE/SESSION`.
    public var callerARN: String
    public var action: String
    public var resource: String
    /// The account that owns the resource; nil when it is the caller's own or unknown.
    public var resourceAccount: String?
    /// The resource policy that took part (`target.role.S3Access trust policy`), if any.
    public var resourcePolicyName: String?
    /// For an assume-role hop, the role's address or ARN as named in the question.
    public var roleName: String?
    public var outcome: Decision.Outcome
    /// The statements behind the outcome (see `Decision.matchedStatements`).
    public var reasons: [AccessReason]
    public var identitySide: Verdict
    /// False for callers outside IAM (services, identity providers) and the account root, whose
    /// requests no identity policy decides; `identitySide` is then not shown.
    public var hasIdentitySide: Bool
    /// Nil when no resource policy applies.
    public var resourceSide: Verdict?
    /// Whether the permissions boundary allows the action; nil when the caller has none.
    public var isAllowedByPermissionsBoundary: Bool?
    /// The caller's permissions boundary, by name (empty when it has none).
    public var permissionsBoundaryNames: [String]
    /// For a denial, the sides that refused.
    public var refusedBy: [Side]
    /// Condition keys the applicable statements used that the context lacks.
    public var missingContextKeys: [String]
    /// The request context the step was evaluated with.
    public var context: [RequestContext.Entry]
    /// The documented rule that decided the step when its statements alone do not explain it
    /// (`Decision.rule`): a trust or key policy that must allow explicitly, a NotPrincipal deny.
    public var rule: DecisionRule? = nil
    /// What the caller's SCPs say; nil when none apply.
    public var serviceControl: ServiceControlVerdict? = nil

    public var isCrossAccount: Bool { resourceAccount != nil && resourceAccount != ARN(callerARN)?.account }
}

/// One statement that took part in a decision, named the way the configuration names it.
public struct AccessReason: Sendable, Hashable {
    /// `source.user.alice.inline[AllowAssume]`, `target.policy.X`, `AWS managed AmazonS3FullAccess`,
    /// `target.role.S3Access trust policy`, `bucket shared-reports policy`.
    public var policyName: String
    /// Through what the policy applies, when not obvious (`group developers`, `permissions boundary`).
    public var via: String?
    public var role: PolicyType
    public var statementIndex: Int
    public var sid: String?
    public var effect: Effect
    /// Where the statement is written; nil for AWS managed policies and the applied world.
    public var location: SourceLocation?

    public init(
        policyName: String, via: String? = nil, role: PolicyType, statementIndex: Int, sid: String?, effect: Effect,
        location: SourceLocation?
    ) {
        self.policyName = policyName
        self.via = via
        self.role = role
        self.statementIndex = statementIndex
        self.sid = sid
        self.effect = effect
        self.location = location
    }

    /// `statement 0 (Sid AllowAssume)` or `statement 2`.
    public var statementLabel: String {
        sid.map { "statement \(statementIndex) (Sid \($0))" } ?? "statement \(statementIndex)"
    }
}
