import CYaml
import IAMConfCore
import Yams

/// Builds Yams `Node` trees straight from libyaml's events (libyaml is the C parser Yams bundles;
/// the decoder keeps working on Yams' node types).
///
/// Why not `Yams.Parser`: on a large configuration it allocated an object per event and a tag per
/// node, converted every scalar through Foundation, and hashed whole nodes to find duplicate keys;
/// together about three times libyaml's own scan, the floor issue 6 measures against. It also
/// stops at the first duplicate key, where this reports every one in a single pass (keeping the
/// first occurrence, as the decoder did when the duplicates were renamed away).
///
/// libyaml bounds nesting (1,000 levels, a syntax error beyond), so the recursion is bounded too.
struct YAMLTreeBuilder {
    private var parser = yaml_parser_t()
    private var anchors: [String: Node] = [:]
    private var duplicates: [Diagnostic] = []
    private let file: String
    /// How many pairs merge keys may still copy in this file.
    private var mergeBudget: Int

    /// Every node of the file shares one of these instead of allocating its own. They are already
    /// resolved, so Yams never rewrites them lazily and the tree can be read from other threads.
    /// The decoder reads no tags.
    private let stringTag = Tag(.str)
    private let sequenceTag = Tag(.seq)
    private let mappingTag = Tag(.map)

    private init(file: String, size: Int) {
        self.file = file
        self.mergeBudget = 100_000 + 4 * size
    }

