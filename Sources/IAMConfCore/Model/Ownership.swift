/// Whose objects an account holds besides the configuration's (`ownership:` of an account).
///
/// Terraform manages only what its configuration declares; users of terraform-provider-aws asked
/// for years for "exclusive" attachments that remove what others added by hand. iamconf offers both
/// per account: `additive` reports the undeclared objects, `exclusive` plans their removal.
/// AWS-owned objects (`AWSOwned`) are never reported nor removed either way.
public enum Ownership: String, Sendable, Hashable, CaseIterable {
    /// Objects the configuration does not declare are reported, not changed (the default).
    case additive
    /// Objects the configuration does not declare are deleted by the plan ("not in the configuration").
    case exclusive
}
