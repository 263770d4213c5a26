#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The catalog text's policies by name and ARN, found without parsing a single document.
///
/// The bundled catalog holds every AWS managed policy (about 1,500, 2.9 MB), and most runs use
/// none or a few of them: parsing all documents up front would cost every `iamconf` start. The
/// text keeps one policy per line in a fixed layout (docs/scripts/extract-managed-policies.py):
///
///     {"name":"N","path":"/p/","defaultVersionId":"vN","document":{...}},
///
/// so the index reads the three header strings of each line and remembers where the document is.
/// The header strings never need escapes (IAM names and paths are `[\w+=,.@/-]`); a line that does
/// not fit the layout is skipped, and a test checks the index agrees with a full JSON parse.
struct CatalogIndex: Sendable {
    struct Entry: Sendable {
        var name: String
        var path: String
        var defaultVersionID: String
        /// UTF-8 offsets of the document's JSON text in `text`.
        var document: Range<Int>

        /// `arn:aws:iam::aws:policy` + path + name.
        var arn: String { "arn:aws:iam::aws:policy\(path)\(name)" }
    }

    let text: String
    let entries: [Entry]
    private let byName: [String: Int]
    private let byARN: [String: Int]

    /// The index of the catalog compiled into the binary, built on first use (a `static let` is
    /// initialised once, thread-safely), so a run that asks for no AWS managed policy never pays for it.
    static let bundled = CatalogIndex(lines: ManagedPolicyCatalog.bundledJSON)

    init(lines text: String) {
        var text = text
        // `withUTF8` gives the literal's bytes in place; it copies only a string that is not contiguous.
        let entries = text.withUTF8 { Self.scan($0) }
        self.text = text
        self.entries = entries
        var byName: [String: Int] = [:]
        var byARN: [String: Int] = [:]
        byName.reserveCapacity(entries.count)
        byARN.reserveCapacity(entries.count)
        // Index loops, not `enumerated()`: unspecialised generic iteration dominated a debug build's start-up.
        var index = entries.count - 1
        while index >= 0 {  // backwards, so the first of two equal names wins
            byName[entries[index].name] = index
            byARN[entries[index].arn] = index
            index -= 1
        }
        self.byName = byName
        self.byARN = byARN
    }

    func entry(named name: String) -> Entry? { byName[name].map { entries[$0] } }
    func entry(arn: String) -> Entry? { byARN[arn].map { entries[$0] } }

    /// The document's JSON text, copied out of the catalog text.
    func documentText(of entry: Entry) -> String {
        var text = text
        return text.withUTF8 { String(decoding: UnsafeBufferPointer(rebasing: $0[entry.document]), as: UTF8.self) }
    }

    // MARK: Reading the lines

    private static let head = Array(#"{"name":""#.utf8)
    private static let afterName = Array(#"","path":""#.utf8)
    private static let afterPath = Array(#"","defaultVersionId":""#.utf8)
    private static let afterVersion = Array(#"","document":"#.utf8)

    private static func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> [Entry] {
        var entries: [Entry] = []
        entries.reserveCapacity(1_600)
        var start = 0
        guard let base = bytes.baseAddress else { return [] }
        while start < bytes.count {
            // memchr, not a Swift loop: a debug build walks 2.9 MB byte by byte ten times slower.
            let end = memchr(base + start, 0x0A, bytes.count - start).map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) - base }
                ?? bytes.count
            if let entry = entry(in: bytes, from: start, to: end) { entries.append(entry) }
            start = end + 1
        }
        return entries
    }

    /// One policy line, or nil when the line is not one (the opening and closing lines).
    private static func entry(in bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Entry? {
        var position = start
        guard expect(head, in: bytes, at: &position), let name = plain(in: bytes, at: &position, end: end),
              expect(afterName, in: bytes, at: &position), let path = plain(in: bytes, at: &position, end: end),
              expect(afterPath, in: bytes, at: &position), let version = plain(in: bytes, at: &position, end: end),
              expect(afterVersion, in: bytes, at: &position)
        else { return nil }
        // The line ends with the entry's closing brace, and a comma between entries.
        var last = end
        if last > position, bytes[last - 1] == UInt8(ascii: ",") { last -= 1 }
        guard last > position, bytes[last - 1] == UInt8(ascii: "}") else { return nil }
        return Entry(name: name, path: path, defaultVersionID: version, document: position..<(last - 1))
    }

    private static func expect(_ literal: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, at position: inout Int) -> Bool {
        guard let base = bytes.baseAddress, position + literal.count <= bytes.count,
              memcmp(base + position, literal, literal.count) == 0 else { return false }
        position += literal.count
        return true
    }

    /// A string value without escapes, up to its closing quote (left unread).
    private static func plain(in bytes: UnsafeBufferPointer<UInt8>, at position: inout Int, end: Int) -> String? {
        let start = position
        while position < end, bytes[position] != UInt8(ascii: "\"") {
            if bytes[position] == UInt8(ascii: "\\") { return nil }
            position += 1
        }
        guard position < end, position > start else { return nil }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
    }
}
