import IAMConfPolicy

/// One line of the decision log: who asked for what, what was decided, and why.
///
/// `LabServer` hands each record to its `Options.log` (the caller writes them, one JSON line per
/// record, beside the world: `jsonLine()`); the server itself does no I/O.
public struct DecisionRecord: Sendable, Hashable, Codable {
    public enum Outcome: String, Sendable, Hashable, Codable {
        /// Authorized by the policy engine, or an action AWS authorizes without a policy
        /// (GetCallerIdentity) or the lab's management credential.
        case allowed
        /// Refused by the policy engine (implicitly or by an explicit deny).
        case denied
        /// The signature, key, token or time did not check out: nothing was decided.
        case unauthenticated
    }

    /// A deciding statement: how the configuration names it, and where it is written.
    public struct Statement: Sendable, Hashable, Codable {
        /// `source.user.alice.inline[Reports] statement 1 (DenyDeletes)`.
        public var text: String
        /// `config/source.yaml:12:13`: the configuration file, line and column the statement starts
        /// at; nil for AWS managed policies and documents changed through the endpoint since serve
        /// started (the configuration no longer says what they are).
        public var at: String?

        public init(text: String, at: String? = nil) {
            self.text = text
            self.at = at
        }

        /// Logs written before statements had locations hold plain strings: read them as text.
        public init(from decoder: any Decoder) throws {
            if let text = try? decoder.singleValueContainer().decode(String.self) {
                self.init(text: text)
                return
            }
            let container = try decoder.container(keyedBy: CodingKeys.self)
            self.init(text: try container.decode(String.self, forKey: .text), at: try container.decodeIfPresent(String.self, forKey: .at))
        }
    }

    /// ISO 8601, UTC, whole seconds.
    public var time: String
    /// The signer's ARN; nil when the request could not be authenticated.
    public var caller: String?
    /// `sts:AssumeRole`, `iam:ListUsers`, `s3:GetObject`; for an unauthenticated request, what it
    /// asked for as far as it can be read (`Action=` or the HTTP method and path).
    public var action: String
    public var resource: String
    public var outcome: Outcome
    /// The error code answered (`AccessDenied`, `SignatureDoesNotMatch`, …), or how an allowed call
    /// was allowed when no policy decided it.
    public var code: String?
    /// The deciding statements.
    public var statements: [Statement]
    /// Condition keys the policies asked for that the request did not carry.
    public var missingContextKeys: [String]
    public var sourceIP: String

    public init(
        time: String, caller: String?, action: String, resource: String, outcome: Outcome, code: String? = nil,
        statements: [Statement] = [], missingContextKeys: [String] = [], sourceIP: String
    ) {
        self.time = time
        self.caller = caller
        self.action = action
        self.resource = resource
        self.outcome = outcome
        self.code = code
        self.statements = statements
        self.missingContextKeys = missingContextKeys
        self.sourceIP = sourceIP
    }

    /// The statements an answer's deciding step names (Allow statements for an allow, Deny ones
    /// for an explicit deny; for an implicit deny, the Allows whose conditions were not met).
    static func statements(of step: AccessStep?) -> [Statement] {
        guard let step else { return [] }
        var reasons = step.reasons
        if reasons.isEmpty {
            reasons = step.identitySide.unmetConditions + (step.resourceSide?.unmetConditions ?? [])
        }
        return reasons.map { reason in
            var text = "\(reason.policyName) statement \(reason.statementIndex)"
            if let sid = reason.sid { text += " (\(sid))" }
            return Statement(text: text, at: reason.location?.description)
        }
    }
}
