/// Graphviz DOT text, shared by every renderer that draws a graph (`graph`, `paths --dot`).
public enum DOT {
    /// A DOT quoted string: only `"` and `\` need escaping, and newlines are kept out.
    public static func quote(_ text: String) -> String {
        var out = "\""
        for character in text {
            switch character {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n", "\r\n", "\r": out += "\\n"
            default: out.append(character)
            }
        }
        return out + "\""
    }
}
