import IAMConfBackend

/// The errors the simulator throws, worded the way IAM words them, so messages read the same
/// whichever backend produced them. HTTP statuses follow IAM's (404, 409, 400).
enum IAMErrors {
    /// "The user with name bob cannot be found."
    static func noSuchEntity(_ kind: String, name: String) -> BackendError {
        BackendError(.noSuchEntity, "The \(kind) with name \(name) cannot be found.", httpStatus: 404)
    }

    static func noSuchEntity(message: String) -> BackendError {
        BackendError(.noSuchEntity, message, httpStatus: 404)
    }

    /// "Policy arn:… does not exist or is not attachable." (AttachUserPolicy and friends).
    static func notAttachable(_ arn: String) -> BackendError {
        noSuchEntity(message: "Policy \(arn) does not exist or is not attachable.")
    }

    /// A service-linked role policy (under /aws-service-role/) offered to a user, group, role or as
    /// a boundary. https://docs.aws.amazon.com/IAM/latest/APIReference/API_AttachRolePolicy.html
    static func serviceRolePolicyNotAttachable(_ arn: String) -> BackendError {
        BackendError(
            .policyNotAttachable,
            "Policy \(arn) is a service role policy: it can only be attached to the service-linked role for that service.",
            httpStatus: 400)
    }

    /// "Policy arn:… was not found." (GetPolicy, DeletePolicy, version calls, detaching).
    static func policyNotFound(_ arn: String) -> BackendError {
        noSuchEntity(message: "Policy \(arn) was not found.")
    }

    static func alreadyExists(_ message: String) -> BackendError {
        BackendError(.entityAlreadyExists, message, httpStatus: 409)
    }

    static func deleteConflict(_ message: String) -> BackendError {
        BackendError(.deleteConflict, message, httpStatus: 409)
    }

    /// "Cannot exceed quota for GroupsPerUser: 10."
    static func quota(_ name: String, _ limit: Int) -> BackendError {
        BackendError(.limitExceeded, "Cannot exceed quota for \(name): \(limit).", httpStatus: 409)
    }

    static func limitExceeded(_ message: String) -> BackendError {
        BackendError(.limitExceeded, message, httpStatus: 409)
    }

    static func malformed(_ message: String) -> BackendError {
        BackendError(.malformedPolicyDocument, message, httpStatus: 400)
    }

    static func invalidInput(_ message: String) -> BackendError {
        BackendError(.invalidInput, message, httpStatus: 400)
    }

    /// The API layer's constraint failure, phrased like AWS's:
    /// "1 validation error detected: Value 'x' at 'userName' failed to satisfy constraint: …".
    static func validation(value: String, field: String, constraint: String) -> BackendError {
        BackendError(
            .validationError,
            "1 validation error detected: Value '\(value)' at '\(field)' failed to satisfy constraint: \(constraint)",
            httpStatus: 400)
    }

    /// Service-linked roles are edited only by their service.
    static func unmodifiable(role: String) -> BackendError {
        BackendError(
            .unmodifiableEntity,
            "Cannot perform the operation on the protected role '\(role)' - this role is only modifiable by AWS",
            httpStatus: 400)
    }
}
