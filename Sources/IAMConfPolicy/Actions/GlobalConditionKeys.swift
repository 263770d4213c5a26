/// The global condition keys (`aws:`), with their types, from the IAM User Guide's
/// "AWS global condition context keys" page. The Service Authorization Reference lists only the
/// three tag keys among a service's keys, so the others are kept here.
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
enum GlobalConditionKeys {
    static let all: [ConditionKeyInfo] = [
        // Properties of the principal
        key("aws:PrincipalArn", .arn),
        key("aws:PrincipalAccount", .string),
        key("aws:PrincipalOrgPaths", .arrayOfString),
        key("aws:PrincipalOrgID", .string),
        key("aws:PrincipalTag/${TagKey}", .string),
        key("aws:PrincipalIsAWSService", .bool),
        key("aws:PrincipalServiceName", .string),
        key("aws:PrincipalServiceNamesList", .arrayOfString),
        key("aws:PrincipalType", .string),
        key("aws:userid", .string),
        key("aws:username", .string),
        // Properties of a role session
        key("aws:AssumedRoot", .bool),
        key("aws:FederatedProvider", .string),
        key("aws:TokenIssueTime", .date),
        key("aws:MultiFactorAuthAge", .numeric),
        key("aws:MultiFactorAuthPresent", .bool),
        key("aws:ChatbotSourceArn", .arn),
        key("aws:Ec2InstanceSourceVpc", .string),
        key("aws:Ec2InstanceSourcePrivateIPv4", .ipAddress),
        key("aws:SourceIdentity", .string),
        // Properties of the network
        key("aws:SourceIp", .ipAddress),
        key("aws:SourceVpc", .string),
        key("aws:SourceVpcArn", .arn),
        key("aws:SourceVpce", .string),
        key("aws:VpcSourceIp", .ipAddress),
        key("aws:VpceAccount", .string),
        key("aws:VpceOrgID", .string),
        key("aws:VpceOrgPaths", .arrayOfString),
        // Properties of the resource
        key("aws:ResourceAccount", .string),
        key("aws:ResourceOrgID", .string),
        key("aws:ResourceOrgPaths", .arrayOfString),
        key("aws:ResourceTag/${TagKey}", .string),
        // Properties of the request
        key("aws:CalledVia", .arrayOfString),
        key("aws:CalledViaFirst", .string),
        key("aws:CalledViaLast", .string),
        key("aws:ViaAWSService", .bool),
        key("aws:CurrentTime", .date),
        key("aws:EpochTime", .date),
        key("aws:referer", .string),
        key("aws:RequestedRegion", .string),
        key("aws:RequestTag/${TagKey}", .string),
        key("aws:TagKeys", .arrayOfString),
        key("aws:SecureTransport", .bool),
        key("aws:SourceAccount", .string),
        key("aws:SourceArn", .arn),
        key("aws:SourceOrgID", .string),
        key("aws:SourceOrgPaths", .arrayOfString),
        key("aws:UserAgent", .string),
    ]

    /// The keys by lower-cased name, and the template keys by stem (`aws:principaltag/`).
    static let byName = Dictionary(all.filter { $0.templateStem == nil }.map { ($0.name.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })
    static let byStem = Dictionary(all.compactMap { key in key.templateStem.map { ($0, key) } }, uniquingKeysWith: { a, _ in a })

    private static func key(_ name: String, _ type: ConditionKeyType) -> ConditionKeyInfo {
        ConditionKeyInfo(name: name, type: type)
    }
}
