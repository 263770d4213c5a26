import IAMConfBackend
import IAMConfCore
import IAMConfState

/// The role in an instance profile. A profile holds one role, so a new role waits for the old
/// one to leave (the profile name is the unique slot), and adding the role again answers
/// LimitExceeded (InstanceSessionsPerInstanceProfile): the role may already be there.
struct InstanceProfileRoleKind: ResourceKind {
    var type: ResourceType { .instanceProfileRole }
    var terraformType: String { "iamconf_instance_profile_role" }
    var replacingAttributes: Set<String> { ["profile", "role"] }
    var uniqueNameAttribute: String? { "profile" }
    var importIDForm: String { "PROFILE/ROLE (web-server/WebServerRole)" }

    func alreadyExists(_ error: BackendError) -> Bool {
        error.code == .limitExceeded || error.code == .entityAlreadyExists
    }

    func create(_ r: Resource, _ calls: BackendCalls) async throws(BackendError) -> IAMResponse {
        try await calls.send(.addRoleToInstanceProfile(profileName: r.string("profile") ?? "", roleName: r.string("role") ?? ""), r.accountID)
    }

    func update(_ before: ResourceState, to after: Resource, changed: Set<String>, _ calls: BackendCalls) async throws(BackendError) -> Assigned {
        Assigned()
    }

    func delete(_ before: ResourceState, _ calls: BackendCalls) async throws(BackendError) {
        let key = ObjectKey(before)
        try await calls.sendDeleting(.removeRoleFromInstanceProfile(profileName: key.s("profile"), roleName: key.s("role")), before.accountID)
    }

    /// GetInstanceProfile's `roles`, or failing that GetRole's `instance_profiles`.
    func read(_ key: ObjectKey, _ calls: BackendCalls) async throws(BackendError) -> LiveObject? {
        let found: String?
        do {
            guard let a = try await calls.get(.getInstanceProfile(name: key.s("profile")), key) else { return nil }
            found = Values.member(key.s("role"), of: a.strings("roles"))
        } catch where error.code == .unsupported {
            guard let a = try await calls.get(.getRole(name: key.s("role")), key) else { return nil }
            found = Values.member(key.s("profile"), of: a.strings("instance_profiles")).map { _ in a.string("name") ?? key.s("role") }
        }
        guard let role = found else { return nil }
        return LiveObject(attributes: ["profile": .string(key.s("profile")), "role": .string(role)])
    }

    func importID(of resource: Resource) -> String { "\(resource.string("profile") ?? "")/\(resource.string("role") ?? "")" }

    func key(forImportID id: String, in resource: Resource) throws(ImportError) -> ObjectKey {
        let (profile, role) = try ImportIDs.pair(id, resource, form: importIDForm)
        return ObjectKey(accountID: resource.accountID, attributes: ["profile": .string(profile), "role": .string(role)])
    }
}

extension ResourceType {
    public static let instanceProfileRole = ResourceType(rawValue: "instance_profile_role")
}
