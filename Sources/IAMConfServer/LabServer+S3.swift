import Foundation
import IAMConfBackend
import IAMConfQueryAPI
import IAMConfSimulator

/// A small path-style S3 data plane over the simulated buckets: ListBuckets, ListObjectsV2,
/// Put/Get/DeleteObject, Get/PutBucketPolicy. Each call is authorized with the caller's identity
/// policies and the bucket's policy, same-account and cross-account rules as AWS applies them.
/// https://docs.aws.amazon.com/AmazonS3/latest/API/API_Operations_Amazon_Simple_Storage_Service.html
extension LabServer {
    func handleS3(_ request: ServerRequest, claim: Result<SigV4Verifier.Claim?, ServiceError>, requestID: String) async -> ServerResponse {
        let (bucket, key) = Self.bucketAndKey(request.path)
        do throws(ServiceError) {
            let verified: SigV4Verifier.Verified
            do throws(ServiceError) {
                verified = try verify(request, claim: claim)
            } catch {
                record(nil, action: "s3:\(request.method) \(request.rawPath)", resource: "", .unauthenticated, code: error.forS3().code, request: request)
                throw error.forS3()
            }
            return try await performS3(request, bucket: bucket, key: key, caller: verified.credential.identity, requestID: requestID)
        } catch {
            let resource = bucket.map { "/\($0)" + (key.map { "/\($0)" } ?? "") }
            return ServerResponse(
                status: error.status, contentType: "application/xml",
                body: Array(XMLText.s3Error(error, resource: resource, requestID: requestID).utf8),
                headers: [("x-amz-request-id", requestID)])
        }
    }

    private func performS3(
        _ request: ServerRequest, bucket: String?, key: String?, caller: CallerIdentity, requestID: String
    ) async throws(ServiceError) -> ServerResponse {
        let query = request.queryParameters
        let headers = [("x-amz-request-id", requestID)]
        guard let bucket else {
            guard request.method == "GET" else { throw Self.methodNotAllowed() }
            try await authorize(caller, action: "s3:ListAllMyBuckets", resource: "*", request: request)
            let buckets = await world.account(caller.account)?.buckets.values.sorted { $0.name < $1.name } ?? []
            let xml = "<ListAllMyBucketsResult xmlns=\"\(XMLText.s3Namespace)\"><Owner>" + XMLText.element("ID", caller.account)
                + "</Owner><Buckets>"
                + buckets.map { "<Bucket>" + XMLText.element("Name", $0.name) + XMLText.element("CreationDate", WireTime.text($0.createDate)) + "</Bucket>" }
                .joined() + "</Buckets></ListAllMyBucketsResult>"
            return Self.xml(xml, headers: headers)
        }
        if request.method == "PUT", (key ?? "").isEmpty, !query.contains(where: { $0.name == "policy" }) {
            return try await createBucket(bucket, caller: caller, request: request, headers: headers)
        }
        guard let (owner, stored) = await findBucket(bucket) else {
            throw ServiceError("NoSuchBucket", "The specified bucket does not exist", status: 404)
        }
        let bucketARN = stored.arn
        if let key, !key.isEmpty {
            let objectARN = "\(bucketARN)/\(key)"
            switch request.method {
            case "PUT":
                try await authorize(caller, action: "s3:PutObject", resource: objectARN, request: request)
                let object = StoredObject(
                    body: request.body, contentType: request.header("content-type") ?? "binary/octet-stream", lastModified: options.clock())
                objects[bucket, default: [:]][key] = object
                try await persistChanges()
                return ServerResponse(status: 200, contentType: nil, headers: headers + [("ETag", object.etag)])
            case "GET", "HEAD":
                try await authorize(caller, action: "s3:GetObject", resource: objectARN, request: request)
                guard let object = objects[bucket]?[key] else {
                    throw ServiceError("NoSuchKey", "The specified key does not exist.", status: 404)
                }
                return ServerResponse(
                    status: 200, contentType: object.contentType, body: request.method == "HEAD" ? [] : object.body,
                    headers: headers + [("ETag", object.etag), ("Last-Modified", Self.httpDate(object.lastModified))])
            case "DELETE":
                try await authorize(caller, action: "s3:DeleteObject", resource: objectARN, request: request)
                objects[bucket]?[key] = nil
                try await persistChanges()
                return ServerResponse(status: 204, contentType: nil, headers: headers)
            default:
                throw Self.methodNotAllowed()
            }
        }
        if query.contains(where: { $0.name == "policy" }) {
            return try await bucketPolicy(request, bucket: bucket, owner: owner, policy: stored.policy, caller: caller, headers: headers)
        }
        switch request.method {
        case "HEAD":
            try await authorize(caller, action: "s3:ListBucket", resource: bucketARN, request: request)
            return ServerResponse(status: 200, contentType: nil, headers: headers)
        case "DELETE":
            try await authorize(caller, action: "s3:DeleteBucket", resource: bucketARN, request: request)
            guard objects[bucket]?.isEmpty ?? true else {
                throw ServiceError("BucketNotEmpty", "The bucket you tried to delete is not empty", status: 409)
            }
            try await performS3(.deleteBucket(name: bucket), in: owner)
            objects[bucket] = nil
            try await persistChanges()
            return ServerResponse(status: 204, contentType: nil, headers: headers)
        case "GET":
            break
        default:
            throw Self.methodNotAllowed()
        }
        try await authorize(caller, action: "s3:ListBucket", resource: bucketARN, request: request)
        return Self.xml(listObjects(bucket, query: query), headers: headers)
    }

