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
    public let actions: [ActionInfo]
    public var conditionKeys: [ConditionKeyInfo]
    public var resourceTypes: [ActionResourceType]
    /// Action positions by lower-cased name.
    private let actionIndex: [String: Int]
    /// Condition keys by lower-cased name, and template keys by their stem (`aws:requesttag/`).
    private let keyIndex: [String: Int]
    private let stemIndex: [String: Int]

    public init(prefix: String, name: String, actions: [ActionInfo], conditionKeys: [ConditionKeyInfo], resourceTypes: [ActionResourceType]) {
        self.prefix = prefix
        self.name = name
        self.actions = actions
        self.conditionKeys = conditionKeys
        self.resourceTypes = resourceTypes
        self.actionIndex = Dictionary(actions.enumerated().map { ($1.name.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
        var keys: [String: Int] = [:]
        var stems: [String: Int] = [:]
        for (index, key) in conditionKeys.enumerated() {
            if let stem = key.templateStem { stems[stem] = stems[stem] ?? index } else { keys[key.name.lowercased()] = keys[key.name.lowercased()] ?? index }
        }
        self.keyIndex = keys
        self.stemIndex = stems
    }

    /// The condition key with this lower-cased name, or the template whose stem (`aws:requesttag/`) it has.
    func conditionKey(lowercased name: String, stem: String?) -> ConditionKeyInfo? {
        if let index = keyIndex[name] { return conditionKeys[index] }
        return stem.flatMap { stemIndex[$0] }.map { conditionKeys[$0] }
    }

    /// The action with this name (any case).
    public func action(named name: some StringProtocol) -> ActionInfo? {
        actionIndex[name.lowercased()].map { actions[$0] }
    }
}
