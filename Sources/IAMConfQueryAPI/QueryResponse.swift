import Foundation
import IAMConfBackend

/// What an endpoint's HTTP answer means, before any retry decision.
public enum QueryResponse: Sendable, Hashable {
    /// HTTP 2xx with an XML body (`<ActionResponse><ActionResult>…`).
    case success(WireElement)
    /// An AWS error document (`<ErrorResponse><Error><Code>…`), mapped to `BackendError`.
    case failure(BackendError)
    /// The body is not XML: moto's HTML page for an unimplemented action, a proxy's error page, ….
    case notXML(status: Int, snippet: String)

    /// Classifies a response by its status and body.
    public static func classify(status: Int, body: Data) -> QueryResponse {
        guard let root = WireElement.parse(body) else {
            let snippet = String(decoding: body.prefix(120), as: UTF8.self)
                .replacingOccurrences(of: "\n", with: " ")
            return .notXML(status: status, snippet: snippet)
        }
        if let error = root.first("Error"), (root.name == "ErrorResponse" || !(200..<300).contains(status)) {
            return .failure(errorFrom(error, status: status))
        }
        if (200..<300).contains(status) { return .success(root) }
        return .failure(BackendError(.serviceFailure, "HTTP \(status) without an error code", httpStatus: status))
    }

    /// Maps `<Error><Code>…</Code><Message>…</Message></Error>` to our codes; unknown codes keep
    /// their spelling in `rawCode` with `.other`.
    static func errorFrom(_ error: WireElement, status: Int) -> BackendError {
        let raw = error.value("Code")?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "Unknown"
        let message = error.value("Message") ?? error.value("message") ?? ""
        return BackendError(code(for: raw), message, rawCode: raw, httpStatus: status)
    }

    /// IAM's codes plus the throttling spellings other AWS services and SDKs use
    /// (https://docs.aws.amazon.com/IAM/latest/APIReference/CommonErrors.html).
    static func code(for raw: String) -> BackendError.Code {
        switch raw {
        case "Throttling", "ThrottlingException", "RequestLimitExceeded", "TooManyRequestsException",
            "RequestThrottled", "SlowDown":
            return .throttling
        case "ServiceFailure", "InternalFailure", "ServiceUnavailable", "InternalError":
            return .serviceFailure
        case "AccessDenied", "AccessDeniedException", "InvalidClientTokenId", "SignatureDoesNotMatch",
            "ExpiredToken", "UnrecognizedClientException":
            return .accessDenied
        case "NoSuchEntityException", "NoSuchBucket", "NoSuchBucketPolicy": return .noSuchEntity
        case "BucketAlreadyExists", "BucketAlreadyOwnedByYou": return .entityAlreadyExists
        case "BucketNotEmpty": return .deleteConflict
        case "MalformedPolicy": return .malformedPolicyDocument
        case "InvalidBucketName": return .invalidInput
        case "InvalidParameterValue", "InvalidParameterCombination", "MissingParameter": return .invalidInput
        default:
            return BackendError.Code(rawValue: raw).flatMap { [.transport, .storage, .unsupported].contains($0) ? nil : $0 }
                ?? .other
        }
    }
}
