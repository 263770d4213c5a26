import IAMConfCore
import IAMConfBackend

/// Simulated S3 buckets and bucket policies, with S3's error codes carried in `rawCode`.
/// https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
extension World.Account {
    /// Bucket policies may be 20 KB.
    static let bucketPolicySizeLimit = 20 * 1024

    static func checkBucketName(_ name: String) throws(BackendError) {
        let scalars = Array(name.unicodeScalars)
        let isAllowed = scalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "." }
        let isEdgeAlphanumeric = { (scalar: Unicode.Scalar?) in
            scalar.map { ("a"..."z").contains($0) || ("0"..."9").contains($0) } ?? false
        }
        let looksLikeIP = name.split(separator: ".").count == 4 && name.split(separator: ".").allSatisfy { Int($0) != nil }
        guard scalars.count >= 3, scalars.count <= 63, isAllowed, isEdgeAlphanumeric(scalars.first),
              isEdgeAlphanumeric(scalars.last), !name.contains(".."), !looksLikeIP else {
            throw BackendError(.invalidInput, "The specified bucket is not valid.", rawCode: "InvalidBucketName", httpStatus: 400)
        }
    }

    static func noSuchBucket(_ name: String) -> BackendError {
        BackendError(.noSuchEntity, "The specified bucket does not exist: \(name)", rawCode: "NoSuchBucket", httpStatus: 404)
    }

    mutating func createBucket(name: String, _ env: OperationEnvironment) -> IAMResponse {
        buckets[name] = World.Bucket(name: name, createDate: env.now)
        return IAMResponse(arn: "arn:aws:s3:::\(name)", createDate: env.now, name: name)
    }

    /// PutBucketPolicy: a resource policy (Principal required) whose resources are this bucket.
    mutating func putBucketPolicy(bucket: String, document: String) throws(BackendError) -> IAMResponse {
        guard buckets[bucket] != nil else { throw Self.noSuchBucket(bucket) }
        let malformed = { (message: String) in
            BackendError(.malformedPolicyDocument, message, rawCode: "MalformedPolicy", httpStatus: 400)
        }
        guard document.utf8.count <= Self.bucketPolicySizeLimit else { throw malformed("Policies must be less than 20 KB") }
        do {
            try PolicyDocumentCheck.check(document, kind: .resource)
        } catch {
            throw malformed(error.message)
        }
        if let resource = Self.foreignResource(in: document, bucket: bucket) {
            throw malformed("Policy has invalid resource: \(resource)")
        }
        buckets[bucket]?.policy = document
        return IAMResponse(arn: "arn:aws:s3:::\(bucket)")
    }

    /// The first Resource that is not this bucket or an object in it (S3 refuses those).
    private static func foreignResource(in document: String, bucket: String) -> String? {
        guard let parsed = try? JSONParser.parse(document) else { return nil }
        let statements = parsed["Statement"]?.arrayValue ?? [parsed["Statement"]].compactMap { $0 }
        let arn = "arn:aws:s3:::\(bucket)"
        for statement in statements {
            let value = statement["Resource"] ?? statement["NotResource"]
            let resources = value?.arrayValue?.compactMap(\.stringValue) ?? [value?.stringValue].compactMap { $0 }
            if let foreign = resources.first(where: { $0 != arn && !$0.hasPrefix(arn + "/") && $0 != "*" }) {
                return foreign
            }
        }
        return nil
    }

    mutating func deleteBucketPolicy(bucket: String) throws(BackendError) -> IAMResponse {
        guard buckets[bucket] != nil else { throw Self.noSuchBucket(bucket) }
        buckets[bucket]?.policy = nil
        return IAMResponse()
    }

    mutating func deleteBucket(name: String) throws(BackendError) -> IAMResponse {
        guard buckets.removeValue(forKey: name) != nil else { throw Self.noSuchBucket(name) }
        return IAMResponse()
    }
}
