extension JSONByteWriter {
    /// Containers opened deeper than this are written as their compact text in a string: iamconf's
    /// readers refuse nesting past 512 (`JSONReader.maxDepth`), and a text that cannot be read back
    /// (a state file above all) is worse than a value kept as text. No document IAM accepts comes close.
    public static let maxLevel = 500

    /// Writes a `JSONValue` so that the text always reads back:
    /// - a number spelling JSON cannot carry becomes a string (see `number(_:)`), which the next
    ///   plan shows as a diff rather than failing to read the file;
    /// - a container deeper than `maxLevel` becomes a string holding its compact text;
    /// - of repeated object keys the first is kept, the one `JSONValue`'s subscript returns
    ///   (readers refuse duplicates, as IAM does).
    /// Any value that already read back is written byte for byte as its members and spellings say.
    /// `sortingKeys`: object members in `String` order of their keys, for stable diffs.
    public mutating func value(_ json: JSONValue, sortingKeys: Bool = false) {
        switch json {
        case .null: null()
        case let .bool(flag): bool(flag)
        case let .number(spelling): number(spelling)
        case let .string(text): string(text)
        case .array where level >= Self.maxLevel, .object where level >= Self.maxLevel:
            var inner = JSONByteWriter(style: .compact)
            inner.value(json, sortingKeys: sortingKeys)
            string(String(decoding: inner.bytes, as: UTF8.self))
        case let .array(items):
            beginArray()
            for item in items { value(item, sortingKeys: sortingKeys) }
            endArray()
        case let .object(members):
            beginObject()
            var written = Self.hasDuplicateKeys(members) ? Self.firstOfEachKey(members) : members
            if sortingKeys { written.sort { $0.key < $1.key } }
            for member in written {
                key(member.key)
                value(member.value, sortingKeys: sortingKeys)
            }
            endObject()
        }
    }

    static func hasDuplicateKeys(_ members: [(key: String, value: JSONValue)]) -> Bool {
        guard members.count > 1 else { return false }
        // Small objects (nearly all) by scanning, which allocates nothing; large ones by hashing.
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

    /// RFC 8259 `number`: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
    public static func isJSONNumber(_ spelling: String) -> Bool {
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
}