    /// The single document of `text` (nil when the file is empty), and every problem found.
    static func parse(_ text: String, file: String) -> (root: Node?, diagnostics: [Diagnostic]) {
        var text = text
        return text.withUTF8 { bytes in
            var builder = YAMLTreeBuilder(file: file, size: bytes.count)
            guard yaml_parser_initialize(&builder.parser) == 1 else {
                return (nil, [.error("yaml-syntax", "the YAML parser could not start (out of memory)", at: SourceLocation(file: file, line: 1, column: 1))])
            }
            defer { yaml_parser_delete(&builder.parser) }
            yaml_parser_set_encoding(&builder.parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(&builder.parser, bytes.baseAddress, bytes.count)
            do {
                let root = try builder.document()
                return (root, builder.duplicates)
            } catch {
                return (nil, builder.duplicates + [error.diagnostic])
            }
        }
    }

    // MARK: Events

    /// One libyaml event, deleted when done with.
    private final class Event {
        var event = yaml_event_t()
        deinit { yaml_event_delete(&event) }
        var type: yaml_event_type_t { event.type }
        var mark: Mark { .at(line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1) }
    }

    private mutating func next() throws(SyntaxFailure) -> Event {
        let event = Event()
        guard yaml_parser_parse(&parser, &event.event) == 1 else { throw SyntaxFailure(parser, file: file) }
        return event
    }

    /// STREAM-START, then nothing (an empty file) or one document, then STREAM-END.
    private mutating func document() throws(SyntaxFailure) -> Node? {
        _ = try next()  // stream start
        let start = try next()
        guard start.type == YAML_DOCUMENT_START_EVENT else { return nil }
        let root = try node(from: try next())
        _ = try next()  // document end
        let after = try next()
        guard after.type == YAML_STREAM_END_EVENT else {
            throw SyntaxFailure(
                problem: "but found another document", context: "expected a single document in the stream (line 1, column 1)",
                mark: after.mark, file: file)
        }
        return root
    }

    private mutating func node(from event: Event) throws(SyntaxFailure) -> Node {
        switch event.type {
        case YAML_SCALAR_EVENT:
            let data = event.event.data.scalar
            let value = String(decoding: UnsafeBufferPointer(start: data.value, count: data.length), as: UTF8.self)
            let style = Node.Scalar.Style(rawValue: numericCast(data.style.rawValue)) ?? .any
            let node = Node.scalar(.init(value, stringTag, style, event.mark))
            register(data.anchor, node)
            return node
        case YAML_SEQUENCE_START_EVENT:
            var items: [Node] = []
            var item = try next()
            while item.type != YAML_SEQUENCE_END_EVENT {
                items.append(try node(from: item))
                item = try next()
            }
            let style = Node.Sequence.Style(rawValue: numericCast(event.event.data.sequence_start.style.rawValue)) ?? .any
            let node = Node.sequence(.init(items, sequenceTag, style, event.mark))
            register(event.event.data.sequence_start.anchor, node)
            return node
        case YAML_MAPPING_START_EVENT:
            let node = Node.mapping(.init(try pairs(), mappingTag,
                                          Node.Mapping.Style(rawValue: numericCast(event.event.data.mapping_start.style.rawValue)) ?? .any,
                                          event.mark))
            register(event.event.data.mapping_start.anchor, node)
            return node
        case YAML_ALIAS_EVENT:
            let name = Self.text(event.event.data.alias.anchor) ?? ""
            guard let node = anchors[name] else {
                throw SyntaxFailure(problem: "found undefined alias", context: nil, mark: event.mark, file: file)
            }
            return node
        default:
            throw SyntaxFailure(problem: "unexpected YAML event", context: nil, mark: event.mark, file: file)
        }
    }

    /// A mapping's pairs up to MAPPING-END. A repeated scalar key is reported where it repeats and
    /// left out; most mappings are small, so a linear look at the earlier keys is the cheap check.
    /// A merge key (`<<`) is expanded here, so the decoder never sees one (see `MergeKey`).
    private mutating func pairs() throws(SyntaxFailure) -> [(Node, Node)] {
        var pairs: [(Node, Node)] = []
        var seen: [String: Int] = [:]
        var merge: MergeKey?
        var event = try next()
        while event.type != YAML_MAPPING_END_EVENT {
            let key = try node(from: event)
            let value = try node(from: try next())
            if MergeKey.isMergeKey(key), merge == nil {
                merge = MergeKey(key: key, position: pairs.count)
                try collectMerged(value, at: key, into: &merge!)
            } else if case let .scalar(scalar) = key, let first = MergeKey.isMergeKey(key) ? merge?.key.mark?.line
                        : firstOccurrence(of: scalar.string, line: scalar.mark?.line ?? 1, in: pairs, index: &seen) {
                duplicates.append(.error(
                    "duplicate-key", "duplicate key '\(scalar.string)'",
                    hint: "the key is first defined on line \(first); remove one of them (YAML keeps no duplicates)",
                    at: SourceLocation(file: file, line: scalar.mark?.line ?? 1, column: scalar.mark?.column ?? 1)))
            } else {
                pairs.append((key, value))
            }
            event = try next()
        }
        if let merge { pairs = merge.applied(to: pairs) }
        return pairs
    }

    /// The pairs a merge key's value brings: a mapping's, or each mapping's of a list in order.
    /// Every pair copied counts against `mergeBudget`, so nested merges cannot multiply a small
    /// file into a huge tree (the merge-key form of the "billion laughs").
    private mutating func collectMerged(_ value: Node, at key: Node, into merge: inout MergeKey) throws(SyntaxFailure) {
        let sources: [Node]
        if case let .sequence(items) = value { sources = Array(items) } else { sources = [value] }
        for source in sources {
            guard case let .mapping(mapping) = source else {
                let mark = source.mark ?? key.mark
                duplicates.append(.error(
                    "wrong-type", "a merge key (<<) takes a mapping or a list of mappings, found \(source.kindDescription)",
                    hint: "write <<: *name or <<: [*a, *b], where each name anchors a mapping (&name)",
                    at: SourceLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1)))
                continue
            }
            mergeBudget -= mapping.count
            guard mergeBudget >= 0 else {
                throw SyntaxFailure(.error(
                    "document-too-large", "the merge keys (<<) of this file expand to too many entries",
                    hint: "write the entries out, or merge smaller mappings",
                    at: SourceLocation(file: file, line: key.mark?.line ?? 1, column: key.mark?.column ?? 1)))
            }
            merge.sources.append(contentsOf: mapping.map { ($0.key, $0.value) })
        }
    }

