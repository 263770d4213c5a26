import IAMConfBackend
import IAMConfCore
import IAMConfState

/// A service control policy attached to the root, a unit or a member account
/// (`organization.scp.DenyWrites.attachment[ou/Data]`). Both attributes name the relationship,
/// so any change is a replacement (detach, attach). A repeated attach answers
/// DuplicatePolicyAttachmentException, which is "already there".
/// https://docs.aws.amazon.com/organizations/latest/APIReference/API_AttachPolicy.html
struct SCPAttachmentKind: ResourceKind {
    var type: ResourceType { .scpAttachment }
    var terraformType: String { "aws_organizations_policy_attachment" }
    var replacingAttributes: Set<String> { ["policy", "target"] }
    var importIDForm: String { "TARGET/POLICY (ou/Data/DenyWrites, root/DenyWrites, account/111111111111/DenyWrites)" }

    func create(_ r: Resource, _ calls: BackendCalls) async throws(BackendError) -> IAMResponse {
        try await calls.send(.attachServiceControlPolicy(name: r.string("policy") ?? "", target: Self.target(r.attributes)), r.accountID)
    }

    func update(_ before: ResourceState, to after: Resource, changed: Set<String>, _ calls: BackendCalls) async throws(BackendError) -> Assigned {
        Assigned()
    }

    /// A target being deleted with the attachment may refuse to lose its last SCP; AWS detaches
    /// everything from a unit or account that goes, so that refusal is no error here.
    func delete(_ before: ResourceState, _ calls: BackendCalls) async throws(BackendError) {
        do {
            try await calls.sendDeleting(
                .detachServiceControlPolicy(name: ObjectKey(before).s("policy"), target: Self.target(before.attributes)), before.accountID)
        } catch where error.rawCode == "ConstraintViolationException" {
            _ = try await calls.send(.attachServiceControlPolicy(name: ServiceControlPolicy.fullAWSAccessName, target: Self.target(before.attributes)), before.accountID)
            try await calls.sendDeleting(
                .detachServiceControlPolicy(name: ObjectKey(before).s("policy"), target: Self.target(before.attributes)), before.accountID)
        }
    }

    /// Attached when the target's list of SCPs holds the policy.
    func read(_ key: ObjectKey, _ calls: BackendCalls) async throws(BackendError) -> LiveObject? {
        let name = key.s("policy")
        guard let a = try await calls.get(.listServiceControlPoliciesForTarget(target: Self.target(key.attributes)), key),
              a.strings("policies").contains(name) else { return nil }
        return LiveObject(attributes: ["policy": .string(name), "target": .string(key.s("target"))])
    }

    static func target(_ attributes: [String: JSONValue]) -> OrganizationTarget {
        OrganizationTarget(parsing: attributes["target"]?.stringValue ?? "") ?? .root
    }

    func importID(of resource: Resource) -> String { "\(resource.string("target") ?? "")/\(resource.string("policy") ?? "")" }

    func key(forImportID id: String, in resource: Resource) throws(ImportError) -> ObjectKey {
        let text = try ImportIDs.trimmed(id, resource, form: importIDForm)
        guard let slash = text.lastIndex(of: "/"), OrganizationTarget(parsing: String(text[..<slash])) != nil else {
            throw ImportError(.badID, "'\(id)' is not \(importIDForm)")
        }
        return ObjectKey(
            accountID: resource.accountID,
            attributes: ["target": .string(String(text[..<slash])), "policy": .string(String(text[text.index(after: slash)...]))])
    }
}

extension ResourceType {
    public static let scpAttachment = ResourceType(rawValue: "scp_attachment")
}
