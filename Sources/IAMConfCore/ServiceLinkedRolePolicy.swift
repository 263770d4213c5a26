/// The permissions AWS gives a service-linked role: the service's AWS managed policy under
/// `/aws-service-role/`, which AWS attaches when it creates the role and which no other identity
/// may have ("that permissions policy cannot be attached to any other IAM entity",
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/using-service-linked-roles.html).
///
/// Shared by the simulator, which attaches the policy on CreateServiceLinkedRole, and the access
/// analysis, which gives a configured service-linked role the same permissions. A service missing
/// from the table still gets its role; iamconf then says it does not know the role's permissions.
public enum ServiceLinkedRolePolicy {
    /// Where AWS keeps the service-linked role policies.
    public static let arnPrefix = "arn:aws:iam::aws:policy/aws-service-role/"

    /// Service principal -> the policy name its service-linked role (`AWSServiceRoleFor…`) gets,
    /// each as the service's own service-linked role page names it.
    static let policyNames: [String: String] = [
        // https://docs.aws.amazon.com/autoscaling/ec2/userguide/autoscaling-service-linked-role.html
        "autoscaling.amazonaws.com": "AutoScalingServiceRolePolicy",
        // https://docs.aws.amazon.com/elasticloadbalancing/latest/userguide/elb-service-linked-roles.html
        "elasticloadbalancing.amazonaws.com": "AWSElasticLoadBalancingServiceRolePolicy",
        // https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using-service-linked-roles.html
        "ecs.amazonaws.com": "AmazonECSServiceRolePolicy",
        // https://docs.aws.amazon.com/eks/latest/userguide/using-service-linked-roles-eks.html
        "eks.amazonaws.com": "AmazonEKSServiceRolePolicy",
        // https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.IAM.ServiceLinkedRoles.html
        "rds.amazonaws.com": "AmazonRDSServiceRolePolicy",
        // https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSEC2SpotServiceRolePolicy.html
        // (AWSServiceRoleForEC2Spot; Amazon EC2 User Guide, "Service-linked role for Spot Instance requests")
        "spot.amazonaws.com": "AWSEC2SpotServiceRolePolicy",
        // https://docs.aws.amazon.com/config/latest/developerguide/using-service-linked-roles.html
        "config.amazonaws.com": "AWSConfigServiceRolePolicy",
        // https://docs.aws.amazon.com/organizations/latest/userguide/orgs_integrate_services.html and
        // https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSOrganizationsServiceTrustPolicy.html
        "organizations.amazonaws.com": "AWSOrganizationsServiceTrustPolicy",
        // https://docs.aws.amazon.com/awssupport/latest/user/using-service-linked-roles-sup.html
        "support.amazonaws.com": "AWSSupportServiceRolePolicy",
        // https://docs.aws.amazon.com/awssupport/latest/user/using-service-linked-roles-ta.html
        "trustedadvisor.amazonaws.com": "AWSTrustedAdvisorServiceRolePolicy",
        // https://docs.aws.amazon.com/systems-manager/latest/userguide/using-service-linked-roles-service-action-1.html
        "ssm.amazonaws.com": "AmazonSSMServiceRolePolicy",
        // https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/IAM.IdentityBasedPolicies.PredefinedPolicies.html
        "elasticache.amazonaws.com": "ElastiCacheServiceRolePolicy",
        // https://docs.aws.amazon.com/guardduty/latest/ug/slr-permissions.html
        "guardduty.amazonaws.com": "AmazonGuardDutyServiceRolePolicy",
    ]

    /// The ARN of the policy AWS attaches to `service`'s service-linked role, or nil when iamconf
    /// does not know it (the role's permissions are then unknown, not empty).
    public static func arn(forService service: String) -> String? {
        policyNames[service].map { arnPrefix + $0 }
    }

    /// Every ARN of the table, for a simulator that must know them to attach them.
    public static var allARNs: [String] { policyNames.values.sorted().map { arnPrefix + $0 } }

    /// Whether an ARN is a service-linked role policy, which IAM attaches only to its service's
    /// role: attaching one to a user, group or role, or as a permissions boundary, is refused
    /// (PolicyNotAttachable, "service role policies can only be attached to the service-linked
    /// role for that service", https://docs.aws.amazon.com/IAM/latest/APIReference/API_AttachRolePolicy.html).
    public static func isServiceRolePolicy(_ arn: String) -> Bool { arn.hasPrefix(arnPrefix) }
}
