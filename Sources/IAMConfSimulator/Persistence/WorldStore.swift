import Foundation
import IAMConfBackend
import IAMConfCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads and writes the simulator's world as `simulator.json` in a directory (`.iamconf/`).
///
/// The file is versioned (`format`, `version`); a corrupt file or one from a newer iamconf is
/// refused and left untouched. Writes are atomic: a temporary file in the same directory is
/// written and fsynced, renamed over the old file, then the directory is fsynced, so a crash
/// leaves either the old world or the new one, never half of each.
public struct WorldStore: Sendable {
    /// The format this build writes and the newest it reads.
    public static let formatVersion = 1
    static let formatName = "iamconf-simulator"

    public let directory: URL
    public var fileURL: URL { directory.appendingPathComponent("simulator.json") }

    public init(directory: URL) {
        self.directory = directory
    }

    private struct Header: Decodable {
        var format: String
        var version: Int
    }

    private struct Envelope: Codable {
        var format: String
        var version: Int
        var world: World
    }

    /// The stored world, or nil when there is no file yet.
    public func load() throws(BackendError) -> World? {
        let data: Data
        do {
            guard FileManager.default.fileExists(atPath: fileURL.path) else { return nil }
            data = try Data(contentsOf: fileURL)
        } catch {
            throw BackendError(.storage, "cannot read \(fileURL.path): \(error.localizedDescription)")
        }
        let decoder = JSONDecoder()
        guard let header = try? decoder.decode(Header.self, from: data), header.format == Self.formatName else {
            throw BackendError(.storage, "\(fileURL.path) is not an iamconf simulator world (corrupt?); refusing to use or overwrite it")
        }
        guard header.version <= Self.formatVersion else {
            throw BackendError(
                .storage,
                "\(fileURL.path) has format version \(header.version), newer than this iamconf reads (\(Self.formatVersion)); upgrade iamconf")
        }
        do {
            return try decoder.decode(Envelope.self, from: data).world
        } catch {
            throw BackendError(.storage, "\(fileURL.path) is corrupt (\(error)); refusing to use or overwrite it")
        }
    }

    /// Encodes the world (keys sorted, so equal worlds give equal files) and replaces the file atomically.
    public func save(_ world: World) throws(BackendError) {
        try writeAtomically(Data(Self.encode(world)))
    }

    /// The file's bytes: the versioned envelope around the world, written compact by `JSONByteWriter`.
    static func encode(_ world: World) -> [UInt8] {
        var writer = JSONByteWriter(style: .compact, capacity: 1 << 16)
        writer.beginObject()
        writer.field("format", formatName)
        writer.field("version", formatVersion)
        writer.key("world")
        world.write(to: &writer)
        writer.endObject()
        return writer.bytes
    }

    private func writeAtomically(_ data: Data) throws(BackendError) {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw BackendError(.storage, "cannot create \(directory.path): \(error.localizedDescription)")
        }
        let temporary = directory.appendingPathComponent(".simulator.json.\(getpid()).tmp")
        do {
            try Self.writeAndSync(data, to: temporary.path)
            guard rename(temporary.path, fileURL.path) == 0 else { throw POSIXFailure(operation: "rename", errno: errno) }
            try Self.syncDirectory(directory.path)
        } catch {
            unlink(temporary.path)
            throw BackendError(.storage, "cannot write \(fileURL.path): \(error)")
        }
    }

    struct POSIXFailure: Error, CustomStringConvertible {
        var operation: String
        var errno: Int32
        var description: String { "\(operation): \(String(cString: strerror(errno)))" }
    }

    private static func writeAndSync(_ data: Data, to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw POSIXFailure(operation: "open", errno: errno) }
        defer { close(descriptor) }
        try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) throws in
            var offset = 0
            while offset < buffer.count {
                let written = write(descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw POSIXFailure(operation: "write", errno: errno)
                }
                offset += written
            }
        }
        guard fsync(descriptor) == 0 else { throw POSIXFailure(operation: "fsync", errno: errno) }
    }

    private static func syncDirectory(_ path: String) throws {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw POSIXFailure(operation: "open directory", errno: errno) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw POSIXFailure(operation: "fsync directory", errno: errno) }
    }
}
