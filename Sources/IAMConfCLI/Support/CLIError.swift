/// A failure the user can act on: what went wrong and how to fix it. Exits 1.
struct CLIError: Error, CustomStringConvertible {
    var message: String
    var hint: String?

    init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }

    var description: String {
        hint.map { "\(message)\n  hint: \($0)" } ?? message
    }
}
