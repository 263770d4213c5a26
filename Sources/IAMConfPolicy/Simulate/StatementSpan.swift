/// Where a statement sits in a policy's text, as AWS's simulator reports it.
///
/// `start` is the character after the `[` or `,` that precedes the statement; `end` is the
/// character after its closing `}` (AWS: `AdministratorAccess` statement 3:17 to 8:6). Lines and
/// columns are 1-based; columns count Unicode scalars.
public struct StatementSpan: Sendable, Hashable {
    public struct Position: Sendable, Hashable {
        public var line: Int
        public var column: Int

        public init(line: Int, column: Int) {
            self.line = line
            self.column = column
        }
    }

    public var start: Position
    public var end: Position

    public init(start: Position, end: Position) {
        self.start = start
        self.end = end
    }

    /// The spans of the statements of a policy text, in order; empty when the text is not shaped
    /// like a policy. A single-object `Statement` yields one span.
    public static func scan(_ text: String) -> [StatementSpan] {
        var scanner = SpanScanner(bytes: Array(text.utf8))
        return scanner.run()
    }
}

/// A tolerant structural walk over JSON bytes that tracks depth and strings, not values.
private struct SpanScanner {
    let bytes: [UInt8]
    var index = 0
    var line = 1
    var column = 1

    init(bytes: [UInt8]) { self.bytes = bytes }

    mutating func advance() {
        if bytes[index] == UInt8(ascii: "\n") {
            line += 1
            column = 1
        } else if bytes[index] & 0xC0 != 0x80 {
            column += 1
        }
        index += 1
    }

    mutating func skipString() -> [UInt8] {
        var out: [UInt8] = []
        advance()
        while index < bytes.count {
            let b = bytes[index]
            if b == UInt8(ascii: "\\") {
                advance()
                if index < bytes.count { out.append(bytes[index]); advance() }
                continue
            }
            advance()
            if b == UInt8(ascii: "\"") { return out }
            out.append(b)
        }
        return out
    }

    mutating func skipWhitespace() {
        while index < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[index]) { advance() }
    }

    /// Skips one value (leaving the position just after it); returns false at malformed input.
    mutating func skipValue() -> Bool {
        skipWhitespace()
        guard index < bytes.count else { return false }
        switch bytes[index] {
        case UInt8(ascii: "\""):
            _ = skipString()
            return true
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var depth = 0
            while index < bytes.count {
                let b = bytes[index]
                if b == UInt8(ascii: "\"") { _ = skipString(); continue }
                if b == UInt8(ascii: "{") || b == UInt8(ascii: "[") { depth += 1 }
                if b == UInt8(ascii: "}") || b == UInt8(ascii: "]") {
                    depth -= 1
                    if depth == 0 { advance(); return true }
                }
                advance()
            }
            return false
        default:
            let stops: [UInt8] = [0x2C, 0x7D, 0x5D, 0x20, 0x0A, 0x0D, 0x09]
            while index < bytes.count, !stops.contains(bytes[index]) { advance() }
            return true
        }
    }

    mutating func run() -> [StatementSpan] {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else { return [] }
        advance()
        while index < bytes.count {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return [] }
            let key = skipString()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return [] }
            advance()
            if key == Array("Statement".utf8) { return statements() }
            guard skipValue() else { return [] }
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ",") else { return [] }
            advance()
        }
        return []
    }

    mutating func statements() -> [StatementSpan] {
        var spans: [StatementSpan] = []
        var start = StatementSpan.Position(line: line, column: column)
        skipWhitespace()
        guard index < bytes.count else { return [] }
        let isList = bytes[index] == UInt8(ascii: "[")
        if isList {
            advance()
            start = StatementSpan.Position(line: line, column: column)
        }
        while index < bytes.count {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else { return spans }
            guard skipValue() else { return spans }
            spans.append(StatementSpan(start: start, end: StatementSpan.Position(line: line, column: column)))
            if !isList { return spans }
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ",") else { return spans }
            advance()
            start = StatementSpan.Position(line: line, column: column)
        }
        return spans
    }
}