    private func bucketPolicy(
        _ request: ServerRequest, bucket: String, owner: String, policy: String?, caller: CallerIdentity, headers: [(String, String)]
    ) async throws(ServiceError) -> ServerResponse {
        let arn = "arn:aws:s3:::\(bucket)"
        switch request.method {
        case "GET":
            try await authorize(caller, action: "s3:GetBucketPolicy", resource: arn, request: request)
            guard let policy else { throw ServiceError("NoSuchBucketPolicy", "The bucket policy does not exist", status: 404) }
            return ServerResponse(status: 200, contentType: "application/json", body: Array(policy.utf8), headers: headers)
        case "PUT":
            try await authorize(caller, action: "s3:PutBucketPolicy", resource: arn, request: request)
            do {
                _ = try await simulator.perform(.putBucketPolicy(bucket: bucket, document: String(decoding: request.body, as: UTF8.self)), in: owner)
            } catch {
                throw ServiceError(error.code == .malformedPolicyDocument ? "MalformedPolicy" : error.rawCode, error.message, status: 400)
            }
            worldChanged()
            try await persistChanges()
            return ServerResponse(status: 204, contentType: nil, headers: headers)
        case "DELETE":
            try await authorize(caller, action: "s3:DeleteBucketPolicy", resource: arn, request: request)
            try await performS3(.deleteBucketPolicy(bucket: bucket), in: owner)
            return ServerResponse(status: 204, contentType: nil, headers: headers)
        default:
            throw Self.methodNotAllowed()
        }
    }

    /// CreateBucket in the caller's account (S3's namespace is global: a taken name is refused).
    private func createBucket(
        _ bucket: String, caller: CallerIdentity, request: ServerRequest, headers: [(String, String)]
    ) async throws(ServiceError) -> ServerResponse {
        try await authorize(caller, action: "s3:CreateBucket", resource: "arn:aws:s3:::\(bucket)", request: request)
        // The body, when there is one, is a CreateBucketConfiguration document; its settings (the
        // region) do not matter to the lab, but a document that is not one is refused, as S3 does.
        if !request.body.isEmpty, WireElement.parse(Data(request.body))?.name != "CreateBucketConfiguration" {
            throw ServiceError(
                "MalformedXML", "The XML you provided was not well-formed or did not validate against our published schema", status: 400)
        }
        if let (owner, _) = await findBucket(bucket) {
            throw owner == caller.account
                ? ServiceError("BucketAlreadyOwnedByYou", "Your previous request to create the named bucket succeeded and you already own it.", status: 409)
                : ServiceError("BucketAlreadyExists", "The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.", status: 409)
        }
        try await performS3(.createBucket(name: bucket), in: caller.account)
        return ServerResponse(status: 200, contentType: nil, headers: headers + [("Location", "/\(bucket)")])
    }

