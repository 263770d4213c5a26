import IAMConfCore
import IAMConfBackend

/// IAM refuses a trust policy whose `AWS` principal names a user or role that does not exist:
/// it turns each such ARN into the entity's unique ID when the policy is saved, so the entity
/// must be there. (`MalformedPolicyDocument: Invalid principal in policy: "AWS":"ARN"`.)
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-roles
///
/// Only accounts this simulator holds can be checked; a principal in any other account is taken
/// as valid, as it may exist in an account iamconf does not manage. Account principals (`root`,
/// a bare account id), services, federated providers and session ARNs are not looked up.
enum TrustPrincipalCheck {
    static func check(_ document: String, account lookup: (String) -> World.Account?) throws(BackendError) {
        guard let parsed = try? JSONParser.parse(document) else { return }  // the grammar check reports it
        let statements = parsed["Statement"]?.arrayValue ?? [parsed["Statement"]].compactMap { $0 }
        for statement in statements {
            let value = statement["Principal"]?["AWS"]
            let principals = value?.arrayValue?.compactMap(\.stringValue) ?? [value?.stringValue].compactMap { $0 }
            for principal in principals where !exists(principal, account: lookup) {
                throw IAMErrors.malformed("Invalid principal in policy: \"AWS\":\"\(principal)\"")
            }
        }
    }

    /// False only for a user or role ARN in a held account that has no such entity (path included).
    private static func exists(_ principal: String, account lookup: (String) -> World.Account?) -> Bool {
        guard !principal.contains("*"), let arn = ARN(principal), arn.service == "iam",
              let account = lookup(arn.account) else { return true }
        let resource = arn.resource
        let kind = resource.prefix { $0 != "/" }
        guard kind == "user" || kind == "role", resource.count > kind.count + 1 else { return true }
        let pathAndName = resource.dropFirst(kind.count)
        let name = String(pathAndName.split(separator: "/", omittingEmptySubsequences: false).last ?? "")
        let path = String(pathAndName.dropLast(name.count))
        let found = kind == "user"
            ? account.user(named: name).map { $0.path == path }
            : account.role(named: name).map { $0.path == path }
        return found ?? false
    }
}
