import IAMConfBackend
import IAMConfCore
import IAMConfState

/// The account's password policy. UpdateAccountPasswordPolicy sets it whole, so a create and an
/// update are the same call; a setting the configuration leaves unset takes IAM's default.
struct PasswordPolicyKind: ResourceKind {
    var type: ResourceType { .passwordPolicy }
    var terraformType: String { "aws_iam_account_password_policy" }
    var replacingAttributes: Set<String> { [] }
    var importIDForm: String { "the account id (111111111111)" }
    var unsetMeansDefault: Bool { true }

    static let numbers = ["minimum_password_length", "max_password_age", "password_reuse_prevention"]
    static let flags = [
        "require_symbols", "require_numbers", "require_uppercase_characters", "require_lowercase_characters",
        "allow_users_to_change_password", "hard_expiry",
    ]

    func create(_ r: Resource, _ calls: BackendCalls) async throws(BackendError) -> IAMResponse {
        try await calls.send(.updateAccountPasswordPolicy(Self.policy(r.attributes)), r.accountID)
    }

    func update(_ before: ResourceState, to after: Resource, changed: Set<String>, _ calls: BackendCalls) async throws(BackendError) -> Assigned {
        _ = try await create(after, calls)
        return Assigned()
    }

    func delete(_ before: ResourceState, _ calls: BackendCalls) async throws(BackendError) {
        try await calls.sendDeleting(.deleteAccountPasswordPolicy, before.accountID)
    }

    /// GetAccountPasswordPolicy's answer in the planner's keys; a key the backend did not report is unset.
    func read(_ key: ObjectKey, _ calls: BackendCalls) async throws(BackendError) -> LiveObject? {
        guard let a = try await calls.get(.getAccountPasswordPolicy, key) else { return nil }
        var attributes: [String: JSONValue] = [:]
        for name in Self.numbers { attributes[name] = a.int(name).map { .number(String($0)) } ?? .null }
        for name in Self.flags { attributes[name] = a.bool(name).map(JSONValue.bool) ?? .null }
        return LiveObject(attributes: attributes, unreported: a.unreported)
    }

    static func policy(_ a: [String: JSONValue]) -> PasswordPolicy {
        var p = PasswordPolicy()
        func bool(_ key: String) -> Bool? { if case let .bool(b)? = a[key] { return b } else { return nil } }
        p.minimumPasswordLength = Values.int(a["minimum_password_length"])
        p.requireSymbols = bool("require_symbols")
        p.requireNumbers = bool("require_numbers")
        p.requireUppercaseCharacters = bool("require_uppercase_characters")
        p.requireLowercaseCharacters = bool("require_lowercase_characters")
        p.allowUsersToChangePassword = bool("allow_users_to_change_password")
        p.maxPasswordAge = Values.int(a["max_password_age"])
        p.passwordReusePrevention = Values.int(a["password_reuse_prevention"])
        p.hardExpiry = bool("hard_expiry")
        return p
    }

    func importID(of resource: Resource) -> String { resource.accountID }

    func key(forImportID id: String, in resource: Resource) throws(ImportError) -> ObjectKey {
        ObjectKey(accountID: resource.accountID, attributes: [:])
    }
}

extension ResourceType {
    public static let passwordPolicy = ResourceType(rawValue: "password_policy")
}