    /// A simulator call for S3, its errors in S3's codes.
    private func performS3(_ request: IAMRequest, in account: String) async throws(ServiceError) {
        do {
            _ = try await simulator.perform(request, in: account)
        } catch {
            switch error.code {
            case .noSuchEntity: throw ServiceError("NoSuchBucket", error.message, status: 404)
            case .deleteConflict: throw ServiceError("BucketNotEmpty", error.message, status: 409)
            case .entityAlreadyExists: throw ServiceError("BucketAlreadyExists", error.message, status: 409)
            default: throw ServiceError(error.code == .invalidInput ? "InvalidBucketName" : error.rawCode, error.message, status: 400)
            }
        }
        worldChanged()
        try await persistChanges()
    }

    /// ListObjectsV2 (`list-type=2`; ListObjects v1 answers the same keys): keys in UTF-8 order.
    private func listObjects(_ bucket: String, query: [QueryParameter]) -> String {
        func value(_ name: String) -> String? { query.first { $0.name == name }?.value }
        let prefix = value("prefix") ?? ""
        let maxKeys = min(max(Int(value("max-keys") ?? "1000") ?? 1000, 0), 1000)
        let after = value("continuation-token") ?? value("start-after") ?? value("marker") ?? ""
        let keys = (objects[bucket] ?? [:]).keys
            .filter { $0.hasPrefix(prefix) && (after.isEmpty || Array(after.utf8).lexicographicallyPrecedes(Array($0.utf8))) }
            .sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        let page = keys.prefix(maxKeys)
        let truncated = keys.count > page.count
        let contents = page.map { key -> String in
            let object = objects[bucket]?[key]
            return "<Contents>" + XMLText.element("Key", key) + XMLText.element("LastModified", WireTime.text(object?.lastModified ?? Date(timeIntervalSince1970: 0)))
                + XMLText.element("ETag", object?.etag) + XMLText.element("Size", String(object?.body.count ?? 0))
                + XMLText.element("StorageClass", "STANDARD") + "</Contents>"
        }.joined()
        return "<ListBucketResult xmlns=\"\(XMLText.s3Namespace)\">" + XMLText.element("Name", bucket) + XMLText.element("Prefix", prefix)
            + XMLText.element("KeyCount", String(page.count)) + XMLText.element("MaxKeys", String(maxKeys))
            + XMLText.element("IsTruncated", truncated ? "true" : "false")
            + (truncated ? XMLText.element("NextContinuationToken", page.last) : "") + contents + "</ListBucketResult>"
    }

    /// The bucket of that name in any account (S3's namespace is global), with its owner.
    private func findBucket(_ name: String) async -> (String, World.Bucket)? {
        for account in await world.accounts.values {
            if let bucket = account.buckets[name] { return (account.id, bucket) }
        }
        return nil
    }

    /// `/bucket/key/with/slashes` -> ("bucket", "key/with/slashes"); `/` -> (nil, nil).
    static func bucketAndKey(_ path: String) -> (String?, String?) {
        let trimmed = path.drop { $0 == "/" }
        guard !trimmed.isEmpty else { return (nil, nil) }
        let bucket = trimmed.prefix { $0 != "/" }
        let rest = trimmed.dropFirst(bucket.count + 1)
        return (String(bucket), trimmed.count > bucket.count ? String(rest) : nil)
    }

    static func methodNotAllowed() -> ServiceError {
        ServiceError("MethodNotAllowed", "The specified method is not allowed against this resource.", status: 405)
    }

    static func xml(_ body: String, headers: [(String, String)]) -> ServerResponse {
        ServerResponse(status: 200, contentType: "application/xml", body: Array(("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + body).utf8), headers: headers)
    }

    /// `Mon, 07 Dec 2026 15:04:05 GMT` (RFC 7231's IMF-fixdate).
    static func httpDate(_ date: Date) -> String { WireTime.httpDate(date) }
}
