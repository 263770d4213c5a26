import IAMConfBackend
import IAMConfCore

/// Policy documents the cases use.
public enum ConformanceDocuments {
    public static let allowS3Read =
        #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::example/*"}]}"#
    public static let allowS3List =
        #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:ListBucket"],"Resource":["arn:aws:s3:::example"]}]}"#
    public static let trustEC2 =
        #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#
    public static let trustLambda =
        #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#

    /// Documents IAM rejects with `MalformedPolicyDocument`, by what is wrong with them.
    public static let malformed: [(String, String)] = [
        ("not JSON", "this is not json"),
        ("no Statement", #"{"Version":"2012-10-17"}"#),
        ("bad Effect", #"{"Version":"2012-10-17","Statement":[{"Effect":"Maybe","Action":"s3:*","Resource":"*"}]}"#),
        ("no Action", #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Resource":"*"}]}"#),
        ("no Resource", #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*"}]}"#),
        ("unknown Version", #"{"Version":"2020-01-01","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}"#),
    ]

    /// A valid policy of more than 6,144 non-whitespace characters.
    public static var oversized: String {
        let actions = (0..<400).map { "\"s3:GetObject\($0)\"" }.joined(separator: ",")
        return #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["#
            + actions + #"],"Resource":"*"}]}"#
    }

    public static let samlMetadata: String = {
        let padding = String(repeating: "<md:Extension>padding</md:Extension>", count: 30)
        return #"<?xml version="1.0"?><md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.example.com/saml"><md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"><md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.example.com/sso"/></md:IDPSSODescriptor>"#
            + padding + "</md:EntityDescriptor>"
    }()

    public static let readOnlyAccess = "arn:aws:iam::aws:policy/ReadOnlyAccess"
    public static let iamReadOnlyAccess = "arn:aws:iam::aws:policy/IAMReadOnlyAccess"
    public static let unknownAWSPolicy = "arn:aws:iam::aws:policy/NoSuchPolicyIAMConfTest"
}

/// Response checks shared by the cases; each returns a failure description or nil.
public enum ConformanceChecks {
    public static func arn(_ expected: @escaping @Sendable (ConformanceContext) -> String)
        -> @Sendable (IAMResponse, ConformanceContext) -> String?
    {
        { response, context in
            let want = expected(context)
            return response.arn == want ? nil : "expected ARN \(want), got \(response.arn ?? "none")"
        }
    }

    public static func uniqueID(prefix: String) -> @Sendable (IAMResponse, ConformanceContext) -> String? {
        { response, _ in
            guard let id = response.uniqueID else { return "no unique id returned" }
            return id.hasPrefix(prefix) && id.count == 21 ? nil : "unique id \(id) is not \(prefix) + 17 characters"
        }
    }

    /// The read's attribute `key` is `expected` with its type: `.string("7200")` is not `.number("7200")`.
    public static func attribute(_ key: String, _ expected: @escaping @Sendable (ConformanceContext) -> JSONValue?)
        -> @Sendable (IAMResponse, ConformanceContext) -> String?
    {
        { response, context in
            let want = expected(context)
            let got = response.attributes?[key]
            return got == want ? nil : "attribute \(key): expected \(describe(want)), got \(describe(got))"
        }
    }

    private static func describe(_ value: JSONValue?) -> String {
        guard let value else { return "absent" }
        return value.compactText()
    }

    /// All of the checks, the first failure wins.
    public static func all(_ checks: (@Sendable (IAMResponse, ConformanceContext) -> String?)...)
        -> @Sendable (IAMResponse, ConformanceContext) -> String?
    {
        let list = checks
        return { response, context in list.lazy.compactMap { $0(response, context) }.first }
    }
}

/// Why moto_server (the `endpoint` backend in tests) differs from AWS, from
/// /work/shared/notes/moto-endpoint.md section 4 and moto's iam/models.py.
public enum MotoDeviation {
    public static let caseSensitiveNames = "moto compares IAM names case-sensitively; AWS rejects `Bob` when `bob` exists"
    public static let deleteGroupUnchecked = "moto lets DeleteGroup through while the group has members or policies"
    public static let deleteUserUnchecked =
        "moto's DeleteUser succeeds with group memberships, a login profile or access keys"
    public static let noUserBoundaries = "moto drops user permissions boundaries; Put/DeleteUserPermissionsBoundary are not implemented"
    public static let trustNotValidated = "moto's CreateRole does not validate the trust policy"
    public static let sessionDurationUnchecked = "moto does not range-check MaxSessionDuration"
    public static let policyNamePerPath = "moto makes a policy name unique per path, not per account"
    public static let deletePolicyUnchecked = "moto's DeletePolicy succeeds while attached or with extra versions"
    public static let sizeUnchecked = "moto does not enforce the 6,144-character managed policy size quota"
    public static let noIdentityLimits = "moto enforces neither 10 groups per user nor 10 managed policies per identity"
    public static let renameDropsTags = "moto's UpdateUser with NewUserName (or NewPath) drops all the user's tags; AWS keeps them"
    public static let renameOverTakenName =
        "moto's UpdateUser with NewUserName succeeds when the new name is taken (the other user is overwritten); AWS: EntityAlreadyExists"
    public static let principalAccepted = "moto accepts a Principal in an identity policy"
    public static let loginProfileUpdate =
        "moto's UpdateLoginProfile without Password deletes the login profile and ignores PasswordResetRequired"
    public static let samlOverwrite = "moto silently overwrites a SAML provider with a duplicate name"
    public static let serviceLinkedRoles =
        "moto answers EntityAlreadyExists for a taken service-linked role name, lets DeleteRole delete one, and attaches no policy to it"
    public static let accountUnchecked = "moto validates neither alias format nor password-policy ranges"
    public static let namesUnchecked = "moto does not validate entity names or paths"
    public static let randomIDs = "moto's unique ids are 20 random characters, not AIDA/AGPA/ANPA/AIPA + 17"
    public static let tagKeysCaseSensitive = "moto accepts tag keys that differ only in case (AWS: InvalidInput)"
    public static let mfaUnchecked =
        "moto's EnableMFADevice neither checks that the device exists nor its codes, and its DeleteVirtualMFADevice and DeleteUser succeed while the device is enabled"
    public static let aliasDeleteUnchecked = "moto's DeleteAccountAlias succeeds for an alias that is not set (AWS: NoSuchEntity)"
    public static let tagsCountedPerCall = "moto checks the 50-tag limit per TagUser call, not per user"
    public static let noBuckets = "the IAM endpoint has no simulated S3 buckets (Unsupported)"
}

/// The shapes reads answer in (see `IAMResponse.attributes`), spelled briefly for the cases.
extension JSONValue {
    /// A list of names or ARNs.
    static func list(_ items: String...) -> JSONValue { .array(items.map(JSONValue.string)) }

    /// Tags (or another map of strings) in the order given.
    static func tags(_ pairs: KeyValuePairs<String, String>) -> JSONValue {
        .object(pairs.map { (key: $0.key, value: .string($0.value)) })
    }
}
