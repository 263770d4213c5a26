import IAMConfBackend
import IAMConfCore
import IAMConfState

/// `FullAWSAccess` taken off a target (`organization.scp.FullAWSAccess.detachment[ou/Data]`,
/// `full_aws_access: false`). AWS attaches it to the root, every new unit and every joining
/// account by itself, so its absence, not its presence, is what the configuration asks for. The
/// detachment waits for the target's other SCPs (AWS refuses to leave a target without one);
/// deleting it attaches `FullAWSAccess` again, AWS's default.
/// https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_evaluation.html
struct SCPDetachmentKind: ResourceKind {
    var type: ResourceType { .scpDetachment }
    /// Terraform has no resource for a default policy's absence; the name says what it is.
    var terraformType: String { "iamconf_organizations_policy_detachment" }
    var replacingAttributes: Set<String> { ["policy", "target"] }
    var importIDForm: String { "TARGET/FullAWSAccess (ou/Data/FullAWSAccess)" }

    /// Already detached (PolicyNotAttachedException, read as NoSuchEntity) is what was asked.
    func create(_ r: Resource, _ calls: BackendCalls) async throws(BackendError) -> IAMResponse {
        try await calls.sendDeleting(.detachServiceControlPolicy(name: r.string("policy") ?? "", target: SCPAttachmentKind.target(r.attributes)), r.accountID)
        return IAMResponse()
    }

    func update(_ before: ResourceState, to after: Resource, changed: Set<String>, _ calls: BackendCalls) async throws(BackendError) -> Assigned {
        Assigned()
    }

    /// Attached again; a target that is gone (or has it already) needs nothing.
    func delete(_ before: ResourceState, _ calls: BackendCalls) async throws(BackendError) {
        do {
            _ = try await calls.send(
                .attachServiceControlPolicy(name: ObjectKey(before).s("policy"), target: SCPAttachmentKind.target(before.attributes)), before.accountID)
        } catch where error.code == .entityAlreadyExists || error.code == .noSuchEntity {
            return
        }
    }

    /// Present while the target exists without the policy.
    func read(_ key: ObjectKey, _ calls: BackendCalls) async throws(BackendError) -> LiveObject? {
        let name = key.s("policy")
        guard let a = try await calls.get(.listServiceControlPoliciesForTarget(target: SCPAttachmentKind.target(key.attributes)), key),
              !a.strings("policies").contains(name) else { return nil }
        return LiveObject(attributes: ["policy": .string(name), "target": .string(key.s("target"))])
    }

    func importID(of resource: Resource) -> String { "\(resource.string("target") ?? "")/\(resource.string("policy") ?? "")" }

    func key(forImportID id: String, in resource: Resource) throws(ImportError) -> ObjectKey {
        try SCPAttachmentKind().key(forImportID: id, in: resource)
    }
}

extension ResourceType {
    public static let scpDetachment = ResourceType(rawValue: "scp_detachment")
}
