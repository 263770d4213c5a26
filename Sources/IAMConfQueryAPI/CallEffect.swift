import IAMConfBackend

/// Whether a call only reads or changes something, which decides if it may be sent twice.
///
/// AWS names its reads `Get…`, `List…` (IAM, STS) and `Head…` (S3); every other IAM action
/// (`Create…`, `Update…`, `Put…`, `Delete…`, `Attach…`, `Tag…`, `Add…`, `Remove…`, …) changes
/// something. STS's `AssumeRole…` calls only hand out fresh temporary credentials, so asking again
/// is as safe as a read.
enum CallEffect {
    static func isRead(action: String) -> Bool {
        ["Get", "List", "Head", "AssumeRole"].contains { action.hasPrefix($0) }
    }
}

extension IAMRequest {
    /// True for every request but the reads (`getUser`, `listPolicyVersions`, the refresh reads,
    /// `headBucket`, …): after a lost answer such a call may or may not have been performed, so the
    /// HTTP backend throws `.transport` instead of sending it again.
    public var isMutating: Bool { !CallEffect.isRead(action: actionName) }
}

extension QueryCall {
    /// True unless the action only reads (see `CallEffect`).
    public var isMutating: Bool { !CallEffect.isRead(action: action) }
}

extension RESTCall {
    /// `PUT` and `DELETE` change a bucket; `GET` and `HEAD` read.
    public var isMutating: Bool { method != "GET" && method != "HEAD" }
}
