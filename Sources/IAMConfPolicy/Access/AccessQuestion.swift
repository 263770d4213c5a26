import IAMConfCore

/// One access question: may this principal, after assuming these roles, perform this action on
/// this resource?
///
/// Principals and roles are named the way the configuration names them: an address
/// (`source.user.alice`, `target.role.S3Access`, `source.root`) or an ARN (user, role, assumed-role
/// session or account root). Nothing here is resolved yet; `AccessAnalyzer` does that and reports
/// unknown names as `AccessError`s.
public struct AccessQuestion: Sendable, Hashable {
    public var principal: String
    /// Roles assumed in order (a role chain), each by address or role ARN.
    public var assume: [String]
    public var action: String
    public var resource: String
    /// Context values that replace the ones iamconf builds (and add keys it cannot know, such as
    /// `aws:SourceIp` or `sts:ExternalId`); they apply to every request of the chain.
    public var context: [String: [String]]
    /// The caller signed in with MFA: `aws:MultiFactorAuthPresent` is `true` for the caller and for
    /// every role session created from it.
    public var isMFAAuthenticated: Bool
    /// The role session name; nil means the caller's user name, or `iamconf-check`.
    public var sessionName: String?
    /// Session policies of the principal's own session (`AssumeRole`'s `Policy`): they limit what
    /// that session may do, never what roles it assumes later may do. Ignored unless the principal
    /// is a role session.
    public var sessionPolicies: [JSONValue] = []

    public init(
        principal: String, assume: [String] = [], action: String, resource: String,
        context: [String: [String]] = [:], isMFAAuthenticated: Bool = false, sessionName: String? = nil
    ) {
        self.principal = principal
        self.assume = assume
        self.action = action
        self.resource = resource
        self.context = context
        self.isMFAAuthenticated = isMFAAuthenticated
        self.sessionName = sessionName
    }
}

/// A question that cannot be asked: an unknown principal or role, or a malformed name.
///
/// Distinct from a denial: the configuration simply does not contain what the question names.
public struct AccessError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable kebab-case code (`unknown-principal`, `unknown-role`, `invalid-arn`, `invalid-address`).
    public var code: String
    public var message: String
    /// How to fix the question (the nearest existing names, the expected shape).
    public var hint: String?

    public init(_ code: String, _ message: String, hint: String? = nil) {
        self.code = code
        self.message = message
        self.hint = hint
    }

    public var description: String { hint.map { "\(message)\n  hint: \($0)" } ?? message }
}
