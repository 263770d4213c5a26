/// Objects in a customer's account that AWS owns: listed by IAM like the account's own, but never
/// iamconf's to report or delete.
///
/// - Service-linked roles live under `/aws-service-role/`; only the service may delete them
///   (https://docs.aws.amazon.com/IAM/latest/UserGuide/using-service-linked-roles.html).
/// - IAM Identity Center's roles live under `/aws-reserved/sso.amazonaws.com/` and "cannot be
///   modified or deleted" outside Identity Center
///   (https://docs.aws.amazon.com/singlesignon/latest/userguide/using-service-linked-roles.html).
/// - AWS managed policies have the account `aws` in their ARN (`arn:aws:iam::aws:policy/…`)
///   (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html).
public enum AWSOwned {
    /// Path prefixes under which AWS keeps the roles it makes.
    public static let rolePathPrefixes = ["/aws-service-role/", "/aws-reserved/"]

    /// Whether a role at `path` belongs to AWS (service-linked, or reserved for IAM Identity Center).
    public static func isRole(path: String) -> Bool {
        rolePathPrefixes.contains { path.hasPrefix($0) }
    }

    /// Whether a managed policy's ARN is AWS's (in any partition: `arn:aws-cn:iam::aws:policy/…`).
    public static func isPolicy(arn: String) -> Bool {
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        return parts.count == 6 && parts[2] == "iam" && parts[4] == "aws" && parts[5].hasPrefix("policy/")
    }
}
