import IAMConfCore

/// IAM Access Analyzer's finding types, as `ValidatePolicy` names them.
///
/// ERROR: a part of the policy does not work. SECURITY_WARNING: the policy allows access AWS
/// considers overly permissive. WARNING: it does not follow policy-writing best practice.
/// SUGGESTION: a stylistic improvement that does not change access.
/// https://docs.aws.amazon.com/access-analyzer/latest/APIReference/API_ValidatePolicyFinding.html
public enum FindingType: String, Sendable, Hashable, CaseIterable {
    case error = "ERROR"
    case securityWarning = "SECURITY_WARNING"
    case warning = "WARNING"
    case suggestion = "SUGGESTION"

    /// 3 for ERROR down to 0 for SUGGESTION: `--fail-on` compares these.
    public var severity: Int {
        switch self {
        case .error: 3
        case .securityWarning: 2
        case .warning: 1
        case .suggestion: 0
        }
    }

    /// True when this type is as severe as `threshold` or more.
    public func isAtLeast(_ threshold: FindingType) -> Bool { severity >= threshold.severity }

    /// The spelling on the command line and in the configuration: `error`, `security_warning`, ...
    public var optionName: String { rawValue.lowercased() }

    public init?(optionName: String) {
        self.init(rawValue: optionName.uppercased())
    }

    /// The word AWS's reference puts in a check's anchor (`general-warning` for WARNING).
    var anchorWord: String {
        switch self {
        case .error: "error"
        case .securityWarning: "security-warning"
        case .warning: "general-warning"
        case .suggestion: "suggestion"
        }
    }
}

/// One finding of `iamconf lint`: an issue of a policy document with where it is.
///
/// The linter fills `path` (`Statement[1].Action[0]`); the layer that knows the file attaches
/// `location` and the resource `address`, as for `Diagnostic`.
public struct PolicyFinding: Sendable, Hashable {
    public var issue: PolicyIssue
    /// What is wrong here and how to fix it, naming the values involved.
    public var details: String
    /// Where in the document (`Statement[0].Condition.StringEquals.aws:SourceIp`); empty for the whole document.
    public var path: String
    /// With a path that ends at a key, whether the finding is about the value written there.
    public var isAboutValue: Bool
    public var address: String?
    public var location: SourceLocation?

    public init(_ issue: PolicyIssue, _ details: String, path: String, isAboutValue: Bool = false) {
        self.issue = issue
        self.details = details
        self.path = path
        self.isAboutValue = isAboutValue
    }

    public var issueCode: String { issue.code }
    public var findingType: FindingType { issue.type }
    public var learnMoreLink: String { issue.learnMoreLink }
}
