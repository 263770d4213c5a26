import Foundation

/// Where each service is reached: IAM (the configured endpoint), STS and S3.
///
/// A mock such as moto serves all three at one URL. Real AWS does not: IAM is
/// `https://iam.amazonaws.com`, STS `https://sts.<region>.amazonaws.com` and S3
/// `https://s3.<region>.amazonaws.com` (https://docs.aws.amazon.com/general/latest/gr/rande.html),
/// so for an `*.amazonaws.com` endpoint the other two are derived unless given.
public struct ServiceEndpoints: Sendable, Hashable {
    public var iam: URL
    public var sts: URL
    public var s3: URL

    public init(iam: URL, sts: URL, s3: URL) {
        self.iam = iam
        self.sts = sts
        self.s3 = s3
    }

    /// Derives STS and S3 for an AWS endpoint; anything else serves all three itself.
    public static func derived(from iam: URL, region: String) -> ServiceEndpoints {
        guard let host = iam.host?.lowercased(), host.hasSuffix(".amazonaws.com") || host.hasSuffix(".amazonaws.com.cn"),
            let sts = URL(string: "https://sts.\(region).\(suffix(of: host))"),
            let s3 = URL(string: "https://s3.\(region).\(suffix(of: host))")
        else { return ServiceEndpoints(iam: iam, sts: iam, s3: iam) }
        return ServiceEndpoints(iam: iam, sts: sts, s3: s3)
    }

    private static func suffix(of host: String) -> String {
        host.hasSuffix(".amazonaws.com.cn") ? "amazonaws.com.cn" : "amazonaws.com"
    }
}
