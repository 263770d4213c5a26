import IAMConfBackend
import IAMConfCore
import IAMConfState

/// A SAML identity provider. Its metadata changes in place (UpdateSAMLProvider); tags are
/// replaced with the provider until the Backend contract has their calls.
struct SAMLProviderKind: ResourceKind {
    var type: ResourceType { .samlProvider }
    var terraformType: String { "aws_iam_saml_provider" }
    var replacingAttributes: Set<String> { ["name", "tags"] }
    var outputs: Set<String> { ["arn", "create_date"] }
    var knownAfterApply: [String] { ["arn"] }
    var uniqueNameAttribute: String? { "name" }
    var importIDForm: String { "the provider ARN (arn:aws:iam::111111111111:saml-provider/corp-sso)" }

    func create(_ r: Resource, _ calls: BackendCalls) async throws(BackendError) -> IAMResponse {
        try await calls.send(
            .createSAMLProvider(name: r.string("name") ?? "", metadataDocument: r.string("metadata") ?? "", tags: Values.tags(r.attributes["tags"])),
            r.accountID)
    }

    func update(_ before: ResourceState, to after: Resource, changed: Set<String>, _ calls: BackendCalls) async throws(BackendError) -> Assigned {
        _ = try await calls.send(
            .updateSAMLProvider(arn: before.outputs["arn"] ?? Self.arn(ObjectKey(before)), metadataDocument: after.string("metadata") ?? ""),
            after.accountID)
        return Assigned()
    }

    func delete(_ before: ResourceState, _ calls: BackendCalls) async throws(BackendError) {
        guard let arn = before.outputs["arn"] else { return }
        try await calls.sendDeleting(.deleteSAMLProvider(arn: arn), before.accountID)
    }

    func read(_ key: ObjectKey, _ calls: BackendCalls) async throws(BackendError) -> LiveObject? {
        let arn = key.outputs["arn"] ?? Self.arn(key)
        guard let a = try await calls.get(.getSAMLProvider(arn: arn), key) else { return nil }
        let name = a.string("name") ?? String(arn.split(separator: "/").last ?? "")
        return LiveObject(
            attributes: ["name": .string(name), "metadata": a.text("metadata"), "tags": a.tags("tags")],
            outputs: ["arn": arn], unreported: a.unreported)
    }

    static func arn(_ key: ObjectKey) -> String {
        ARN.iam(account: key.accountID, type: "saml-provider", path: "/", name: key.s("name")).description
    }

    func importID(of resource: Resource) -> String { Self.arn(ObjectKey(resource)) }

    func key(forImportID id: String, in resource: Resource) throws(ImportError) -> ObjectKey {
        ObjectKey(accountID: resource.accountID, attributes: [:], outputs: ["arn": try ImportIDs.arn(id, resource, service: "saml-provider/", form: importIDForm)])
    }
}

extension ResourceType {
    public static let samlProvider = ResourceType(rawValue: "saml_provider")
}
