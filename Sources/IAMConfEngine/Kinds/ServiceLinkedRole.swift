import IAMConfBackend
import IAMConfCore
import IAMConfState

/// A role a service owns (https://docs.aws.amazon.com/IAM/latest/UserGuide/using-service-linked-roles.html).
/// The service names it (`AWSServiceRoleForAutoScaling_suffix`) and nothing about it can change.
struct ServiceLinkedRoleKind: ResourceKind {
    var type: ResourceType { .serviceLinkedRole }
    var terraformType: String { "aws_iam_service_linked_role" }
    var replacingAttributes: Set<String> { ["service", "suffix", "description"] }
    var outputs: Set<String> { ["arn", "unique_id", "create_date", "name"] }
    var knownAfterApply: [String] { ["arn"] }
    var importIDForm: String { "the role name (AWSServiceRoleForAutoScaling)" }

    /// IAM answers InvalidInput ("has been taken"), not EntityAlreadyExists, for a taken name.
    func alreadyExists(_ error: BackendError) -> Bool {
        error.code == .entityAlreadyExists || (error.code == .invalidInput && error.message.contains("has been taken"))
    }

    func create(_ r: Resource, _ calls: BackendCalls) async throws(BackendError) -> IAMResponse {
        try await calls.send(
            .createServiceLinkedRole(serviceName: r.string("service") ?? "", customSuffix: r.string("suffix"), description: r.string("description")),
            r.accountID)
    }

    func update(_ before: ResourceState, to after: Resource, changed: Set<String>, _ calls: BackendCalls) async throws(BackendError) -> Assigned {
        Assigned()
    }

    func delete(_ before: ResourceState, _ calls: BackendCalls) async throws(BackendError) {
        guard let name = before.outputs["name"] else { return }
        try await calls.sendDeleting(.deleteServiceLinkedRole(roleName: name), before.accountID)
    }

    /// Read by the name IAM gave it. The suffix is not readable; an import takes it from the name.
    func read(_ key: ObjectKey, _ calls: BackendCalls) async throws(BackendError) -> LiveObject? {
        let service = key.attributes["service"]?.stringValue
        guard let name = key.outputs["name"] ?? service.map({ ServiceLinkedRoleName.of(service: $0, suffix: key.attributes["suffix"]?.stringValue) })
        else { return LiveObject(attributes: [:]) }
        guard let a = try await calls.get(.getRole(name: name), key) else { return nil }
        var attributes: [String: JSONValue] = ["description": a.nonEmptyText("description")]
        if let service = a.string("service") { attributes["service"] = .string(service) }
        if key.attributes["suffix"] == nil {
            let parts = name.split(separator: "_", maxSplits: 1)
            attributes["suffix"] = parts.count == 2 ? .string(String(parts[1])) : .null
        }
        var outputs = a.identifiers
        outputs["name"] = name
        return LiveObject(attributes: attributes, outputs: outputs, unreported: a.unreported)
    }

    func importID(of resource: Resource) -> String {
        ServiceLinkedRoleName.of(service: resource.string("service") ?? "", suffix: resource.string("suffix"))
    }

    func key(forImportID id: String, in resource: Resource) throws(ImportError) -> ObjectKey {
        ObjectKey(accountID: resource.accountID, attributes: [:], outputs: ["name": try ImportIDs.trimmed(id, resource, form: importIDForm)])
    }
}

extension ResourceType {
    public static let serviceLinkedRole = ResourceType(rawValue: "service_linked_role")
}
