import IAMConfBackend

/// AWS Organizations' exceptions, mapped onto the codes the engine reacts to (`NoSuchEntity`:
/// gone, `EntityAlreadyExists`: there already) while keeping Organizations' own name as the raw
/// code. Names and reasons from each action's Errors section of
/// https://docs.aws.amazon.com/organizations/latest/APIReference/CommonErrors.html and the
/// action pages (AttachPolicy, DetachPolicy, CreateOrganizationalUnit, …).
enum OrganizationsErrors {
    static func notInUse() -> BackendError {
        BackendError(
            .noSuchEntity, "Your account is not a member of an organization.", rawCode: "AWSOrganizationsNotInUseException", httpStatus: 400)
    }

    static func accessDenied() -> BackendError {
        BackendError(
            .accessDenied, "You don't have permissions to access this resource: only the management account manages the organization.",
            rawCode: "AccessDeniedException", httpStatus: 400)
    }

    static func notFound(_ exception: String, _ message: String) -> BackendError {
        BackendError(.noSuchEntity, message, rawCode: exception, httpStatus: 400)
    }

    static func duplicate(_ exception: String, _ message: String) -> BackendError {
        BackendError(.entityAlreadyExists, message, rawCode: exception, httpStatus: 400)
    }

    static func conflict(_ exception: String, _ message: String) -> BackendError {
        BackendError(.deleteConflict, message, rawCode: exception, httpStatus: 400)
    }

    /// ConstraintViolationException with its `Reason` (`OU_DEPTH_LIMIT_EXCEEDED`, …) in the message.
    static func constraint(_ reason: String, _ message: String) -> BackendError {
        BackendError(.limitExceeded, "\(message) (\(reason))", rawCode: "ConstraintViolationException", httpStatus: 400)
    }

    static func invalid(_ message: String) -> BackendError {
        BackendError(.invalidInput, message, rawCode: "InvalidInputException", httpStatus: 400)
    }
}
