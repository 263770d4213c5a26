/// Why a saved plan file could not be read, with a hint on what to do about it.
///
/// A plan file is user input (`iamconf apply FILE`): it may be truncated, edited by hand, made by
/// another version or not a plan at all. Each case is a typed value so the CLI can print a clear
/// message and exit 1, never crash.
public struct PlanFileError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        /// The file has no content.
        case empty
        /// The text is not JSON.
        case notJSON = "not-json"
        /// The JSON ends early: the file was cut off while being written or copied.
        case truncated
        /// Valid JSON, but not an iamconf plan (a state file, a policy, …).
        case notAPlanFile = "not-a-plan-file"
        /// Written by a newer iamconf whose format this version does not know.
        case unsupportedVersion = "unsupported-version"
        /// A plan envelope whose content is wrong: a missing key, a wrong type, an unknown action.
        case malformed
        /// The state changed (another apply ran) after the plan was made.
        case stale
        /// The plan was made for a different backend than the one in use now.
        case wrongBackend = "wrong-backend"
    }

    public var code: Code
    /// One line saying what is wrong, with the place inside the file when there is one.
    public var message: String
    /// How to fix it.
    public var hint: String

    public init(_ code: Code, _ message: String, hint: String) {
        self.code = code
        self.message = message
        self.hint = hint
    }

    public var description: String { "\(message) [plan-file-\(code.rawValue)]\n  hint: \(hint)" }

    static let replanHint = "Run `iamconf plan --out FILE` again to make a fresh plan file."

    static func malformed(_ path: String, _ problem: String) -> PlanFileError {
        PlanFileError(
            .malformed, "The plan file is damaged: \(path) \(problem).",
            hint: "Plan files are written by iamconf and must not be edited. " + replanHint)
    }
}
