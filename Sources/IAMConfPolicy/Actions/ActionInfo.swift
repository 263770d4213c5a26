/// One action of the Service Authorization Reference.
public struct ActionInfo: Sendable, Hashable {
    /// The service prefix (`s3`).
    public var service: String
    /// The action's name as AWS writes it (`GetObject`).
    public var name: String
    public var accessLevel: AccessLevel
    /// The resource types the action can be scoped to; empty when it supports only `"Resource": "*"`.
    public var resourceTypes: [ActionResourceType]
    /// The condition keys the action supports (its own and its resource types'), as AWS writes them.
    public var conditionKeys: [String]

    /// `s3:GetObject`.
    public var qualifiedName: String { "\(service):\(name)" }

    /// False when the action takes no resource ARN: a policy must give it `"Resource": "*"`.
    public var supportsResourceLevelPermissions: Bool { !resourceTypes.isEmpty }
}

/// A resource type an action can be scoped to, with the ARN format that names it.
public struct ActionResourceType: Sendable, Hashable {
    public var name: String
    /// `arn:${Partition}:s3:::${BucketName}/${ObjectName}`.
    public var arnFormat: String
    /// The reference marks it required (`object*`): the request always names a resource of this type.
    public var isRequired: Bool
}

/// One service of the catalog.
public struct ServiceInfo: Sendable {
    public var prefix: String
    public var name: String
    public var actions: [ActionInfo]
    public var conditionKeys: [ConditionKeyInfo]
    public var resourceTypes: [ActionResourceType]
}
