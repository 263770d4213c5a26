extension DiagnosticRenderer {
    /// The text's lines, each without its line break, split where YAML's parser (libyaml) breaks
    /// lines: `\r\n`, `\n`, a lone `\r`, NEL, LS and PS.
    ///
    /// Swift compares Characters, and `"\r\n"` is one Character, so `split(separator: "\n")` leaves
    /// a CRLF file as a single line; splitting scalars keeps line numbers the same as the parser's marks.
    public static func lines(of text: String) -> [String] {
        let scalars = Array(text.unicodeScalars)
        let starts = lineStarts(of: scalars)
        return starts.indices.map { index in
            var end = index + 1 < starts.count ? starts[index + 1] : scalars.count
            while end > starts[index], isBreak(scalars[end - 1]) { end -= 1 }
            return String(String.UnicodeScalarView(scalars[starts[index]..<end]))
        }
    }

    /// The scalar offset at which each line begins (the first is 0), by the same breaks as `lines(of:)`.
    public static func lineStarts(of scalars: [Unicode.Scalar]) -> [Int] {
        var starts = [0]
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            guard isBreak(scalar) else { continue }
            if scalar == "\r", index < scalars.count, scalars[index] == "\n" { index += 1 }
            starts.append(index)
        }
        return starts
    }

    private static func isBreak(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\n" || scalar == "\r" || scalar.value == 0x85 || scalar.value == 0x2028 || scalar.value == 0x2029
    }

    /// Text from the user's files made safe to print: a control character (an escape sequence in a
    /// name could retitle or clear the terminal) is shown as `\u{1B}` instead of being acted on.
    /// With `keepingTabs`, tabs stay (a source line's indentation, which the caret lines up with).
    public static func printable(_ text: String, keepingTabs: Bool = false) -> String {
        let isControl: (Unicode.Scalar) -> Bool = { scalar in
            // C0, DEL and C1 controls; also line and paragraph separators and the bidirectional
            // overrides and isolates, which reorder what the terminal shows ("Trojan Source").
            let value = scalar.value
            let isHidden = value < 0x20 || (0x7F...0x9F).contains(value) || value == 0x2028 || value == 0x2029
                || (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
            return isHidden && !(keepingTabs && scalar == "\t")
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