    /// The line of an earlier pair with key `text`, or nil (then `text`, on `line`, counts as seen).
    private func firstOccurrence(of text: String, line: Int, in pairs: [(Node, Node)], index seen: inout [String: Int]) -> Int? {
        if pairs.count < 16 {
            for (key, _) in pairs where key.scalar?.string == text { return key.mark?.line ?? 1 }
            return nil
        }
        // Large mappings (thousands of users) index their keys once, then look each new one up.
        if seen.isEmpty {
            for (key, _) in pairs {
                if let string = key.scalar?.string, seen[string] == nil { seen[string] = key.mark?.line ?? 1 }
            }
        }
        if let first = seen[text] { return first }
        seen[text] = line
        return nil
    }

    private mutating func register(_ anchor: UnsafeMutablePointer<yaml_char_t>?, _ node: Node) {
        if let name = Self.text(anchor) { anchors[name] = node }
    }

    private static func text(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: $0) }
    }
}

/// A YAML syntax problem as the diagnostic the user sees: libyaml's own words, where it happened.
struct SyntaxFailure: Error {
    let diagnostic: Diagnostic

    init(problem: String, context: String?, mark: Mark, file: String) {
        var hint = "check the indentation and quoting near this spot"
        if let context { hint = "\(context); " + hint }
        diagnostic = .error("yaml-syntax", "invalid YAML: \(problem)", hint: hint, at: SourceLocation(file: file, line: mark.line, column: mark.column))
    }

    init(_ diagnostic: Diagnostic) {
        self.diagnostic = diagnostic
    }

    /// libyaml's error state after a failed `yaml_parser_parse`.
    init(_ parser: yaml_parser_t, file: String) {
        let problem = parser.problem.map { String(cString: $0) } ?? "unknown problem"
        switch parser.error {
        case YAML_READER_ERROR:
            // A reader error is about the bytes themselves: invalid UTF-8 or a control character.
            let (line, column) = Self.position(ofByte: parser.problem_offset, in: parser)
            let value = parser.problem_value
            let hint = value == 0
                ? "the file contains a NUL byte (\\0): is it binary, or saved as UTF-16? Save it as UTF-8 text"
                : "remove the control character (U+\(Self.hex4(value))) or save the file as UTF-8 text"
            self.init(.error("yaml-syntax", "the file is not valid UTF-8 text: \(problem)", hint: hint,
                             at: SourceLocation(file: file, line: line, column: column)))
        case YAML_MEMORY_ERROR:
            self.init(.error("yaml-syntax", "the file is too large for the YAML parser (out of memory)", at: SourceLocation(file: file, line: 1, column: 1)))
        default:
            let context = parser.context.map {
                "\(String(cString: $0)) (line \(parser.context_mark.line + 1), column \(parser.context_mark.column + 1))"
            }
            self.init(
                problem: problem, context: context,
                mark: .at(line: Int(parser.problem_mark.line) + 1, column: Int(parser.problem_mark.column) + 1), file: file)
        }
    }

    /// The 1-based line and column (in scalars) of the byte at `offset` of the parser's input.
    private static func position(ofByte offset: Int, in parser: yaml_parser_t) -> (line: Int, column: Int) {
        guard let start = parser.input.string.start else { return (1, 1) }
        let bytes = UnsafeBufferPointer(start: start, count: min(offset, parser.input.string.end - start))
        var line = 1
        var column = 1
        for byte in bytes where byte & 0xC0 != 0x80 {  // the first byte of each scalar
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return (line, column)
    }

    private static func hex4(_ value: Int32) -> String {
        let hex = String(max(0, value), radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}

extension Error {
    /// The diagnostic of a `SyntaxFailure`; anything else (never thrown here) as a generic one.
    fileprivate var diagnostic: Diagnostic {
        (self as? SyntaxFailure)?.diagnostic ?? .error("yaml-syntax", "invalid YAML: \(self)", at: nil)
    }
}

extension Mark {
    /// A mark for a position. Yams keeps `Mark`'s initializer internal; the struct is exactly two
    /// `Int`s (line, column), which `YAMLTreeBuilder.canBuildMarks` checks before any tree is built.
    static func at(line: Int, column: Int) -> Mark {
        unsafeBitCast((line, column), to: Mark.self)
    }
}
