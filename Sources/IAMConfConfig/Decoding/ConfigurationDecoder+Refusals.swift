import IAMConfCore
import IAMConfPolicy

/// Which apply-time refusals apply to a document being read: its kind, and for a bucket policy
/// the bucket it belongs to.
struct PolicyRefusals {
    var kind: PolicyKind
    var bucket: String?
    /// The size quota the document counts against, for lint's size check (the rules in `Quotas`).
    var sizeQuota: Int? = nil
}

extension ConfigurationDecoder {
    /// The refusals IAM or S3 would give this document at apply, as problems with paths.
    func refusalDiagnostics(_ document: JSONValue, _ refusals: PolicyRefusals) -> [Diagnostic] {
        switch refusals.kind {
        case .trust:
            return PolicyRefusalRules.trust(document) + unknownTrustPrincipals(document)
        default:
            if let bucket = refusals.bucket { return PolicyRefusalRules.bucket(document, bucket: bucket) }
            return refusals.kind == .resource ? PolicyRefusalRules.notPrincipalWithAllow(document) : []
        }
    }

    /// IAM stores a trusted user or role as its unique id, so it refuses a trust policy naming one
    /// that does not exist ("Invalid principal in policy"). Only accounts of this configuration
    /// can be checked; a user or role ARN in one of them must name a configured entity.
    /// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-roles
    func unknownTrustPrincipals(_ document: JSONValue) -> [Diagnostic] {
        var found: [Diagnostic] = []
        let statements: [(JSONValue, String)]
        switch document["Statement"] {
        case let .array(items)?: statements = items.enumerated().map { ($0.element, "Statement[\($0.offset)]") }
        case let statement?: statements = [(statement, "Statement")]
        case nil: statements = []
        }
        for (statement, path) in statements {
            let principals: [(String, String)]
            switch statement["Principal"]?["AWS"] {
            case let .string(text)?: principals = [(text, "\(path).Principal.AWS")]
            case let .array(items)?:
                principals = items.enumerated().compactMap { index, item in item.stringValue.map { ($0, "\(path).Principal.AWS[\(index)]") } }
            default: principals = []
            }
            for (principal, principalPath) in principals where !isKnownPrincipal(principal) {
                found.append(.error("unknown-principal", "'\(principal)' names no user or role of this configuration",
                                    hint: "IAM refuses a trust policy naming a user or role that does not exist; check the name and path, or write a reference such as ${accounts.NAME.roles.ROLE.arn}",
                                    path: principalPath))
            }
        }
        return found
    }

    private func isKnownPrincipal(_ principal: String) -> Bool {
        guard !principal.contains("*"), let arn = ARN(principal), arn.service == "iam", let account = symbols.account(id: arn.account) else { return true }
        let type = arn.resource.prefix { $0 != "/" }
        guard let kind = ["user": EntityKind.users, "role": .roles][String(type)] else { return true }
        let name = String(arn.resource.split(separator: "/", omittingEmptySubsequences: false).last ?? "")
        return account.table(kind).entry(named: name)?.arn == principal
    }
}
