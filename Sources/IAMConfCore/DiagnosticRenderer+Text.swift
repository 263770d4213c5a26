extension DiagnosticRenderer {
    /// The text's lines, split at every `\n` scalar, each without its line break (`\n` or `\r\n`).
    ///
    /// Swift compares Characters, and `"\r\n"` is one Character, so `split(separator: "\n")` leaves
    /// a CRLF file as a single line; splitting the scalars keeps line numbers the same as the YAML
    /// parser's marks for LF and CRLF files alike.
    public static func lines(of text: String) -> [String] {
        linesKeepingCarriageReturns(of: text).map { line in
            line.unicodeScalars.last == "\r" ? String(String.UnicodeScalarView(line.unicodeScalars.dropLast())) : line
        }
    }

    /// The text's lines split at every `\n` scalar with any `\r` left in place, so
    /// `joined(separator: "\n")` gives the text back byte for byte.
    public static func linesKeepingCarriageReturns(of text: String) -> [String] {
        text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { String(String.UnicodeScalarView($0)) }
    }

    /// Text from the user's files made safe to print: a control character (an escape sequence in a
    /// name could retitle or clear the terminal) is shown as `\u{1B}` instead of being acted on.
    /// With `keepingTabs`, tabs stay (a source line's indentation, which the caret lines up with).
    public static func printable(_ text: String, keepingTabs: Bool = false) -> String {
        let isControl: (Unicode.Scalar) -> Bool = { scalar in
            (scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)) && !(keepingTabs && scalar == "\t")
        }
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isControl(scalar) {
                out.append(contentsOf: ("\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}").unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }
}

extension DiagnosticRenderer {
    /// A source line made printable (tabs kept), with the caret's column moved past the escapes
    /// written before it so the caret still points at the same character.
    static func printable(_ line: String, column: Int) -> (line: String, column: Int) {
        let scalars = Array(line.unicodeScalars)
        let split = min(max(0, column - 1), scalars.count)
        let before = printable(String(String.UnicodeScalarView(scalars[..<split])), keepingTabs: true)
        let after = printable(String(String.UnicodeScalarView(scalars[split...])), keepingTabs: true)
        return (before + after, before.unicodeScalars.count + 1 + max(0, column - 1 - split))
    }
}
