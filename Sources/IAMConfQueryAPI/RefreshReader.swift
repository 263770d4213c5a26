import IAMConfBackend

/// Performs the refresh and import reads (`getLoginProfile`, `listAccessKeys`, …, `headBucket`)
/// against an endpoint: one Query action each, every page of the list ones, and S3's REST API for
/// the bucket reads.
struct RefreshReader: Sendable {
    let client: QueryClient
    let credentials: AWSCredentials

    func perform(_ request: IAMRequest) async throws(BackendError) -> IAMResponse {
        if let rest = request.restCall(region: client.region) {
            let body = try await client.perform(rest, credentials: credentials)
            return RefreshReadDecoder.bucketResponse(for: request, body: body)
        }
        let call = try request.queryCall()
        let pages = request.isPagedRead
            ? try await client.allPages(call, credentials: credentials)
            : [try await client.perform(call, credentials: credentials)]
        return RefreshReadDecoder.response(pages, for: request)
    }
}

extension IAMRequest {
    /// Every read for refresh and import, the Query ones and the S3 ones.
    var isEndpointRefreshRead: Bool {
        switch self {
        case .headBucket, .getBucketPolicy, .listBuckets: return true
        default: return isQueryRefreshRead
        }
    }
}
