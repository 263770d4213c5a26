import IAMConfCore

/// Appends indented JSON straight to a byte buffer.
///
/// The state file is written after every applied operation, so this avoids `String` building and
/// `JSONEncoder` (which also cannot keep a policy document's key order or number spelling).
struct StateJSONWriter {
    private(set) var bytes: [UInt8] = []
    private var level = 0
    /// Whether the current object or array already has a member (so the next needs a comma).
    private var hasMember: [Bool] = []

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    /// A writer for a run of elements inside an array `level` deep, written apart (in parallel)
    /// and appended with `appendElements`; `afterOthers`: elements come before this run.
    init(elementsAtLevel level: Int, afterOthers: Bool, capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
        self.level = level
        hasMember = Array(repeating: true, count: max(0, level - 1)) + [afterOthers]
    }

    mutating func reserveCapacity(_ total: Int) { bytes.reserveCapacity(total) }

    /// Appends elements written by an `init(elementsAtLevel:afterOthers:)` writer at this level.
    mutating func appendElements(_ run: [UInt8]) {
        guard !run.isEmpty else { return }
        bytes.append(contentsOf: run)
        if !hasMember.isEmpty { hasMember[hasMember.count - 1] = true }
    }

    mutating func beginObject() { open(UInt8(ascii: "{")) }
    mutating func endObject() { close(UInt8(ascii: "}")) }
    mutating func beginArray() { open(UInt8(ascii: "[")) }
    mutating func endArray() { close(UInt8(ascii: "]")) }

    /// Starts a member of the current object; write its value next.
    mutating func key(_ name: String) {
        separate()
        writeString(name)
        bytes.append(UInt8(ascii: ":"))
        bytes.append(UInt8(ascii: " "))
    }

    /// Starts an element of the current array; write the value next.
    mutating func element() { separate() }

    mutating func string(_ value: String) { writeString(value) }
    mutating func integer(_ value: Int) { bytes.append(contentsOf: String(value).utf8) }

    mutating func value(_ json: JSONValue) {
        switch json {
        case .null: bytes.append(contentsOf: "null".utf8)
        case let .bool(flag): bytes.append(contentsOf: (flag ? "true" : "false").utf8)
        case let .number(spelling):
            // A spelling JSON cannot carry (YAML's `+12`, `.inf`, `0x1F`) would make the whole file
            // unreadable; keep the text as a string instead, which the next plan shows as a diff.
            if StateJSONWriter.isJSONNumber(spelling) { bytes.append(contentsOf: spelling.utf8) } else { writeString(spelling) }
        case let .string(text): writeString(text)
        case .array where level >= StateJSONWriter.maxLevel, .object where level >= StateJSONWriter.maxLevel:
            // Deeper than readers accept (512): keep the value as its JSON text rather than write a
            // file that cannot be read back. No document IAM accepts comes close.
            writeString(json.compactText())
        case let .array(items):
            beginArray()
            for item in items {
                element()
                value(item)
            }
            endArray()
        case let .object(members):
            beginObject()
            // A repeated key would make the file unreadable (readers refuse duplicates, as IAM does);
            // keep the first, the one `JSONValue`'s subscript returns.
            for member in StateJSONWriter.hasDuplicateKeys(members) ? StateJSONWriter.firstOfEachKey(members) : members {
                key(member.key)
                value(member.value)
            }
            endObject()
        }
    }

    static let maxLevel = 500

    static func hasDuplicateKeys(_ members: [(key: String, value: JSONValue)]) -> Bool {
        guard members.count > 1 else { return false }
        if members.count < 16 {
            for i in 1..<members.count where members[..<i].contains(where: { $0.key == members[i].key }) { return true }
            return false
        }
        return Set(members.map(\.key)).count != members.count
    }

    static func firstOfEachKey(_ members: [(key: String, value: JSONValue)]) -> [(key: String, value: JSONValue)] {
        var seen = Set<String>()
        return members.filter { seen.insert($0.key).inserted }
    }

    /// A `[String: String]` map as an object with sorted keys, so the file is deterministic.
    mutating func stringMap(_ map: [String: String]) {
        beginObject()
        for name in map.keys.sorted() {
            key(name)
            // Safe: the key came from the map.
            writeString(map[name] ?? "")
        }
        endObject()
    }

    /// RFC 8259 `number`: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
    static func isJSONNumber(_ spelling: String) -> Bool {
        var rest = Substring(spelling).utf8[...]
        func digits(_ rest: inout Substring.UTF8View.SubSequence) -> Int {
            let count = rest.prefix { $0 &- UInt8(ascii: "0") < 10 }.count
            rest = rest.dropFirst(count)
            return count
        }
        if rest.first == UInt8(ascii: "-") { rest = rest.dropFirst() }
        if rest.first == UInt8(ascii: "0") {
            rest = rest.dropFirst()
        } else if digits(&rest) == 0 {
            return false
        }
        if rest.first == UInt8(ascii: ".") {
            rest = rest.dropFirst()
            guard digits(&rest) > 0 else { return false }
        }
        if let e = rest.first, e | 0x20 == UInt8(ascii: "e") {
            rest = rest.dropFirst()
            if let sign = rest.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { rest = rest.dropFirst() }
            guard digits(&rest) > 0 else { return false }
        }
        return rest.isEmpty
    }

    mutating func newline() { bytes.append(UInt8(ascii: "\n")) }

    private mutating func open(_ bracket: UInt8) {
        bytes.append(bracket)
        level += 1
        hasMember.append(false)
    }

    private mutating func close(_ bracket: UInt8) {
        level -= 1
        if hasMember.popLast() == true { indentLine() }
        bytes.append(bracket)
    }

    private mutating func separate() {
        if hasMember.last == true { bytes.append(UInt8(ascii: ",")) }
        if !hasMember.isEmpty { hasMember[hasMember.count - 1] = true }
        indentLine()
    }

    private mutating func indentLine() {
        bytes.append(UInt8(ascii: "\n"))
        for _ in 0..<level {
            bytes.append(UInt8(ascii: " "))
            bytes.append(UInt8(ascii: " "))
        }
    }

    /// Escapes per RFC 8259: quote, backslash and control characters; other UTF-8 passes through.
    private mutating func writeString(_ text: String) {
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
            let hex: [UInt8] = Array("0123456789abcdef".utf8)
            bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
        }
    }
}
