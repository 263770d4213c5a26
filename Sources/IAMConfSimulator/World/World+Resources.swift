import Foundation

extension World {
    /// A customer managed policy with its versions.
    public struct ManagedPolicy: Sendable, Hashable, Codable {
        public var name: String
        public var path: String
        public var arn: String
        /// `ANPA…`
        public var uniqueID: String
        public var createDate: Date
        public var updateDate: Date
        public var description: String?
        public var tags: [StoredTag] = []
        /// Oldest first.
        public var versions: [PolicyVersion]
        public var defaultVersionID: String
        /// The number the next version gets (`v6` after five, even when some were deleted, as in IAM).
        public var nextVersionNumber: Int
        /// Users, groups and roles it is attached to.
        public var attachmentCount: Int = 0
        /// Users and roles using it as a permissions boundary.
        public var permissionsBoundaryUsageCount: Int = 0

        /// The document of the default version.
        public var defaultDocument: String {
            versions.first { $0.versionID == defaultVersionID }?.document ?? ""
        }
    }

    public struct PolicyVersion: Sendable, Hashable, Codable {
        public var versionID: String
        public var document: String
        public var createDate: Date
    }

    /// An instance profile: a container for (at most) one role.
    public struct InstanceProfile: Sendable, Hashable, Codable {
        public var name: String
        public var path: String
        public var arn: String
        /// `AIPA…`
        public var uniqueID: String
        public var createDate: Date
        public var tags: [StoredTag] = []
        /// Role names as created.
        public var roles: [String] = []
    }

    /// An OpenID Connect identity provider. IAM stores the URL without its `https://` scheme.
    public struct OIDCProvider: Sendable, Hashable, Codable {
        public var arn: String
        public var url: String
        public var clientIDs: [String]
        public var thumbprints: [String]
        public var tags: [StoredTag] = []
        public var createDate: Date
    }

    /// A SAML 2.0 identity provider.
    public struct SAMLProvider: Sendable, Hashable, Codable {
        public var name: String
        public var arn: String
        public var metadataDocument: String
        public var tags: [StoredTag] = []
        public var createDate: Date
    }

    /// A simulated S3 bucket: a name, an owner and an optional bucket policy.
    public struct Bucket: Sendable, Hashable, Codable {
        public var name: String
        public var arn: String { "arn:aws:s3:::\(name)" }
        public var createDate: Date
        public var policy: String?

        private enum CodingKeys: String, CodingKey { case name, createDate, policy }
    }
}
