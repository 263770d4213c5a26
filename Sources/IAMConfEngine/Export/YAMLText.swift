import IAMConfCore

/// A YAML value as `export` writes it: block mappings and sequences, flow lists and mappings for
/// short ones of scalars, scalars quoted only where YAML would read them as something other than the text.
///
/// Written by hand rather than through an emitter so the output is exactly the house style
/// (`examples/`): two-space indents, `- ` items under their key, `Version: "2012-10-17"` quoted,
/// `{}` for an entity with no settings, and a comment after a value where one helps.
indirect enum YAMLText: Sendable, Equatable {
    case string(String)
    /// Written as is (numbers, booleans, `null`): the JSON spelling is valid YAML.
    case literal(String)
    case map([Entry])
    case list([YAMLText])

    struct Entry: Sendable, Equatable {
        var key: String
        var value: YAMLText
        /// Written after the value on its line (`# ...`); only after a scalar or flow value.
        var comment: String?

        init(_ key: String, _ value: YAMLText, comment: String? = nil) {
            self.key = key
            self.value = value
            self.comment = comment
        }
    }

    /// A policy document (or any JSON) as YAML, its key order kept.
    init(_ json: JSONValue) {
        switch json {
        case let .string(text): self = .string(text)
        case let .number(text): self = .literal(text)
        case let .bool(flag): self = .literal(flag ? "true" : "false")
        case .null: self = .literal("null")
        case let .array(items): self = .list(items.map(YAMLText.init))
        case let .object(members): self = .map(members.map { Entry($0.key, YAMLText($0.value)) })
        }
    }

    /// The lines of `key: value` at `indent` spaces.
    static func lines(_ entries: [Entry], indent: Int) -> [String] {
        var out: [String] = []
        let pad = String(repeating: " ", count: indent)
        for entry in entries {
            let key = scalar(entry.key, inFlow: false)
            if let inline = entry.value.inline(room: 100 - indent - key.count - 2) {
                out.append(pad + key + ": " + inline + (entry.comment.map { "   # " + $0 } ?? ""))
                continue
            }
            out.append(pad + key + ":" + (entry.comment.map { "   # " + $0 } ?? ""))
            out += entry.value.block(indent: indent + 2)
        }
        return out
    }

    /// The value on the key's own line, when it fits there: a scalar, `{}`, `[]`, or a short flow list of scalars.
    private func inline(room: Int) -> String? {
        switch self {
        case let .string(text): return YAMLText.scalar(text, inFlow: false)
        case let .literal(text): return text
        case let .map(entries):
            // A small mapping of scalars reads best on one line: `tags: { team: data }`.
            if entries.isEmpty { return "{}" }
            var parts: [String] = []
            for entry in entries where entry.comment == nil {
                switch entry.value {
                case let .string(text): parts.append(YAMLText.scalar(entry.key, inFlow: true) + ": " + YAMLText.scalar(text, inFlow: true))
                case let .literal(text): parts.append(YAMLText.scalar(entry.key, inFlow: true) + ": " + text)
                default: return nil
                }
            }
            let flow = "{ " + parts.joined(separator: ", ") + " }"
            return parts.count == entries.count && flow.count <= room ? flow : nil
        case let .list(items):
            if items.isEmpty { return "[]" }
            var parts: [String] = []
            for item in items {
                switch item {
                case let .string(text): parts.append(YAMLText.scalar(text, inFlow: true))
                case let .literal(text): parts.append(text)
                default: return nil
                }
            }
            let flow = "[" + parts.joined(separator: ", ") + "]"
            return flow.count <= room ? flow : nil
        }
    }

    /// The lines below the key, for a value that does not fit on its line.
    private func block(indent: Int) -> [String] {
        let pad = String(repeating: " ", count: indent)
        switch self {
        case let .map(entries): return YAMLText.lines(entries, indent: indent)
        case let .list(items):
            var out: [String] = []
            for item in items {
                switch item {
                case let .map(entries) where !entries.isEmpty:
                    // `- Key: value` with the rest of the mapping aligned under the first key.
                    var inner = YAMLText.lines(entries, indent: indent + 2)
                    inner[0] = pad + "- " + inner[0].dropFirst(indent + 2)
                    out += inner
                case let .list(nested) where !nested.isEmpty && item.inline(room: 100 - indent - 2) == nil:
                    out.append(pad + "-")
                    out += item.block(indent: indent + 2)
                default:
                    out.append(pad + "- " + (item.inline(room: .max) ?? ""))
                }
            }
            return out
        case .string, .literal:
            return [pad + (inline(room: .max) ?? "")]
        }
    }

    /// Text plain where YAML reads it back as the same string, double-quoted otherwise.
    static func scalar(_ text: String, inFlow: Bool) -> String {
        isPlain(text, inFlow: inFlow) ? text : quoted(text)
    }

    /// Conservative: anything YAML 1.1 or 1.2 could read as a number, boolean, null, date, alias,
    /// tag, comment or structure is quoted (`"2012-10-17"`, `"012345678901"`, `"yes"`, `"*"`).
    static func isPlain(_ text: String, inFlow: Bool) -> Bool {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return false }
        if first == " " || last == " " || last == ":" { return false }
        if "-?:,[]{}#&*!|>'\"%@`0123456789+.~<=".unicodeScalars.contains(first) { return false }
        if reservedWords.contains(text.lowercased()) { return false }
        if text.contains(": ") || text.contains(" #") { return false }
        for scalar in text.unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7F || scalar == "\u{FEFF}" || (scalar.value >= 0x80 && scalar.value < 0xA0) { return false }
            if inFlow, ",[]{}".unicodeScalars.contains(scalar) { return false }
        }
        return true
    }

    private static let reservedWords: Set<String> = [
        "true", "false", "yes", "no", "on", "off", "y", "n", "null", "nan", "inf",
    ]

    /// A double-quoted scalar: JSON's escapes are YAML's.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (scalar.value >= 0x80 && scalar.value < 0xA0) || scalar == "\u{FEFF}"
                    || scalar == "\u{2028}" || scalar == "\u{2029}" {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    out += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
