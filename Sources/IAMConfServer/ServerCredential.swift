import Foundation
import IAMConfCore

/// Who signed a request, once its signature checked out: what AWS puts in the request context.
public struct CallerIdentity: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// An IAM user's long-term access key.
        case user
        /// A role session from `AssumeRole` (`arn:aws:sts::ACCT:assumed-role/ROLE/SESSION`).
        case roleSession(roleARN: String, roleName: String, sessionName: String)
        /// The lab's management credential that `iamconf serve` prints: no account of the world.
        case management
    }

    public var kind: Kind
    /// The user ARN, the assumed-role session ARN, or the management principal's ARN.
    public var arn: String
    /// The account the caller acts in.
    public var account: String
    /// `aws:userid` and GetCallerIdentity's `UserId`: `AIDA…`, or `AROA…:SESSION`.
    public var userID: String
    /// Signed in with MFA (a session created with a valid `TokenCode`).
    public var isMFAAuthenticated: Bool
    /// A role session's session policy (`AssumeRole`'s `Policy`), which limits what it may do.
    public var sessionPolicy: JSONValue?
    /// A role session's managed session policies (`AssumeRole`'s `PolicyArns`, their default
    /// versions' documents), which limit it together with `sessionPolicy`.
    public var managedSessionPolicies: [JSONValue] = []
    /// A role session's tags (`AssumeRole`'s `Tags`, and the transitive ones of the session it was
    /// assumed from): its `aws:PrincipalTag/*`, over the role's own tags of the same key.
    public var sessionTags: [Tag] = []
    /// The keys of `sessionTags` passed on to the sessions this one assumes (`TransitiveTagKeys`).
    public var transitiveTagKeys: [String] = []
    /// `aws:SourceIdentity` (`AssumeRole`'s `SourceIdentity`); kept by every session assumed from this one.
    public var sourceIdentity: String?

    public init(
        kind: Kind, arn: String, account: String, userID: String, isMFAAuthenticated: Bool = false, sessionPolicy: JSONValue? = nil
    ) {
        self.kind = kind
        self.arn = arn
        self.account = account
        self.userID = userID
        self.isMFAAuthenticated = isMFAAuthenticated
        self.sessionPolicy = sessionPolicy
    }

    /// The account id of the lab's management principal, outside every configured account.
    public static let managementAccount = "000000000000"

    /// The management principal (`arn:aws:iam::000000000000:user/iamconf-lab-admin`).
    public static let management = CallerIdentity(
        kind: .management, arn: "arn:aws:iam::\(managementAccount):user/iamconf-lab-admin", account: managementAccount,
        userID: "AIDAIAMCONFLABADMIN00")
}

/// An access key the server accepts, with the identity its signatures prove.
///
/// Secrets live only in memory here; long-term ones come from the state file, temporary ones
/// from `AssumeRole` and are forgotten when the server stops (as AWS's expire).
public struct ServerCredential: Sendable, Hashable {
    public var accessKeyID: String
    public var secretAccessKey: String
    /// Temporary credentials only: the token every request must carry (`X-Amz-Security-Token`).
    public var sessionToken: String?
    /// Temporary credentials only: after this, requests answer `ExpiredToken`.
    public var expiration: Date?
    public var identity: CallerIdentity

    public init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil, expiration: Date? = nil, identity: CallerIdentity) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
        self.expiration = expiration
        self.identity = identity
    }
}
