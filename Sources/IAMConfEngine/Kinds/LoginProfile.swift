import IAMConfBackend
import IAMConfCore
import IAMConfState

/// A user's console password. iamconf never takes a password from YAML: the backend generates
/// one, and the state keeps it as a secret. A login profile that exists without iamconf knowing
/// its password (made by a killed apply, or by a create whose answer was lost) is repaired with
/// a new generated password, so there is never a console login nobody can use.
struct LoginProfileKind: ResourceKind {
    var type: ResourceType { .loginProfile }
    var terraformType: String { "aws_iam_user_login_profile" }
    var replacingAttributes: Set<String> { ["user"] }
    var outputs: Set<String> { ["create_date"] }
    var secrets: [String] { ["password"] }
    var importIDForm: String { "the user name (alice)" }
    /// Taking over a console login made by hand would mean resetting someone's password.
    var adoptsUnclaimed: Bool { false }

    func create(_ r: Resource, _ calls: BackendCalls) async throws(BackendError) -> IAMResponse {
        try await calls.send(.createLoginProfile(userName: r.string("user") ?? "", passwordResetRequired: Self.resetRequired(r)), r.accountID)
    }

    /// UpdateLoginProfile always sets a new password with the flag: an endpoint may drop a login
    /// profile updated without one (moto does), and a changed reset rule is when a new one is due.
    func update(_ before: ResourceState, to after: Resource, changed: Set<String>, _ calls: BackendCalls) async throws(BackendError) -> Assigned {
        let response = try await calls.send(
            .updateLoginProfile(userName: after.string("user") ?? "", passwordResetRequired: Self.resetRequired(after), newPassword: true),
            after.accountID)
        return Assigned(secrets: response.password.map { ["password": $0] } ?? [:])
    }

    func completeAdoption(_ resource: Resource, _ calls: BackendCalls) async throws(BackendError) -> IAMResponse? {
        try await calls.send(
            .updateLoginProfile(userName: resource.string("user") ?? "", passwordResetRequired: Self.resetRequired(resource), newPassword: true),
            resource.accountID)
    }

    func delete(_ before: ResourceState, _ calls: BackendCalls) async throws(BackendError) {
        try await calls.sendDeleting(.deleteLoginProfile(userName: ObjectKey(before).s("user")), before.accountID)
    }

    func read(_ key: ObjectKey, _ calls: BackendCalls) async throws(BackendError) -> LiveObject? {
        let user = key.s("user")
        guard let a = try await calls.get(.getLoginProfile(userName: user), orFromOwner: .getUser(name: user), key),
              a.bool("login_profile") != false
        else { return nil }
        return LiveObject(
            attributes: ["user": .string(a.string("user") ?? user), "password_reset_required": .bool(a.bool("password_reset_required") == true)],
            unreported: a.unreported)
    }

    static func resetRequired(_ r: Resource) -> Bool { r.attributes["password_reset_required"] == .bool(true) }

    func importID(of resource: Resource) -> String { resource.string("user") ?? "" }

    func key(forImportID id: String, in resource: Resource) throws(ImportError) -> ObjectKey {
        ObjectKey(accountID: resource.accountID, attributes: ["user": .string(try ImportIDs.trimmed(id, resource, form: importIDForm))])
    }
}

extension ResourceType {
    public static let loginProfile = ResourceType(rawValue: "login_profile")
}
