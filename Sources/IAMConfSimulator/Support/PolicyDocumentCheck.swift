import IAMConfCore
import IAMConfEngine
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
        guard let problem = diagnostics.first(where: { $0.severity == .error }) else { return }
        throw IAMErrors.malformed(message(for: problem))
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
        default:
            let place = problem.path.map { " (\($0))" } ?? ""
            return "Syntax errors in policy. \(problem.summary)\(place)"
        }
    }
}
