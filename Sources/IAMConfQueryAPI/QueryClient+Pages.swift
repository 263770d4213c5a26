import IAMConfBackend

extension QueryClient {
    /// At most this many pages per list (a million items at 1000 a page): a server that keeps
    /// answering `IsTruncated` must not hold a refresh forever.
    static let maximumPages = 1000

    /// Every page of a list action, following `Marker` while `IsTruncated` is true (a missing
    /// `IsTruncated` is false: moto omits it on some lists). `MaxItems` is 1000, IAM's largest.
    /// https://docs.aws.amazon.com/IAM/latest/APIReference/Pagination.html
    func allPages(_ call: QueryCall, credentials: AWSCredentials) async throws(BackendError) -> [WireElement] {
        var pages: [WireElement] = []
        var marker: String?
        repeat {
            var page = call
            page.parameters.append(QueryParameter("MaxItems", "1000"))
            if let marker { page.parameters.append(QueryParameter("Marker", marker)) }
            let root = try await perform(page, credentials: credentials)
            pages.append(root)
            let result = root.child("\(call.action)Result") ?? root
            let next = result.value("IsTruncated") == "true" ? result.value("Marker").flatMap { $0.isEmpty ? nil : $0 } : nil
            if let next, next == marker || pages.count >= Self.maximumPages {
                throw BackendError(
                    .other, "\(call.action) keeps answering IsTruncated (Marker '\(next)' after \(pages.count) pages)",
                    rawCode: "UnexpectedResponse")
            }
            marker = next
        } while marker != nil
        return pages
    }
}
