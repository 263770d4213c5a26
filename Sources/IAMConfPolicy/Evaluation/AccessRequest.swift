/// One question for the engine: may this principal perform this action on this resource?
///
/// Carries every policy that applies, already compiled. Empty lists mean "this kind of policy does
/// not apply": no boundary set, no session policy passed, no SCPs in play. A non-empty list of
/// boundaries, session policies or SCPs must allow the action for the request to be allowed.
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
public struct AccessRequest: Sendable {
    public var principal: Principal
    /// `service:Operation`; compared without case.
    public var action: String
    /// The resource ARN (or `*`); compared with case.
    public var resource: String
    /// The account that owns the resource; nil means the principal's own account.
    public var resourceAccount: String?
    public var context: RequestContext
    /// Inline and managed policies of the user (and its groups) or of the role.
    public var identityPolicies: [CompiledPolicy]
    /// The permissions boundary (IAM allows one; several must each allow).
    public var permissionsBoundaries: [CompiledPolicy]
    /// Session policies passed when the role session was created.
    public var sessionPolicies: [CompiledPolicy]
    /// Service control policies, one inner list per level of the organization (root, OU, account);
    /// every level must allow. `simulate` puts all of its SCPs in one level.
    public var serviceControlPolicies: [[CompiledPolicy]]
    /// The resource-based policy: a bucket policy, or the role trust policy for `sts:AssumeRole*`.
    public var resourcePolicy: CompiledPolicy?

    public init(
        principal: Principal, action: String, resource: String, resourceAccount: String? = nil,
        context: RequestContext = RequestContext(), identityPolicies: [CompiledPolicy] = [],
        permissionsBoundaries: [CompiledPolicy] = [], sessionPolicies: [CompiledPolicy] = [],
        serviceControlPolicies: [[CompiledPolicy]] = [], resourcePolicy: CompiledPolicy? = nil
    ) {
        self.principal = principal
        self.action = action
        self.resource = resource
        self.resourceAccount = resourceAccount
        self.context = context
        self.identityPolicies = identityPolicies
        self.permissionsBoundaries = permissionsBoundaries
        self.sessionPolicies = sessionPolicies
        self.serviceControlPolicies = serviceControlPolicies
        self.resourcePolicy = resourcePolicy
    }

    /// Whether principal and resource live in different accounts (both sides must then allow).
    public var isCrossAccount: Bool {
        guard let owner = resourceAccount, let mine = principal.account else { return false }
        return owner != mine
    }
}
