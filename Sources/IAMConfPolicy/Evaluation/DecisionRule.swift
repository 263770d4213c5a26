/// A documented evaluation rule that decided a request against what the matched statements alone
/// suggest, so that explanations can name it rather than say "no statement allows it".
///
/// Set only when the rule changed the outcome: an identity side that allowed but a key policy that
/// did not, a NotPrincipal deny that reached a principal it lists.
public enum DecisionRule: String, Sendable, Hashable, CaseIterable {
    /// Within one account a role trust policy is not optional: it must name the caller, its role or
    /// its account; identity policies alone cannot assume a role.
    /// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
    case trustPolicyMustAllow
    /// A principal named in a role trust policy still needs its permissions boundary to allow
    /// `sts:AssumeRole*`.
    /// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_update-role-trust-policy.html
    case trustPolicyGrantLimitedByBoundary
    /// A KMS key policy must allow the caller, or its account (the default key policy's statement that
    /// enables IAM policies), before identity policies grant anything on the key.
    /// https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html
    case keyPolicyMustAllow
    /// A Deny with NotPrincipal applies to every user or role that has a permissions boundary,
    /// whatever NotPrincipal lists.
    /// https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html
    case notPrincipalDeniesBoundedPrincipals
    /// NotPrincipal naming an account exempts the account principal only, not its users and roles.
    /// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html
    case notPrincipalAccountExemptsOnlyTheAccount

    /// The rule in words, for `check`, `simulate` and `Decision.description`.
    public var explanation: String {
        switch self {
        case .trustPolicyMustAllow:
            return "a role trust policy must allow the principal explicitly (identity policies alone cannot assume a role)"
        case .trustPolicyGrantLimitedByBoundary:
            return "a principal named in a role trust policy still needs its permissions boundary to allow the action"
        case .keyPolicyMustAllow:
            return "a KMS key policy must allow the principal or its account explicitly (without it, IAM policies grant nothing on the key)"
        case .notPrincipalDeniesBoundedPrincipals:
            return "a Deny with NotPrincipal denies every principal that has a permissions boundary, whatever NotPrincipal lists"
        case .notPrincipalAccountExemptsOnlyTheAccount:
            return "NotPrincipal naming an account exempts only the account principal, not the users and roles in it"
        }
    }
}
