/// What iamconf calls administrator-equivalent access.
///
/// A principal is an administrator when the policy engine allows it the action `*` on the resource
/// `*`: only a statement allowing every action on every resource (as AWS's AdministratorAccess does)
/// matches that request, and the principal's boundary, denies and conditions apply as to any request.
/// A principal that can merely grant itself that (iam:PutUserPolicy on itself, say) is not one: it
/// has a one-step escalation path. PMapper counts those as administrators already; iamconf shows the
/// step, since that is what a reviewer must see.
public enum AdministratorEquivalence {
    public static let action = "*"
    public static let resource = "*"
    /// The policy an attacker would attach (`iam:PolicyARN` of the Attach* calls, the boundary of Put*PermissionsBoundary).
    public static let administratorPolicyARN = "arn:aws:iam::aws:policy/AdministratorAccess"
}
