/// An error answer in AWS's words: the code and HTTP status botocore and the aws CLI expect, and
/// the message AWS writes. Rendered as Query XML (IAM, STS) or S3's `<Error>` document.
public struct ServiceError: Error, Sendable, Hashable {
    public var code: String
    public var message: String
    public var status: Int
    /// `Sender` (the caller's fault) or `Receiver` (ours).
    public var type: String

    public init(_ code: String, _ message: String, status: Int = 400, type: String = "Sender") {
        self.code = code
        self.message = message
        self.status = status
        self.type = type
    }

    // Authentication (https://docs.aws.amazon.com/STS/latest/APIReference/CommonErrors.html and S3's error list).
    public static func signatureDoesNotMatch() -> ServiceError {
        ServiceError(
            "SignatureDoesNotMatch",
            "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.",
            status: 403)
    }

    public static func invalidClientTokenID() -> ServiceError {
        ServiceError("InvalidClientTokenId", "The security token included in the request is invalid.", status: 403)
    }

    public static func expiredToken() -> ServiceError {
        ServiceError("ExpiredToken", "The security token included in the request is expired", status: 400)
    }

    public static func requestTimeTooSkewed() -> ServiceError {
        ServiceError("RequestTimeTooSkewed", "The difference between the request time and the current time is too large.", status: 403)
    }

    public static func incompleteSignature(_ message: String) -> ServiceError {
        ServiceError("IncompleteSignature", message, status: 400)
    }

    public static func missingAuthenticationToken() -> ServiceError {
        ServiceError("MissingAuthenticationToken", "Request is missing Authentication Token", status: 403)
    }

    public static func accessDenied(_ message: String) -> ServiceError {
        ServiceError("AccessDenied", message, status: 403)
    }

    public static func invalidAction(_ action: String) -> ServiceError {
        ServiceError("InvalidAction", "Could not find operation \(action) for version", status: 400)
    }

    public static func validation(_ message: String) -> ServiceError { ServiceError("ValidationError", message, status: 400) }

    public static func missingParameter(_ name: String) -> ServiceError {
        ServiceError("MissingParameter", "The request must contain the parameter \(name).", status: 400)
    }

    public static func internalFailure(_ message: String) -> ServiceError {
        ServiceError("InternalFailure", message, status: 500, type: "Receiver")
    }

    /// S3 speaks other codes for the same failures.
    func forS3() -> ServiceError {
        var error = self
        switch code {
        case "InvalidClientTokenId":
            error.code = "InvalidAccessKeyId"
            error.message = "The AWS Access Key Id you provided does not exist in our records."
        case "ExpiredToken": error.message = "The provided token has expired."
        case "IncompleteSignature", "MissingAuthenticationToken": error.code = "AccessDenied"; error.status = 403
        default: break
        }
        return error
    }
}
