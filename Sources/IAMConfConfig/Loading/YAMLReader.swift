import IAMConfCore
import Yams

/// Turns YAML text into a Yams `Node` tree (every node keeps its line:column) plus diagnostics.
///
/// Uses the `.basic` resolver: every scalar stays a string, and the decoder decides what a value
/// means from the key it sits under. That is about twice as fast as the default resolver and
/// keeps `Version: 2012-10-17` a string rather than a timestamp.
enum YAMLReader {
    /// Keys renamed by `parse` after a duplicate-key error consist only of these private-use
    /// scalars, so the decoder can skip them and still read the rest of the file.
    static let placeholderRange: ClosedRange<UInt32> = 0xE000...0xF8FF

    static func isPlaceholder(_ key: String) -> Bool {
        !key.isEmpty && key.unicodeScalars.allSatisfy { placeholderRange.contains($0.value) }
    }

    /// Parses one file. Yams stops at the first duplicate key; the duplicate is then renamed to a
    /// placeholder of the same width and the text parsed again, so every duplicate is reported.
    static func parse(_ text: String, file: String) -> (root: Node?, diagnostics: [Diagnostic]) {
        var text = text
        var diagnostics: [Diagnostic] = []
        for attempt in 0..<64 {
            do {
                let root = try Parser(yaml: text, resolver: .basic).singleRoot()
                return (root, diagnostics)
            } catch let YamlError.duplicatedKeysInMapping(duplicates, context) {
                let key = duplicates.first ?? ""
                let first = context.mark
                guard let second = secondOccurrence(of: key, after: first, in: text) else {
                    diagnostics.append(duplicateKey(key, at: SourceLocation(file: file, line: first.line, column: first.column), firstLine: nil))
                    return (nil, diagnostics)
                }
                diagnostics.append(duplicateKey(key, at: SourceLocation(file: file, line: second.line, column: second.column), firstLine: first.line))
                let renamed = replacing(key: key, at: second, in: text, with: Unicode.Scalar(placeholderRange.lowerBound + UInt32(attempt)) ?? "\u{E000}")
                // Nothing renamed means the parser would stop at the same spot again.
                guard renamed != text else { return (nil, diagnostics) }
                text = renamed
            } catch let error as YamlError {
                diagnostics.append(syntaxError(error, file: file))
                return (nil, diagnostics)
            } catch {
                diagnostics.append(.error("yaml-syntax", "the file could not be read as YAML: \(error)", at: SourceLocation(file: file, line: 1, column: 1)))
                return (nil, diagnostics)
            }
        }
        return (nil, diagnostics)
    }

    private static func duplicateKey(_ key: String, at location: SourceLocation, firstLine: Int?) -> Diagnostic {
        let hint = firstLine.map { "the key is first defined on line \($0); remove one of them (YAML keeps no duplicates)" }
            ?? "remove one of the duplicate keys"
        return .error("duplicate-key", "duplicate key '\(key)'", hint: hint, at: location)
    }

