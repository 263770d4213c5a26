import Foundation
import IAMConfCore

/// What a backend reports back from a call: the identifiers IAM assigned, and for reads the object.
///
/// Only the members that the action produces are set. Secrets (`secretAccessKey`, `password`) are
/// kept only in the state file and printed only on `--show-secrets`.
public struct IAMResponse: Sendable, Hashable {
    public var arn: String?
    /// IAM's unique id (`AIDA…`, `AGPA…`, `AROA…`, `ANPA…`, `AIPA…`).
    public var uniqueID: String?
    public var createDate: Date?
    /// A managed policy's default version after the call (`v1`, `v2`, …).
    public var defaultVersionID: String?
    /// `ListPolicyVersions`: every version id, oldest first, with whether it is the default.
    public var versions: [PolicyVersionSummary]?
    public var accessKeyID: String?
    public var secretAccessKey: String?
    /// A generated console password (CreateLoginProfile in iamconf never takes one from YAML).
    public var password: String?
    /// A virtual MFA device's Base32 seed (`Base32StringSeed`), a secret like the others.
    public var mfaSeed: String?
    /// Name of an entity created under a name chosen by the service (service-linked roles).
    public var name: String?
    /// For reads (`get*`, `list*`): the object's attributes, named as the planner names them and
    /// typed, so no reader parses text a backend wrote: lists are arrays of strings, maps and tags
    /// are objects of strings (tags in the order the backend lists them), flags are booleans,
    /// counts and durations are numbers, names and dates (ISO 8601, UTC, whole seconds) are strings.
    ///
    /// A policy document stays a string: the text IAM stores and returns (URL-encoded on the wire,
    /// https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetRolePolicy.html, decoded by the
    /// backend), not JSON a backend serialised. Parsing it is the reader's, which also decides what
    /// an unparsable document means.
    public var attributes: [String: JSONValue]?
    /// For reads: attributes this backend never reports (an endpoint that does not implement them),
    /// so their value is unknown rather than unset. The engine keeps the state's value and says so;
    /// it is not drift.
    public var unreported: Set<String>

    public init(
        arn: String? = nil, uniqueID: String? = nil, createDate: Date? = nil, defaultVersionID: String? = nil,
        versions: [PolicyVersionSummary]? = nil, accessKeyID: String? = nil, secretAccessKey: String? = nil,
        password: String? = nil, name: String? = nil, attributes: [String: JSONValue]? = nil, unreported: Set<String> = [],
        mfaSeed: String? = nil
    ) {
        self.mfaSeed = mfaSeed
        self.arn = arn
        self.uniqueID = uniqueID
        self.createDate = createDate
        self.defaultVersionID = defaultVersionID
        self.versions = versions
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.password = password
        self.name = name
        self.attributes = attributes
        self.unreported = unreported
    }
}

public struct PolicyVersionSummary: Sendable, Hashable {
    public var versionID: String
    public var isDefault: Bool
    public var createDate: Date?

    public init(versionID: String, isDefault: Bool, createDate: Date? = nil) {
        self.versionID = versionID
        self.isDefault = isDefault
        self.createDate = createDate
    }
}
