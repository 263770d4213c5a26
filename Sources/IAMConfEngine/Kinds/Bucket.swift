import IAMConfBackend
import IAMConfCore
import IAMConfState

/// A simulated S3 bucket, so bucket policies can be evaluated; only the name identifies it.
struct BucketKind: ResourceKind {
    var type: ResourceType { .bucket }
    var terraformType: String { "aws_s3_bucket" }
    var replacingAttributes: Set<String> { ["name"] }
    var outputs: Set<String> { ["arn", "create_date"] }
    var knownAfterApply: [String] { ["arn"] }
    var uniqueNameAttribute: String? { "name" }
    var importIDForm: String { "the bucket name (shared-reports)" }

    func create(_ r: Resource, _ calls: BackendCalls) async throws(BackendError) -> IAMResponse {
        try await calls.send(.createBucket(name: r.string("name") ?? ""), r.accountID)
    }

    func update(_ before: ResourceState, to after: Resource, changed: Set<String>, _ calls: BackendCalls) async throws(BackendError) -> Assigned {
        Assigned()
    }

    func delete(_ before: ResourceState, _ calls: BackendCalls) async throws(BackendError) {
        try await calls.sendDeleting(.deleteBucket(name: ObjectKey(before).s("name")), before.accountID)
    }

    func read(_ key: ObjectKey, _ calls: BackendCalls) async throws(BackendError) -> LiveObject? {
        guard try await calls.get(.headBucket(name: key.s("name")), key) != nil else { return nil }
        return LiveObject(attributes: ["name": .string(key.s("name"))], outputs: ["arn": "arn:aws:s3:::\(key.s("name"))"])
    }

    func importID(of resource: Resource) -> String { resource.string("name") ?? "" }

    func key(forImportID id: String, in resource: Resource) throws(ImportError) -> ObjectKey {
        ObjectKey(accountID: resource.accountID, attributes: ["name": .string(try ImportIDs.trimmed(id, resource, form: importIDForm))])
    }
}

extension ResourceType {
    public static let bucket = ResourceType(rawValue: "bucket")
}
