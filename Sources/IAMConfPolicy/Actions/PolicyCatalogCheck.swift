import IAMConfCore

/// Checks a policy's names against the action catalog: every service prefix, action, action
/// pattern and condition key must be one AWS knows.
///
/// IAM itself stores a policy with `s3:GetObjekt` and then never matches it: the statement silently
/// grants nothing (or, in a `NotAction`, far more than meant). Access Analyzer's policy validation
/// reports such names; so does `iamconf validate`, before anything is applied. Kept apart from the
/// grammar because IAM accepts these documents: the simulator, which must answer as IAM does, does
/// not run this check.
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html
public enum PolicyCatalogCheck {
    /// Every unknown name in the document, each with a `path` (`Statement[0].Action[1]`) and a
    /// did-you-mean hint where a near name exists.
    public static func diagnostics(for document: JSONValue, catalog: ActionCatalog = .shared) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for (statement, path) in statements(of: document) {
            for element in ["Action", "NotAction"] {
                for (action, actionPath) in strings(statement[element], path: "\(path).\(element)") {
                    if let problem = check(action: action, catalog: catalog) {
                        found.append(.error(problem.code, problem.summary, hint: problem.hint, path: actionPath))
                    }
                }
            }
            for (operatorName, block) in statement["Condition"]?.objectValue ?? [] {
                for (key, _) in block.objectValue ?? [] where !key.isEmpty {
                    if let problem = check(conditionKey: key, catalog: catalog) {
                        found.append(.error(problem.code, problem.summary, hint: problem.hint, path: "\(path).Condition.\(operatorName).\(key)"))
                    }
                }
            }
        }
        return found
    }

    /// What is wrong with one action or action pattern, or nil when the catalog knows it.
    public static func check(action: String, catalog: ActionCatalog = .shared) -> Problem? {
        if action == "*" { return nil }
        let key = "a" + action
        if let known = catalog.verdicts.withLock({ $0[key] }) { return known }
        let problem = uncachedCheck(action: action, catalog: catalog)
        catalog.verdicts.withLock { $0[key] = problem }
        return problem
    }

    private static func uncachedCheck(action: String, catalog: ActionCatalog) -> Problem? {
        guard let colon = action.firstIndex(of: ":") else { return nil }  // the grammar reports the shape
        let prefix = String(action[..<colon])
        let isPattern = action.contains("*") || action.contains("?")
        let prefixIsPattern = prefix.contains("*") || prefix.contains("?")
        if !prefixIsPattern, catalog.service(prefix) == nil {
            let near = catalog.suggestion(forService: prefix)
            return Problem(
                code: "policy-action-unknown-service", summary: "'\(prefix)' in '\(action)' is not an AWS service prefix",
                hint: near.map { "did you mean '\($0)'? (\($0)\(action[colon...]))" }
                    ?? "use a service prefix from AWS's Service Authorization Reference, such as s3, iam or ec2")
        }
        if catalog.actions(matching: action).isEmpty {
            if isPattern {
                return Problem(
                    code: "policy-action-matches-nothing", summary: "'\(action)' matches no action",
                    hint: "no \(prefixIsPattern ? "" : "\(prefix) ")action fits this pattern; check the spelling (the catalog lists \(catalog.service(prefix)?.actions.count ?? 0) \(prefix) actions)")
            }
            let near = catalog.suggestion(forAction: action)
            let service = catalog.service(prefix)
            return Problem(
                code: "policy-action-unknown", summary: "'\(action)' is not an action of \(service?.name ?? prefix)",
                hint: near.map { "did you mean '\($0)'?" } ?? "see the actions of \(prefix) in AWS's Service Authorization Reference")
        }
        return nil
    }

    /// What is wrong with one condition key, or nil when it is known (or a provider's claim).
    public static func check(conditionKey key: String, catalog: ActionCatalog = .shared) -> Problem? {
        let memo = "k" + key
        if let known = catalog.verdicts.withLock({ $0[memo] }) { return known }
        let problem = uncachedCheck(conditionKey: key, catalog: catalog)
        catalog.verdicts.withLock { $0[memo] = problem }
        return problem
    }

    private static func uncachedCheck(conditionKey key: String, catalog: ActionCatalog) -> Problem? {
        if catalog.conditionKey(key) != nil || ActionCatalog.isProviderKey(key) { return nil }
        guard let colon = key.firstIndex(of: ":") else {
            return Problem(
                code: "policy-condition-key-unknown", summary: "'\(key)' is not a condition key",
                hint: "a condition key has a prefix: aws:username, s3:prefix, sts:ExternalId")
        }
        let prefix = key[..<colon].lowercased()
        let near = catalog.suggestion(forConditionKey: key)
        if prefix != "aws", catalog.service(prefix) == nil {
            return Problem(
                code: "policy-condition-key-unknown", summary: "'\(key)' is not a condition key: '\(key[..<colon])' is not a service prefix",
                hint: near.map { "did you mean '\($0)'?" } ?? "use a global key (aws:...) or a key of the action's service")
        }
        return Problem(
            code: "policy-condition-key-unknown", summary: "'\(key)' is not a condition key \(prefix == "aws" ? "(global keys are listed in the IAM User Guide)" : "of \(catalog.service(prefix)?.name ?? String(prefix))")",
            hint: near.map { "did you mean '\($0)'?" } ?? "see the condition keys of \(prefix) in AWS's Service Authorization Reference")
    }

    public struct Problem: Sendable, Hashable {
        public var code: String
        public var summary: String
        public var hint: String
    }

    private static func statements(of document: JSONValue) -> [(JSONValue, String)] {
        switch document["Statement"] {
        case let .array(items)?: return items.enumerated().map { ($1, "Statement[\($0)]") }
        case let value?: return [(value, "Statement")]
        case nil: return []
        }
    }

    private static func strings(_ value: JSONValue?, path: String) -> [(String, String)] {
        switch value {
        case let .string(text)?: return [(text, path)]
        case let .array(items)?: return items.enumerated().compactMap { index, item in item.stringValue.map { ($0, "\(path)[\(index)]") } }
        default: return []
        }
    }
}
