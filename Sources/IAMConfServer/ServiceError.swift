import Foundation
import IAMConfQueryAPI

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

    /// IAM and STS answer it with 403 (as the AWS SDK for Go prints it, "ExpiredToken: The security
    /// token included in the request is expired status code: 403"); S3 with 400 (its error list).
    public static func expiredToken() -> ServiceError {
        ServiceError("ExpiredToken", "The security token included in the request is expired", status: 403)
    }

    /// A request signed more than 15 minutes from the server's time. IAM and STS answer
    /// `SignatureDoesNotMatch` with the window ("Signature expired: 20220127T001427Z is now earlier
    /// than 20220127T014428Z (20220127T015928Z - 15 min.)", as the aws CLI prints it in
    /// https://github.com/aws/aws-cli/issues/6676; "Signature not yet current: … is still later than
    /// … (… + 15 min.)" for a future time); S3 answers `RequestTimeTooSkewed` (`forS3`).
    public static func requestTimeTooSkewed(requestTime: Date, serverTime: Date) -> ServiceError {
        let window = SigV4Verifier.allowedSkew
        let message =
            requestTime < serverTime
            ? "Signature expired: \(SigV4.amzDate(requestTime)) is now earlier than \(SigV4.amzDate(serverTime.addingTimeInterval(-window))) (\(SigV4.amzDate(serverTime)) - 15 min.)"
            : "Signature not yet current: \(SigV4.amzDate(requestTime)) is still later than \(SigV4.amzDate(serverTime.addingTimeInterval(window))) (\(SigV4.amzDate(serverTime)) + 15 min.)"
        return ServiceError("SignatureDoesNotMatch", message, status: 403)
    }

    /// Whether this is the answer to a request signed too far from the server's time.
    var isTimeSkew: Bool {
        code == "SignatureDoesNotMatch" && (message.hasPrefix("Signature expired: ") || message.hasPrefix("Signature not yet current: "))
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
        case "SignatureDoesNotMatch" where !isTimeSkew:
            // S3's own wording (its error documents, e.g. https://github.com/iterate-ch/cyberduck/issues/9317).
            error.message = "The request signature we calculated does not match the signature you provided. Check your key and signing method."
        case "SignatureDoesNotMatch":
            error.code = "RequestTimeTooSkewed"
            error.message = "The difference between the request time and the current time is too large."
        case "ExpiredToken":
            error.message = "The provided token has expired."
            error.status = 400
        case "MissingAuthenticationToken":
            // S3 takes an unsigned request as anonymous, and refuses anonymous access in its usual words.
            error.code = "AccessDenied"
            error.message = "Access Denied"
        case "IncompleteSignature": error.code = "AccessDenied"; error.status = 403
        default: break
        }
        return error
    }
}
