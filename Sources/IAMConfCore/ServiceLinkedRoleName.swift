/// The name a service gives its service-linked role: `AWSServiceRoleFor<Service>[_suffix]`
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/using-service-linked-roles.html). Shared by the
/// simulator, which names the roles it creates, and the engine, which finds one to adopt.
public enum ServiceLinkedRoleName {
    /// The names AWS gives some well-known services' roles; others get their first label capitalised.
    static let serviceRoleNames: [String: String] = [
        "autoscaling.amazonaws.com": "AutoScaling",
        "elasticloadbalancing.amazonaws.com": "ElasticLoadBalancing",
        "ecs.amazonaws.com": "ECS",
        "eks.amazonaws.com": "AmazonEKS",
        "rds.amazonaws.com": "RDS",
        "organizations.amazonaws.com": "Organizations",
        "support.amazonaws.com": "Support",
        "trustedadvisor.amazonaws.com": "TrustedAdvisor",
        "elasticbeanstalk.amazonaws.com": "ElasticBeanstalk",
        "spot.amazonaws.com": "EC2Spot",
        "config.amazonaws.com": "Config",
        "guardduty.amazonaws.com": "AmazonGuardDuty",
        "sso.amazonaws.com": "SSO",
        "cloudtrail.amazonaws.com": "CloudTrail",
        "ssm.amazonaws.com": "AmazonSSM",
        "elasticache.amazonaws.com": "ElastiCache",
        "opensearchservice.amazonaws.com": "AmazonOpenSearchService",
    ]

    public static func of(service: String, suffix: String?) -> String {
        let label = String(service.split(separator: ".").first ?? "")
        let base = serviceRoleNames[service] ?? label.prefix(1).uppercased() + label.dropFirst()
        return "AWSServiceRoleFor" + base + (suffix.map { "_" + $0 } ?? "")
    }
}
