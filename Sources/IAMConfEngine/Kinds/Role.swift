import IAMConfBackend
import IAMConfCore
import IAMConfState

/// An IAM role. UpdateRole changes the description and session duration but cannot move a role
/// to another path, so the path forces a replacement
/// (https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateRole.html); the trust policy
/// changes in place through UpdateAssumeRolePolicy.
struct RoleKind: ResourceKind {
    var type: ResourceType { .role }
    var terraformType: String { "aws_iam_role" }
    var replacingAttributes: Set<String> { ["name", "path"] }
    var documentAttributes: Set<String> { ["assume_role_policy"] }
    var outputs: Set<String> { ["arn", "unique_id", "create_date"] }
    var knownAfterApply: [String] { ["arn", "unique_id"] }
    var uniqueNameAttribute: String? { "name" }
    var importIDForm: String { "the role name (S3Access)" }

    func reappliedAttribute(whenReplaced replaced: Address) -> String? {
        if replaced.kind == .policy { return "permissions_boundary" }
        return replaced.kind == .user || replaced.kind == .identityProvider || replaced.kind == .role ? "assume_role_policy" : nil
    }

    func create(_ r: Resource, _ calls: BackendCalls) async throws(BackendError) -> IAMResponse {
        try await calls.send(
            .createRole(
                name: r.string("name") ?? "", path: r.string("path") ?? "/", trustPolicy: Values.text(r.attributes["assume_role_policy"]),
                description: r.string("description"), maxSessionDuration: Values.int(r.attributes["max_session_duration"]) ?? 3600,
                tags: Values.tags(r.attributes["tags"]), permissionsBoundary: r.string("permissions_boundary")),
            r.accountID)
    }

    func update(_ before: ResourceState, to after: Resource, changed: Set<String>, _ calls: BackendCalls) async throws(BackendError) -> Assigned {
        let name = after.string("name") ?? ""
        let account = after.accountID
        if !changed.isDisjoint(with: ["description", "max_session_duration"]) {
            _ = try await calls.send(
                .updateRole(
                    name: name, description: after.string("description") ?? "",
                    maxSessionDuration: Values.int(after.attributes["max_session_duration"]) ?? 3600),
                account)
        }
        if changed.contains("assume_role_policy") {
            _ = try await calls.send(
                .updateAssumeRolePolicy(roleName: name, policyDocument: Values.text(after.attributes["assume_role_policy"])), account)
        }
        if changed.contains("tags") {
            try await calls.retag(before, after, tag: { .tagRole(name: name, tags: $0) }, untag: { .untagRole(name: name, keys: $0) })
        }
        if changed.contains("permissions_boundary") {
            if let arn = after.string("permissions_boundary") {
                _ = try await calls.send(.putRolePermissionsBoundary(name: name, policyARN: arn), account)
            } else {
                try await calls.sendDeleting(.deleteRolePermissionsBoundary(name: name), account)
            }
        }
        return Assigned()
    }

    func delete(_ before: ResourceState, _ calls: BackendCalls) async throws(BackendError) {
        try await calls.sendDeleting(.deleteRole(name: before.attributes["name"]?.stringValue ?? ""), before.accountID)
    }

    /// GetRole's trust policy: the simulator calls it `trust_policy`; `assume_role_policy` is the
    /// state's name, accepted too so a backend may use either.
    func read(_ key: ObjectKey, _ calls: BackendCalls) async throws(BackendError) -> LiveObject? {
        guard let a = try await calls.get(.getRole(name: key.s("name")), key) else { return nil }
        let duration = a.int("max_session_duration").map { JSONValue.number(String($0)) } ?? .null
        return LiveObject(
            attributes: [
                "name": a.text("name"), "path": a.text("path"), "description": a.nonEmptyText("description"),
                "max_session_duration": duration, "tags": a.tags("tags"),
                "permissions_boundary": a.nonEmptyText("permissions_boundary"),
                "assume_role_policy": Values.document(a.string("assume_role_policy") ?? a.string("trust_policy")),
            ],
            outputs: a.identifiers, unreported: a.unreported)
    }

    /// The role with a trust policy that names no role: it denies the role's own account and allows
    /// nobody, so the role is usable by no one until its own trust replaces it.
    static func withPlaceholderTrust(_ role: Resource) -> Resource {
        var placeholder = role
        placeholder.attributes["assume_role_policy"] = .object([
            ("Version", .string("2012-10-17")),
            ("Statement", .array([.object([
                ("Effect", .string("Deny")), ("Principal", .object([("AWS", .string("arn:aws:iam::\(role.accountID):root"))])),
                ("Action", .string("sts:AssumeRole")),
            ])])),
        ])
        return placeholder
    }

    func importID(of resource: Resource) -> String { resource.string("name") ?? "" }

    func key(forImportID id: String, in resource: Resource) throws(ImportError) -> ObjectKey {
        ObjectKey(accountID: resource.accountID, attributes: ["name": .string(try ImportIDs.trimmed(id, resource, form: importIDForm))])
    }
}

extension ResourceType {
    public static let role = ResourceType(rawValue: "role")
}
