import IAMConfState

/// A failure of an operation the user can act on: what went wrong and how to fix it.
///
/// The one error type operations throw, so a caller renders every failure the same way (the CLI
/// prints `message`, then `hint:`, and exits 1). Operations never print and never exit.
public struct OperationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// One line (sometimes a few) saying what went wrong, naming the file or resource it is about.
    public var message: String
    /// What to do about it.
    public var hint: String?

    public init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }

    /// A state problem, always naming the file it is about.
    public init(_ error: StateError) {
        let message = error.message.contains(error.path) ? error.message : "\(error.path): \(error.message)"
        self.init(message, hint: error.hint)
    }

    /// The message and, on the next line, the hint: the form the CLI prints.
    public var description: String {
        hint.map { "\(message)\n  hint: \($0)" } ?? message
    }
}
