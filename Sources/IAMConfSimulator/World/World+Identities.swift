import Foundation

extension World {
    /// An IAM user and everything hanging off it.
    public struct User: Sendable, Hashable, Codable {
        public var name: String
        public var path: String
        public var arn: String
        /// `AIDA…`
        public var uniqueID: String
        public var createDate: Date
        public var tags: [StoredTag] = []
        public var permissionsBoundary: String?
        /// Group names as created, in the order the user joined them.
        public var groups: [String] = []
        /// Managed policy ARNs, in attachment order.
        public var attachedPolicies: [String] = []
        /// Inline policy documents by policy name.
        public var inlinePolicies: [String: String] = [:]
        public var loginProfile: LoginProfile?
        public var accessKeys: [AccessKey] = []
        /// The virtual MFA device enabled for the user (its seed is never stored).
        public var mfaDevice: MFADevice?
    }

    /// A virtual MFA device enabled for a user.
    public struct MFADevice: Sendable, Hashable, Codable {
        /// `arn:aws:iam::ACCOUNT:mfa/NAME`
        public var serial: String
        public var enableDate: Date
    }

    /// A virtual MFA device of the account, enabled or not (the user it is enabled for names it in
    /// `User.mfaDevice`). Its seed is handed out once by CreateVirtualMFADevice and not kept, as an
    /// access key's secret is not: whoever verifies codes (serve) is given the seeds.
    public struct VirtualMFADevice: Sendable, Hashable, Codable {
        /// `arn:aws:iam::ACCOUNT:mfaPATHNAME`
        public var serial: String
        public var createDate: Date
    }

    /// Console access. The password itself is never stored (IAM keeps only a hash; we keep nothing).
    public struct LoginProfile: Sendable, Hashable, Codable {
        public var createDate: Date
        public var passwordResetRequired: Bool
    }

    /// An access key's public half. The secret is returned once by CreateAccessKey and not kept.
    public struct AccessKey: Sendable, Hashable, Codable {
        /// `AKIA…`
        public var id: String
        public var status: String
        public var createDate: Date
    }

    /// An IAM group and its members.
    public struct Group: Sendable, Hashable, Codable {
        public var name: String
        public var path: String
        public var arn: String
        /// `AGPA…`
        public var uniqueID: String
        public var createDate: Date
        /// Member user names as created, in the order they joined.
        public var members: [String] = []
        public var attachedPolicies: [String] = []
        public var inlinePolicies: [String: String] = [:]
    }

    /// An IAM role (including service-linked roles, which AWS owns).
    public struct Role: Sendable, Hashable, Codable {
        public var name: String
        public var path: String
        public var arn: String
        /// `AROA…`
        public var uniqueID: String
        public var createDate: Date
        /// The trust policy exactly as given.
        public var trustPolicy: String
        public var description: String?
        public var maxSessionDuration: Int
        public var tags: [StoredTag] = []
        public var permissionsBoundary: String?
        public var attachedPolicies: [String] = []
        public var inlinePolicies: [String: String] = [:]
        /// Instance profile names this role is in.
        public var instanceProfiles: [String] = []
        /// Set for a service-linked role: the service principal that owns it (`autoscaling.amazonaws.com`).
        public var linkedService: String?

        public var isServiceLinked: Bool { linkedService != nil }
    }
}
