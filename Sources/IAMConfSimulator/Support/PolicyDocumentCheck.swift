import IAMConfCore
import IAMConfBackend
import IAMConfPolicy

/// The checks IAM makes before storing a policy document, yielding `MalformedPolicyDocument`.
///
/// JSON well-formedness here, then the policy engineer's grammar (`PolicyDocument.parse`), whose
/// first error is reported in IAM's words where IAM has fixed ones.
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
enum PolicyDocumentCheck {
    /// The size IAM counts against its quotas: characters except whitespace outside strings.
    /// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html#reference_iam-quotas-entity-length
    static func countedSize(_ text: String) -> Int {
        PolicySize.measure(text: text)
    }

    static func check(_ text: String, kind: PolicyKind) throws(BackendError) {
        let document: JSONValue
        do {
            document = try JSONParser.parse(text)
        } catch {
            throw IAMErrors.malformed("Syntax errors in policy.")
        }
        let diagnostics = PolicyDocument.parse(document, kind: kind).diagnostics
        if let problem = diagnostics.first(where: { $0.severity == .error }) {
            throw IAMErrors.malformed(message(for: problem))
        }
        if kind == .trust { try checkTrustActions(document) }
    }

    /// The STS actions a trust policy may name (a wildcard `sts:…*` is let through).
    static let trustActions: Set<String> = [
        "sts:assumerole", "sts:assumerolewithsaml", "sts:assumerolewithwebidentity", "sts:tagsession",
        "sts:setsourceidentity", "sts:setcontext",
    ]

    /// A trust policy grants only role assumption, so its actions must be STS assume-role actions.
    private static func checkTrustActions(_ document: JSONValue) throws(BackendError) {
        let statements = document["Statement"]?.arrayValue ?? [document["Statement"]].compactMap { $0 }
        for statement in statements {
            let value = statement["Action"] ?? statement["NotAction"]
            let actions = value?.arrayValue?.compactMap(\.stringValue) ?? [value?.stringValue].compactMap { $0 }
            for action in actions {
                let lowered = action.lowercased()
                let isAllowed = trustActions.contains(lowered) || (lowered.hasPrefix("sts:") && lowered.contains("*")) || lowered == "*"
                guard isAllowed else {
                    throw IAMErrors.malformed(
                        "Trust Policy statement actions can only be sts:AssumeRole, sts:AssumeRoleWithSAML,  and sts:AssumeRoleWithWebIdentity")
                }
            }
        }
    }

    /// IAM's message for the problem, or the grammar's summary with where it is.
    static func message(for problem: Diagnostic) -> String {
        switch problem.code {
        case "policy-principal-not-allowed": return "Policy document should not specify a principal."
        case "policy-action-missing": return "Policy statement must contain actions."
        case "policy-resource-missing": return "Policy statement must contain resources."
        case "policy-principal-missing": return "Missing required field Principal"
        case "policy-resource-not-allowed": return "Has prohibited field Resource"
        case "policy-version-invalid": return "The policy failed legacy parsing"
        case "policy-sid-duplicate": return "Statement IDs (SID) in a single policy must be unique."
        case "policy-action-invalid": return "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc."
        case "policy-resource-invalid": return "Resource \(quoted(problem.summary)) must be in ARN format or \"*\"."
        default:
            let place = problem.path.map { " (\($0))" } ?? ""
            return "Syntax errors in policy. \(problem.summary)\(place)"
        }
    }

    /// The value the grammar quoted first in its summary (`'foo' is not an ARN` -> `foo`).
    private static func quoted(_ summary: String) -> String {
        let parts = summary.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
        return parts.count == 3 ? String(parts[1]) : summary
    }
}
