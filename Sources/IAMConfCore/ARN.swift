/// An Amazon Resource Name: `arn:partition:service:region:account:resource`.
///
/// Only the first five colons split; the resource part may itself contain colons and slashes.
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html
public struct ARN: Sendable, Hashable, CustomStringConvertible {
    public var partition: String
    public var service: String
    public var region: String
    public var account: String
    public var resource: String

    public init(partition: String = "aws", service: String, region: String = "", account: String, resource: String) {
        self.partition = partition
        self.service = service
        self.region = region
        self.account = account
        self.resource = resource
    }

    /// Nil unless the text has the `arn:` prefix and all six parts.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", !parts[1].isEmpty, !parts[2].isEmpty else { return nil }
        self.init(
            partition: String(parts[1]), service: String(parts[2]), region: String(parts[3]),
            account: String(parts[4]), resource: String(parts[5]))
    }

    public var description: String { "arn:\(partition):\(service):\(region):\(account):\(resource)" }

    /// An IAM entity ARN: `arn:aws:iam::ACCOUNT:TYPE/PATH/NAME`, with `path` beginning and ending in `/`.
    public static func iam(account: String, type: String, path: String = "/", name: String) -> ARN {
        ARN(service: "iam", account: account, resource: "\(type)\(path)\(name)")
    }

    /// The account's root principal, `arn:aws:iam::ACCOUNT:root`.
    public static func root(account: String) -> ARN {
        ARN(service: "iam", account: account, resource: "root")
    }
}
