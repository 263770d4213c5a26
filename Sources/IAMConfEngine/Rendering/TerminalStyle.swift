/// ANSI styling for terminal output, or none at all.
///
/// Colour is decided once by the caller (a TTY, `--no-color`, `NO_COLOR`); with it off, not one
/// escape byte is written, so piped output and golden files stay plain text.
struct TerminalStyle: Sendable {
    var isEnabled: Bool

    func green(_ text: String) -> String { wrap(text, "32") }
    func yellow(_ text: String) -> String { wrap(text, "33") }
    func red(_ text: String) -> String { wrap(text, "31") }
    func bold(_ text: String) -> String { wrap(text, "1") }

    private func wrap(_ text: String, _ code: String) -> String {
        isEnabled && !text.isEmpty ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    /// Text from the configuration made safe to print: control characters (an escape sequence
    /// hidden in a name could rewrite the terminal) are shown as `\u{1B}` instead of acted on.
    static func printable(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if isControl(scalar) {
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// The action's marker as Terraform colours it: `-/+` is red then green.
    func marker(_ action: ChangeAction) -> String {
        switch action {
        case .create: return green("+")
        case .update: return yellow("~")
        case .delete: return red("-")
        case .replace: return red("-") + "/" + green("+")
        }
    }

    /// A marker for one attribute or line, by its symbol.
    func symbol(_ symbol: String) -> String {
        switch symbol {
        case "+": return green(symbol)
        case "~": return yellow(symbol)
        case "-": return red(symbol)
        default: return symbol
        }
    }
}