    private static func syntaxError(_ error: YamlError, file: String) -> Diagnostic {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _), let .composer(context, problem, mark, _):
            var hint = "check the indentation and quoting near this spot"
            if let context { hint = "\(context.text) (line \(context.mark.line), column \(context.mark.column)); " + hint }
            return .error("yaml-syntax", "invalid YAML: \(problem)", hint: hint, at: SourceLocation(file: file, line: mark.line, column: mark.column))
        case let .reader(problem, offset, value, yaml):
            let (line, column) = offset.map { position(ofCharacter: $0, in: yaml) } ?? (1, 1)
            let hint = value == 0
                ? "the file contains a NUL byte (\\0): is it binary, or saved as UTF-16? Save it as UTF-8 text"
                : "remove the control character (U+\(hex4(value))) or save the file as UTF-8 text"
            return .error("yaml-syntax", "the file is not valid UTF-8 text: \(problem)", hint: hint, at: SourceLocation(file: file, line: line, column: column))
        default:
            return .error("yaml-syntax", "invalid YAML: \(error)", at: SourceLocation(file: file, line: 1, column: 1))
        }
    }

    private static func hex4(_ value: Int32) -> String {
        let hex = String(max(0, value), radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// The 1-based line:column (columns in scalars) of the Character at `offset`, as Yams counts reader errors.
    private static func position(ofCharacter offset: Int, in text: String) -> (line: Int, column: Int) {
        let end = text.index(text.startIndex, offsetBy: max(0, offset), limitedBy: text.endIndex) ?? text.endIndex
        var line = 1
        var column = 1
        for scalar in text[..<end].unicodeScalars {
            if scalar == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return (line, column)
    }

    /// Finds the repeated key: in block style at the same column on a later line, in flow style later on the same line.
    private static func secondOccurrence(of key: String, after mark: Mark, in text: String) -> (line: Int, column: Int)? {
        // Split on scalars: a CRLF file would otherwise be one Character-wise "line".
        let lines = DiagnosticRenderer.lines(of: text)
        guard mark.line >= 1, mark.line <= lines.count else { return nil }
        let firstLine = Array(lines[mark.line - 1].unicodeScalars)
        if let column = keyColumn(key, in: firstLine, from: mark.column - 1 + key.unicodeScalars.count) {
            return (mark.line, column + 1)
        }
        for lineIndex in mark.line..<lines.count {
            let scalars = Array(lines[lineIndex].unicodeScalars)
            if startsKey(key, in: scalars, at: mark.column - 1) { return (lineIndex + 1, mark.column) }
        }
        return nil
    }

    private static func keyColumn(_ key: String, in scalars: [Unicode.Scalar], from start: Int) -> Int? {
        guard start < scalars.count else { return nil }
        for index in start..<scalars.count where index > 0 && (scalars[index - 1] == " " || scalars[index - 1] == "{" || scalars[index - 1] == ",") {
            if startsKey(key, in: scalars, at: index) { return index }
        }
        return nil
    }

    private static func startsKey(_ key: String, in scalars: [Unicode.Scalar], at index: Int) -> Bool {
        startsKey(Array(key.unicodeScalars), in: scalars, at: index)
            || startsKey(Array("\"\(key)\"".unicodeScalars), in: scalars, at: index)
            || startsKey(Array("'\(key)'".unicodeScalars), in: scalars, at: index)
    }

    private static func startsKey(_ keyScalars: [Unicode.Scalar], in scalars: [Unicode.Scalar], at index: Int) -> Bool {
        guard index >= 0, index + keyScalars.count < scalars.count,
              Array(scalars[index..<index + keyScalars.count]) == keyScalars else { return false }
        var next = index + keyScalars.count
        while next < scalars.count, scalars[next] == " " { next += 1 }
        return next < scalars.count && scalars[next] == ":"
    }

    /// The text with the key at `mark` overwritten by placeholders, every other scalar (line breaks
    /// included, whichever kind) left exactly as it was.
    private static func replacing(key: String, at mark: (line: Int, column: Int), in text: String, with placeholder: Unicode.Scalar) -> String {
        var scalars = Array(text.unicodeScalars)
        let starts = DiagnosticRenderer.lineStarts(of: scalars)
        guard mark.line >= 1, mark.line <= starts.count, mark.column >= 1 else { return text }
        let lineEnd = mark.line < starts.count ? starts[mark.line] : scalars.count
        let start = starts[mark.line - 1] + mark.column - 1
        guard start < lineEnd else { return text }
        let quoted = scalars[start] == "\"" || scalars[start] == "'"
        let width = key.unicodeScalars.count + (quoted ? 2 : 0)
        for index in start..<min(start + width, lineEnd) { scalars[index] = placeholder }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars)
        return String(out)
    }
}

extension YAMLReader {
    /// The YAML as plain data, typed the way YAML 1.1 tools (editors, JSON Schema validators) see it:
    /// unquoted true/false are booleans, unquoted integers numbers, unquoted null/~/empty null.
    /// Used to check files against the JSON schema; not part of loading.
    static func plainData(_ text: String) -> JSONValue? {
        guard let root = try? Parser(yaml: text, resolver: .basic).singleRoot() else { return nil }
        return plainData(root)
    }

    private static func plainData(_ node: Node) -> JSONValue {
        switch node {
        case let .scalar(scalar):
            guard scalar.style == .plain else { return .string(scalar.string) }
            if node.isNull { return .null }
            if ["true", "True", "TRUE"].contains(scalar.string) { return .bool(true) }
            if ["false", "False", "FALSE"].contains(scalar.string) { return .bool(false) }
            if Int(scalar.string) != nil { return .number(scalar.string) }
            return .string(scalar.string)
        case let .sequence(items): return .array(items.map(plainData))
        case let .mapping(mapping): return .object(mapping.map { ($0.key.scalar?.string ?? "", plainData($0.value)) })
        case .alias: return .null
        }
    }
}
