import Foundation
import IAMConfCore

/// Reads a file named by the configuration as UTF-8 text, or says precisely why it cannot.
///
/// `FileManager.contents(atPath:)` answers nil for every failure and `String(decoding:)` turns
/// bad bytes into U+FFFD silently; both hid the real problem (a symlink loop, a Latin-1 file)
/// behind a misleading diagnostic.
enum SourceReader {
    enum Failure: Error, Equatable {
        case notFound
        case symlinkLoop
        case notPermitted
        case isDirectory
        case unreadable(String)
        /// The first byte that is not UTF-8, at its line:column (columns count scalars, like Yams).
        case invalidUTF8(line: Int, column: Int, byte: UInt8)
    }

    static func read(_ path: String) -> Result<String, Failure> {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            return .failure(.isDirectory)
        }
        guard let data = FileManager.default.contents(atPath: path) else { return .failure(openFailure(path)) }
        // The standard library validates UTF-8 far faster than a scalar-by-scalar walk; the walk
        // runs only to locate the problem in a file already known to be bad.
        if let text = data.withUnsafeBytes({ String(validating: $0.bindMemory(to: UInt8.self), as: UTF8.self) }) {
            return .success(text)
        }
        if let bad = firstInvalidUTF8(data) { return .failure(bad) }
        return .success(String(decoding: data, as: UTF8.self))
    }

    /// Why the file cannot be opened, from `open(2)`'s errno.
    private static func openFailure(_ path: String) -> Failure {
        let descriptor = open(path, O_RDONLY)
        let code = errno
        if descriptor >= 0 {
            close(descriptor)
            return .unreadable("the file could not be read")
        }
        switch code {
        case ENOENT, ENOTDIR: return .notFound
        case ELOOP: return .symlinkLoop
        case EACCES, EPERM: return .notPermitted
        default: return .unreadable(String(cString: strerror(code)))
        }
    }

    static func firstInvalidUTF8(_ data: Data) -> Failure? {
        var line = 1
        var column = 1
        var offset = 0
        var iterator = data.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case let .scalarValue(scalar):
                offset += UTF8.width(scalar)
                if scalar == "\n" {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
            case .emptyInput:
                return nil
            case .error:
                let byte = offset < data.count ? data[data.startIndex + offset] : 0
                return .invalidUTF8(line: line, column: column, byte: byte)
            }
        }
    }

    /// The diagnostic for a failure to read `path`; `what` names the file's role ("policy file").
    static func diagnostic(_ failure: Failure, path: String, what: String, at location: SourceLocation?, address: String? = nil) -> Diagnostic {
        let place = location ?? SourceLocation(file: path, line: 1, column: 1)
        switch failure {
        case .notFound:
            return .error("file-not-found", "cannot read \(what) '\(path)'", hint: "the path is relative to the YAML file that names it", at: place, address: address)
        case .symlinkLoop:
            return .error("unreadable-file", "cannot read \(what) '\(path)': it is a symbolic link loop",
                          hint: "a symbolic link on the way points back at itself; make it point at a real file", at: place, address: address)
        case .notPermitted:
            return .error("unreadable-file", "cannot read \(what) '\(path)': permission denied", hint: "check the file's permissions", at: place, address: address)
        case .isDirectory:
            return .error("unreadable-file", "cannot read \(what) '\(path)': it is a directory", hint: "name a file", at: place, address: address)
        case let .unreadable(reason):
            return .error("unreadable-file", "cannot read \(what) '\(path)': \(reason)", at: place, address: address)
        case let .invalidUTF8(line, column, byte):
            let hex = String(byte, radix: 16, uppercase: true)
            return .error("invalid-encoding", "the file is not valid UTF-8 text (byte 0x\(hex.count == 1 ? "0" + hex : hex))",
                          hint: "save the file as UTF-8 (it looks like Latin-1, UTF-16 or binary data)",
                          at: SourceLocation(file: path, line: line, column: column), address: address)
        }
    }
}
