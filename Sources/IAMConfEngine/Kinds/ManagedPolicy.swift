import IAMConfBackend
import IAMConfCore
import IAMConfState

/// A customer managed policy. A document change becomes a new default version; the path and
/// description cannot change after creation, so they force a replacement
/// (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreatePolicy.html). Tags change in
/// place (TagPolicy/UntagPolicy).
struct ManagedPolicyKind: ResourceKind {
    var type: ResourceType { .policy }
    var terraformType: String { "aws_iam_policy" }
    var replacingAttributes: Set<String> { ["name", "path", "description"] }
    var documentAttributes: Set<String> { ["document"] }
    var outputs: Set<String> { ["arn", "unique_id", "create_date", "default_version_id"] }
    var knownAfterApply: [String] { ["arn"] }
    var uniqueNameAttribute: String? { "name" }
    var importIDForm: String { "the policy ARN (arn:aws:iam::111111111111:policy/AssumeS3Access)" }

    func create(_ r: Resource, _ calls: BackendCalls) async throws(BackendError) -> IAMResponse {
        try await calls.send(
            .createPolicy(
                name: r.string("name") ?? "", path: r.string("path") ?? "/", description: r.string("description"),
                document: Values.text(r.attributes["document"]), tags: Values.tags(r.attributes["tags"])),
            r.accountID)
    }

    func update(_ before: ResourceState, to after: Resource, changed: Set<String>, _ calls: BackendCalls) async throws(BackendError) -> Assigned {
        guard let arn = before.outputs["arn"] else { throw BackendError(.noSuchEntity, "\(before.address) has no ARN in the state") }
        var outputs: [String: String] = [:]
        if changed.contains("document") {
            outputs["default_version_id"] = try await newDefaultVersion(arn, before.accountID, document: Values.text(after.attributes["document"]), calls)
        }
        if changed.contains("tags") {
            try await calls.retag(before, after, tag: { .tagPolicy(arn: arn, tags: $0) }, untag: { .untagPolicy(arn: arn, keys: $0) })
        }
        return Assigned(outputs: outputs)
    }

    /// A managed policy keeps at most five versions
    /// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-versioning.html):
    /// when five exist, the oldest non-default one goes before the new default is added.
    private func newDefaultVersion(_ arn: String, _ account: String, document: String, _ calls: BackendCalls) async throws(BackendError) -> String? {
        let versions = try await calls.send(.listPolicyVersions(policyARN: arn), account).versions ?? []
        if versions.count >= 5, let oldest = versions.first(where: { !$0.isDefault }) {
            try await calls.sendDeleting(.deletePolicyVersion(policyARN: arn, versionID: oldest.versionID), account)
        }
        return try await calls.send(.createPolicyVersion(policyARN: arn, document: document, setAsDefault: true), account).defaultVersionID
    }

    /// IAM refuses to delete a policy that still has non-default versions.
    func delete(_ before: ResourceState, _ calls: BackendCalls) async throws(BackendError) {
        guard let arn = before.outputs["arn"] else { return }
        let account = before.accountID
        let versions: [PolicyVersionSummary]
        do {
            versions = try await calls.send(.listPolicyVersions(policyARN: arn), account).versions ?? []
        } catch where error.code == .noSuchEntity {
            return
        }
        for version in versions where !version.isDefault {
            try await calls.sendDeleting(.deletePolicyVersion(policyARN: arn, versionID: version.versionID), account)
        }
        try await calls.sendDeleting(.deletePolicy(arn: arn), account)
    }

    /// GetPolicy, and the default version's document through GetPolicyVersion when GetPolicy
    /// did not carry it (IAM's GetPolicy does not; the simulator's does).
    func read(_ key: ObjectKey, _ calls: BackendCalls) async throws(BackendError) -> LiveObject? {
        let arn = key.outputs["arn"] ?? Self.arn(key)
        guard let a = try await calls.get(.getPolicy(arn: arn), key) else { return nil }
        var documentText = a.string("document")
        if documentText == nil, let version = a.string("default_version_id") {
            documentText = try await calls.get(.getPolicyVersion(policyARN: arn, versionID: version), key)?.string("document")
        }
        var outputs = a.identifiers
        outputs["default_version_id"] = a.string("default_version_id")
        return LiveObject(
            attributes: [
                "name": a.text("name"), "path": a.text("path"), "description": a.nonEmptyText("description"),
                "tags": a.tags("tags"), "document": Values.document(documentText),
            ],
            outputs: outputs, unreported: a.unreported)
    }

    static func arn(_ key: ObjectKey) -> String {
        ARN.iam(account: key.accountID, type: "policy", path: key.attributes["path"]?.stringValue ?? "/", name: key.s("name")).description
    }

    func importID(of resource: Resource) -> String { Self.arn(ObjectKey(resource)) }

    func key(forImportID id: String, in resource: Resource) throws(ImportError) -> ObjectKey {
        ObjectKey(accountID: resource.accountID, attributes: [:], outputs: ["arn": try ImportIDs.arn(id, resource, service: "policy/", form: importIDForm)])
    }
}

extension ResourceType {
    public static let policy = ResourceType(rawValue: "policy")
}
