import IAMConfBackend
import IAMConfCore
import IAMConfState

/// A simulated bucket's resource policy. PutBucketPolicy creates or overwrites.
struct BucketPolicyKind: ResourceKind {
    var type: ResourceType { .bucketPolicy }
    var terraformType: String { "aws_s3_bucket_policy" }
    var replacingAttributes: Set<String> { ["bucket"] }
    var documentAttributes: Set<String> { ["document"] }
    var importIDForm: String { "the bucket name (shared-reports)" }

    func create(_ r: Resource, _ calls: BackendCalls) async throws(BackendError) -> IAMResponse {
        try await calls.send(.putBucketPolicy(bucket: r.string("bucket") ?? "", document: Values.text(r.attributes["document"])), r.accountID)
    }

    func update(_ before: ResourceState, to after: Resource, changed: Set<String>, _ calls: BackendCalls) async throws(BackendError) -> Assigned {
        _ = try await create(after, calls)
        return Assigned()
    }

    func delete(_ before: ResourceState, _ calls: BackendCalls) async throws(BackendError) {
        try await calls.sendDeleting(.deleteBucketPolicy(bucket: ObjectKey(before).s("bucket")), before.accountID)
    }

    func read(_ key: ObjectKey, _ calls: BackendCalls) async throws(BackendError) -> LiveObject? {
        guard let a = try await calls.get(.getBucketPolicy(bucket: key.s("bucket")), key) else { return nil }
        return LiveObject(attributes: ["bucket": .string(key.s("bucket")), "document": a.document("document")])
    }

    func importID(of resource: Resource) -> String { resource.string("bucket") ?? "" }

    func key(forImportID id: String, in resource: Resource) throws(ImportError) -> ObjectKey {
        ObjectKey(accountID: resource.accountID, attributes: ["bucket": .string(try ImportIDs.trimmed(id, resource, form: importIDForm))])
    }
}

extension ResourceType {
    public static let bucketPolicy = ResourceType(rawValue: "bucket_policy")
}
