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
        guard let text = validUTF8(bytes) else {
            throw StateError(.corrupt, "the state file is not valid UTF-8", hint: recoverHint(path), path: path)
        }
        do {
            return try JSONParser.parse(text)
        } catch {
            let location = SourceLocation(file: path, line: error.line, column: error.column)
            if isCutOff(bytes) {
                throw StateError(
                    .truncated, "the state file ends early (\(error.message)); it was probably cut off while being written or copied",
                    hint: recoverHint(path), path: path, location: location)
            }
            throw StateError(
                .corrupt, "the state file is not valid JSON: \(error.message)",
                hint: recoverHint(path), path: path, location: location)
        }
    }

    private static func validUTF8(_ bytes: [UInt8]) -> String? {
        if #available(macOS 15, *) { return String(validating: bytes, as: UTF8.self) }
        // Older macOS: decoding repairs bad sequences, so a lossless round trip means it was valid.
        let text = String(decoding: bytes, as: UTF8.self)
        return text.utf8.elementsEqual(bytes) ? text : nil
    }

    /// Whether the text stops inside a string, an object or an array: the signature of a file that
    /// was cut short, as opposed to one with a wrong character in it.
    static func isCutOff(_ bytes: [UInt8]) -> Bool {
        var depth = 0
        var inString = false
        var escaped = false
        for byte in bytes {
            if inString {
                if escaped { escaped = false } else if byte == 0x5C { escaped = true } else if byte == 0x22 { inString = false }
                continue
            }
            switch byte {
            case 0x22: inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
            default: break
            }
        }
        return inString || depth > 0
    }

    /// Checks `format_version` and runs the upgrades from the file's version to the current one.
    static func upgrade(_ document: JSONValue, path: String) throws(StateError) -> JSONValue {
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
        if version > currentFormatVersion {
            throw StateError(
                .newerFormat,
                "the state file has format version \(version), written by a newer iamconf; this iamconf reads up to version \(currentFormatVersion)",
                hint: "upgrade iamconf to read this state; the file was left unchanged", path: path,
                member: "format_version")
        }
        var current = document
        for from in version..<currentFormatVersion {
            guard let step = upgrades[from] else {
                throw StateError(
                    .unsupportedFormat, "no upgrade from state format version \(from)",
                    hint: "use the iamconf release that wrote this file to migrate it", path: path,
                    member: "format_version")
            }
            current = try step(current)
        }
        return current
    }

    static func recoverHint(_ path: String) -> String {
        "the file was left unchanged; restore it from \(path).backup or version control, or fix it by hand"
    }
}
