import IAMConfBackend
import IAMConfCore
import IAMConfState

/// An EC2 instance profile. Its name and path are fixed at creation; tags change in place
/// (TagInstanceProfile/UntagInstanceProfile).
struct InstanceProfileKind: ResourceKind {
    var type: ResourceType { .instanceProfile }
    var terraformType: String { "aws_iam_instance_profile" }
    var replacingAttributes: Set<String> { ["name", "path"] }
    var outputs: Set<String> { ["arn", "unique_id", "create_date"] }
    var knownAfterApply: [String] { ["arn"] }
    var uniqueNameAttribute: String? { "name" }
    var importIDForm: String { "the instance profile name (web-server)" }

    func create(_ r: Resource, _ calls: BackendCalls) async throws(BackendError) -> IAMResponse {
        try await calls.send(
            .createInstanceProfile(name: r.string("name") ?? "", path: r.string("path") ?? "/", tags: Values.tags(r.attributes["tags"])),
            r.accountID)
    }

    func update(_ before: ResourceState, to after: Resource, changed: Set<String>, _ calls: BackendCalls) async throws(BackendError) -> Assigned {
        let name = after.string("name") ?? ""
        if changed.contains("tags") {
            try await calls.retag(
                before, after, tag: { .tagInstanceProfile(name: name, tags: $0) }, untag: { .untagInstanceProfile(name: name, keys: $0) })
        }
        return Assigned()
    }

    func delete(_ before: ResourceState, _ calls: BackendCalls) async throws(BackendError) {
        try await calls.sendDeleting(.deleteInstanceProfile(name: ObjectKey(before).s("name")), before.accountID)
    }

    func read(_ key: ObjectKey, _ calls: BackendCalls) async throws(BackendError) -> LiveObject? {
        guard let a = try await calls.get(.getInstanceProfile(name: key.s("name")), key) else { return nil }
        return LiveObject(
            attributes: ["name": a.text("name"), "path": a.text("path"), "tags": a.tags("tags")],
            outputs: a.identifiers, unreported: a.unreported)
    }

    func importID(of resource: Resource) -> String { resource.string("name") ?? "" }

    func key(forImportID id: String, in resource: Resource) throws(ImportError) -> ObjectKey {
        ObjectKey(accountID: resource.accountID, attributes: ["name": .string(try ImportIDs.trimmed(id, resource, form: importIDForm))])
    }
}

extension ResourceType {
    public static let instanceProfile = ResourceType(rawValue: "instance_profile")
}
