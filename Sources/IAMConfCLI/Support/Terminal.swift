import Foundation

/// What the process is talking to: colours only on a terminal and only when NO_COLOR is unset.
struct Terminal: Sendable {
    var isInteractive: Bool
    var useColor: Bool

    init(noColorFlag: Bool) {
        isInteractive = isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1
        let noColorEnv = ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        useColor = !noColorFlag && !noColorEnv && isatty(STDOUT_FILENO) == 1
    }

    func print(_ text: String) {
        FileHandle.standardOutput.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    /// Writes `text` exactly, adding no newline (`output --raw`).
    func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    func error(_ text: String) {
        let line = text.hasSuffix("\n") ? text : text + "\n"
        let prefix = useColorOnStderr ? "\u{1B}[31mError:\u{1B}[0m " : "Error: "
        FileHandle.standardError.write(Data((prefix + line).utf8))
    }

    func warn(_ text: String) {
        FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    private var useColorOnStderr: Bool { useColor && isatty(STDERR_FILENO) == 1 }

    /// Asks for the literal answer `yes`, as Terraform does; anything else declines.
    func confirm(_ question: String) -> Bool {
        print(question)
        print("  Only 'yes' will be accepted to approve.\n")
        FileHandle.standardOutput.write(Data("  Enter a value: ".utf8))
        guard let answer = readLine() else { return false }
        return answer.trimmingCharacters(in: .whitespaces) == "yes"
    }
}
