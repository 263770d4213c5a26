/// Appends JSON straight to a byte buffer, compact or indented: iamconf's one JSON writer.
///
/// The state file (indented, written after every applied operation), the simulator's world file
/// (compact) and `JSONValue.compactText()` / `prettyText()` all write through it, so escaping,
/// number spelling, the depth limit and duplicate keys are decided in one place. It builds bytes,
/// not a `String`, and never uses `JSONEncoder`, which can keep neither a policy document's key
/// order nor its number spelling and is several times slower on the hot path.
///
/// Separators are automatic: begin a container, then write keys and values (or elements) in order.
/// Whatever is written comes out as JSON that iamconf's readers accept; see `value(_:sortingKeys:)`
/// for the rules that keep a `JSONValue` readable.
public struct JSONByteWriter: Sendable {
    /// How containers are laid out.
    public enum Style: Sendable {
        /// No whitespace at all: `{"a":[1,2]}`, the form IAM APIs and the world file receive.
        case compact
        /// A member or element per line, two spaces per level, `"key": value`; empty containers
        /// stay `{}` / `[]`. For people to read and diff line by line.
        case indented
    }

    public private(set) var bytes: [UInt8] = []
    public let style: Style
    /// How many containers are open.
    private(set) var level = 0
    /// Whether the innermost open container already has a member (so the next needs a comma).
    private var hasMember = false
    /// A key was just written: its value follows on the same line, without a separator.
    private var isAfterKey = false

    public init(style: Style, capacity: Int = 0) {
        self.style = style
        bytes.reserveCapacity(capacity)
    }

    /// A writer for a run of elements of an array `level` containers deep, written apart (in
    /// parallel) and then appended with `appendElements`. `afterOthers`: elements precede this run,
    /// so it starts with a comma.
    public init(style: Style, elementsAtLevel level: Int, afterOthers: Bool, capacity: Int = 0) {
        self.init(style: style, capacity: capacity)
        self.level = level
        hasMember = afterOthers
    }

    public mutating func reserveCapacity(_ total: Int) { bytes.reserveCapacity(total) }

    /// Appends the bytes of an `init(style:elementsAtLevel:afterOthers:)` writer at this level.
    public mutating func appendElements(_ run: [UInt8]) {
        guard !run.isEmpty else { return }
        bytes.append(contentsOf: run)
        hasMember = true
    }

    public mutating func beginObject() { open(UInt8(ascii: "{")) }
    public mutating func endObject() { close(UInt8(ascii: "}")) }
    public mutating func beginArray() { open(UInt8(ascii: "[")) }
    public mutating func endArray() { close(UInt8(ascii: "]")) }

    /// Starts a member of the open object; write its value next. Keys are not checked for
    /// repeats here: writing an object member by member, the caller owns its keys.
    public mutating func key(_ name: String) {
        separate()
        appendQuoted(name)
        bytes.append(UInt8(ascii: ":"))
        if style == .indented { bytes.append(UInt8(ascii: " ")) }
        isAfterKey = true
    }

    public mutating func string(_ text: String) {
        beginValue()
        appendQuoted(text)
    }

    public mutating func integer(_ number: Int) {
        beginValue()
        bytes.append(contentsOf: String(number).utf8)
    }

    public mutating func bool(_ flag: Bool) {
        beginValue()
        bytes.append(contentsOf: (flag ? "true" : "false").utf8)
    }

    public mutating func null() {
        beginValue()
        bytes.append(contentsOf: "null".utf8)
    }

    /// A number in the given spelling. A spelling JSON cannot carry (YAML's `+12`, `.inf`, `0x1F`,
    /// a Double's `nan`) would make the whole text unreadable, so it is written as a string instead.
    public mutating func number(_ spelling: String) {
        if Self.isJSONNumber(spelling) {
            beginValue()
            bytes.append(contentsOf: spelling.utf8)
        } else {
            string(spelling)
        }
    }

    /// A `[String: String]` map as an object with sorted keys, so the text is deterministic.
    public mutating func stringMap(_ map: [String: String]) {
        beginObject()
        for name in map.keys.sorted() {
            key(name)
            // Safe: the key came from the map.
            string(map[name] ?? "")
        }
        endObject()
    }

    /// A line break, e.g. the one a text file ends with.
    public mutating func newline() { bytes.append(UInt8(ascii: "\n")) }

    private mutating func open(_ bracket: UInt8) {
        beginValue()
        bytes.append(bracket)
        level += 1
        hasMember = false
    }

    private mutating func close(_ bracket: UInt8) {
        level -= 1
        if hasMember { indentLine() }
        bytes.append(bracket)
        // The enclosing container now has this one as a member.
        hasMember = true
    }

    /// Before any value: nothing after a key; otherwise it is an element and is separated.
    private mutating func beginValue() {
        if isAfterKey {
            isAfterKey = false
        } else if level > 0 {
            separate()
        }
    }

    private mutating func separate() {
        if hasMember { bytes.append(UInt8(ascii: ",")) }
        hasMember = true
        indentLine()
    }

    private mutating func indentLine() {
        guard style == .indented else { return }
        bytes.append(UInt8(ascii: "\n"))
        for _ in 0..<level {
            bytes.append(UInt8(ascii: " "))
            bytes.append(UInt8(ascii: " "))
        }
    }

    /// Escapes per RFC 8259: quote, backslash and control characters (the short forms `\n \r \t
    /// \b \f` where JSON has them, `\u00XX` otherwise); all other UTF-8 passes through unchanged.
    private mutating func appendQuoted(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            var runStart = 0
            for (index, byte) in utf8.enumerated() where byte < 0x20 || byte == 0x22 || byte == 0x5C {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                appendEscape(byte)
                runStart = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<utf8.count]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func appendEscape(_ byte: UInt8) {
        bytes.append(UInt8(ascii: "\\"))
        switch byte {
        case 0x22: bytes.append(UInt8(ascii: "\""))
        case 0x5C: bytes.append(UInt8(ascii: "\\"))
        case 0x0A: bytes.append(UInt8(ascii: "n"))
        case 0x0D: bytes.append(UInt8(ascii: "r"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        case 0x08: bytes.append(UInt8(ascii: "b"))
        case 0x0C: bytes.append(UInt8(ascii: "f"))
        default:
            let hex = Array("0123456789abcdef".utf8)
            bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
        }
    }
}
