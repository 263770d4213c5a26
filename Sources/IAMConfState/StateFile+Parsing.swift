import IAMConfCore

extension StateFile {
    /// A format upgrade: takes a document of version N and returns the same state as version N + 1.
    public typealias Upgrade = @Sendable (JSONValue) throws(StateError) -> JSONValue

    /// Upgrades keyed by the version they start from. Version 1 is the first format, so this is
    /// empty; when version 2 arrives, `1: { v1 in … }` goes here and old files keep loading.
    static let upgrades: [Int: Upgrade] = [:]

    /// Bytes to a JSON document, telling a cut-off file from a corrupt one.
    static func parse(_ bytes: [UInt8], path: String) throws(StateError) -> JSONValue {
        if bytes.allSatisfy({ [0x20, 0x0A, 0x0D, 0x09].contains($0) }) {
            throw StateError(
                .truncated, "the state file is empty", hint: recoverHint(path), path: path,
                location: SourceLocation(file: path, line: 1, column: 1))
        }
        guard isValidUTF8(bytes) else {
            throw StateError(.corrupt, "the state file is not valid UTF-8", hint: recoverHint(path), path: path)
        }
        switch JSONReader.parse(bytes) {
        case let .success(document):
            return document
        case let .failure(error):
            let (line, column) = JSONReader.lineAndColumn(of: error.offset, in: bytes)
            let location = SourceLocation(file: path, line: line, column: column)
            if isCutOff(bytes, failureOffset: error.offset) {
                throw StateError(
                    .truncated, "the state file ends early (\(error.message)); it was probably cut off while being written or copied",
                    hint: recoverHint(path), path: path, location: location)
            }
            throw StateError(
                .corrupt, "the state file is not valid JSON: \(error.message)",
                hint: recoverHint(path), path: path, location: location)
        }
    }

    /// The reader decodes strings leniently (repairing bad sequences), so validate once up front:
    /// a state file with invalid UTF-8 has been damaged and must not be silently "repaired".
    static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        // A state file is nearly all ASCII: skip the ASCII prefix eight bytes at a time (about ten
        // times faster than decoding scalars) and decode only from the first non-ASCII byte on.
        let asciiPrefix = bytes.withUnsafeBytes { raw -> Int in
            var offset = 0
            while offset + 8 <= raw.count, raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                offset += 8
            }
            return offset
        }
        var iterator = bytes[asciiPrefix...].makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue: continue
            case .emptyInput: return true
            case .error: return false
            }
        }
    }

    /// Whether the text was cut short rather than damaged: its brackets are properly nested but left
    /// open (or a string is), and the parse failed in the final token, not somewhere before it.
    static func isCutOff(_ bytes: [UInt8], failureOffset: Int) -> Bool {
        var open: [UInt8] = []
        var inString = false
        var escaped = false
        var lastStructural = -1
        for (offset, byte) in bytes.enumerated() {
            if inString {
                if escaped {
                    escaped = false
                } else if byte == 0x5C {
                    escaped = true
                } else if byte == 0x22 {
                    inString = false
                    lastStructural = offset
                }
                continue
            }
            switch byte {
            case 0x22: inString = true
            case UInt8(ascii: "{"): open.append(UInt8(ascii: "}"))
            case UInt8(ascii: "["): open.append(UInt8(ascii: "]"))
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                guard open.popLast() == byte else { return false }
            case UInt8(ascii: ","), UInt8(ascii: ":"): break
            default: continue
            }
            lastStructural = offset
        }
        guard inString || !open.isEmpty else { return false }
        // A cut inside a string fails at the end; otherwise the failure must be in the last token.
        return inString ? failureOffset >= bytes.count : failureOffset > lastStructural
    }

    /// Checks `format_version` and runs the upgrades from the file's version to the current one.
    /// `current` and `steps` are parameters only so tests can exercise an upgrade before a second
    /// format version exists.
    static func upgrade(
        _ document: JSONValue, path: String, current: Int = currentFormatVersion, steps: [Int: Upgrade] = upgrades
    ) throws(StateError) -> JSONValue {
        guard case .object = document else {
            throw StateError(
                .invalidMember, "the state file is JSON but not a state: the top level must be an object",
                hint: recoverHint(path), path: path)
        }
        guard let versionValue = document["format_version"] else {
            throw StateError(
                .missingMember, "the state file has no \"format_version\"", hint: recoverHint(path),
                path: path, member: "format_version")
        }
        guard case let .number(spelling) = versionValue, let version = Int(spelling), version >= 1 else {
            throw StateError(
                .unsupportedFormat, "\"format_version\" must be a positive integer, found \(versionValue.compactText())",
                hint: recoverHint(path), path: path, member: "format_version")
        }
        if version > current {
            let writer = document["iamconf_version"]?.stringValue.map { "iamconf \($0)" } ?? "a newer iamconf"
            throw StateError(
                .newerFormat,
                "the state file has format version \(version), written by \(writer), a newer iamconf; this iamconf reads up to version \(current)",
                hint: "upgrade iamconf to read this state; the file was left unchanged", path: path,
                member: "format_version")
        }
        var upgraded = document
        for from in version..<current {
            guard let step = steps[from] else {
                throw StateError(
                    .unsupportedFormat, "no upgrade from state format version \(from)",
                    hint: "use the iamconf release that wrote this file to migrate it", path: path,
                    member: "format_version")
            }
            upgraded = try step(upgraded)
        }
        return upgraded
    }

    static func recoverHint(_ path: String) -> String {
        "the file was left unchanged; restore it from \(path).backup or version control, or fix it by hand"
    }
}
