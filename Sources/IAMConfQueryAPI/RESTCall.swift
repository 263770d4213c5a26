import Crypto
import IAMConfBackend

/// One REST-style call (the simulated-S3 requests, sent to the endpoint's S3 API, path-style).
///
/// S3 is not a Query API: the bucket is the path, the sub-resource (`?policy`) the query, and the
/// policy document the raw body (https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketPolicy.html).
public struct RESTCall: Sendable, Hashable {
    public var action: String
    public var method: String
    /// `/bucket`, unencoded.
    public var path: String
    public var query: [QueryParameter]
    public var body: [UInt8]
    public var contentType: String

    public init(action: String, method: String, path: String, query: [QueryParameter] = [], body: [UInt8] = [], contentType: String = "application/json") {
        self.action = action
        self.method = method
        self.path = path
        self.query = query
        self.body = body
        self.contentType = contentType
    }

    /// Hex SHA-256 of the body, which S3 requires as `x-amz-content-sha256`.
    public var payloadHash: String { SHA256.hash(data: body).map { String($0, radix: 16).leftPadded() }.joined() }
}

extension String {
    fileprivate func leftPadded() -> String { count == 1 ? "0" + self : self }
}

extension IAMRequest {
    /// The S3 REST call for a simulated-S3 request, `nil` for IAM requests. Outside `us-east-1`,
    /// CreateBucket names the region in its body, as S3 requires.
    public func restCall(region: String) -> RESTCall? {
        switch self {
        case let .createBucket(name):
            let body = region == "us-east-1" ? "" :
                "<CreateBucketConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><LocationConstraint>\(region)</LocationConstraint></CreateBucketConfiguration>"
            return RESTCall(action: actionName, method: "PUT", path: "/\(name)", body: Array(body.utf8), contentType: "application/xml")
        case let .putBucketPolicy(bucket, document):
            return RESTCall(action: actionName, method: "PUT", path: "/\(bucket)", query: [QueryParameter("policy", "")], body: Array(document.utf8))
        case let .deleteBucketPolicy(bucket):
            return RESTCall(action: actionName, method: "DELETE", path: "/\(bucket)", query: [QueryParameter("policy", "")])
        case let .deleteBucket(name):
            return RESTCall(action: actionName, method: "DELETE", path: "/\(name)")
        case let .headBucket(name):
            return RESTCall(action: actionName, method: "HEAD", path: "/\(name)")
        case let .getBucketPolicy(bucket):
            return RESTCall(action: actionName, method: "GET", path: "/\(bucket)", query: [QueryParameter("policy", "")])
        case .listBuckets:
            return RESTCall(action: actionName, method: "GET", path: "/")
        default:
            return nil
        }
    }
}
