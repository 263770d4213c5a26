#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The few system calls the store needs, with errors turned into `StateError`.
///
/// Plain POSIX rather than `FileManager`, because an atomic, durable write needs `fsync` on the file
/// and on its directory, exclusive creation for the lock, and an exact file mode for secrets.
enum POSIXFile {
    /// Identifies one version of a file cheaply, to notice another writer without reading it.
    struct Identity: Equatable, Sendable {
        var device: UInt64
        var inode: UInt64
        var size: Int64
        var modifiedNanoseconds: Int64
    }

    /// The whole file, or `nil` when it does not exist.
    static func read(_ path: String) throws(StateError) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            if errno == ENOENT { return nil }
            throw failure("cannot open", path)
        }
        defer { close(fd) }
        var result: [UInt8] = []
        var info = stat()
        if fstat(fd, &info) == 0, info.st_size > 0 { result.reserveCapacity(Int(info.st_size) + 1) }
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glue.read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw failure("cannot read", path)
            }
            if count == 0 { return result }
            result.append(contentsOf: chunk[0..<count])
        }
    }

    static func identity(_ path: String) -> Identity? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        #if canImport(Darwin)
        let modified = Int64(info.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(info.st_mtimespec.tv_nsec)
        #else
        let modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        #endif
        return Identity(
            device: UInt64(info.st_dev), inode: UInt64(info.st_ino), size: Int64(info.st_size),
            modifiedNanoseconds: modified)
    }

    /// Replaces `path` with `bytes` so a reader sees the old file or the new one, never a mix, even
    /// after a crash: temp file in the same directory, `fsync`, `rename`, `fsync` the directory.
    /// `beforeRename` (tests only) sees the finished temp file and may throw to simulate a crash.
    static func writeAtomically(
        _ bytes: [UInt8], to path: String, mode: mode_t = 0o600,
        beforeRename: (@Sendable (String) throws(StateError) -> Void)? = nil
    ) throws(StateError) {
        // Renaming over a symbolic link would replace the link; write where it points instead.
        let path = resolvedSymbolicLink(path)
        let directory = directoryOf(path)
        let temporary = "\(directory)/.\(fileNameOf(path)).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        if fd < 0 { throw failure("cannot create a temporary file in \(directory) for", path) }
        var written = false
        defer { if !written { unlink(temporary) } }
        do {
            defer { close(fd) }
            // The mode given to open() is masked by the umask; secrets must be exactly owner-only.
            guard fchmod(fd, mode) == 0 else { throw failure("cannot set the mode of", temporary) }
            try writeAll(fd, bytes, path: temporary)
            guard fsync(fd) == 0 else { throw failure("cannot flush", temporary) }
        }
        try beforeRename?(temporary)
        guard rename(temporary, path) == 0 else { throw failure("cannot replace", path) }
        written = true
        syncDirectory(directory)
    }

    /// The file a symbolic link at `path` ends at (through chains of links), or `path` itself when
    /// it is not a link or the link is dangling (then the write creates the file at `path`).
    static func resolvedSymbolicLink(_ path: String) -> String {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK, let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Creates `path` holding `bytes` only if it does not exist. Returns false when it exists.
    ///
    /// Why not `open(O_CREAT|O_EXCL)` and then write: a process killed between the two leaves an
    /// empty lock file that names no holder, so nobody can tell whether it is stale. The bytes go
    /// to a finished, flushed temporary first and `link(2)` publishes it under `path`, which fails
    /// with `EEXIST` atomically: `path` never exists half-written.
    /// `beforePublish` (tests only) sees the finished temporary before it is linked.
    static func createExclusively(
        _ path: String, _ bytes: [UInt8], mode: mode_t = 0o600, beforePublish: ((String) -> Void)? = nil
    ) throws(StateError) -> Bool {
        let directory = directoryOf(path)
        let temporary = "\(directory)/.\(fileNameOf(path)).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        if fd < 0 { throw failure("cannot create a temporary file in \(directory) for", path) }
        defer { unlink(temporary) }
        do {
            defer { close(fd) }
            guard fchmod(fd, mode) == 0 else { throw failure("cannot set the mode of", temporary) }
            try writeAll(fd, bytes, path: temporary)
            guard fsync(fd) == 0 else { throw failure("cannot flush", temporary) }
        }
        beforePublish?(temporary)
        guard link(temporary, path) == 0 else {
            if errno == EEXIST { return false }
            // File systems without hard links (FAT, some FUSE mounts): the open-then-write form.
            if errno == EPERM || errno == ENOTSUP || errno == EOPNOTSUPP { return try createThenWrite(path, bytes, mode: mode) }
            throw failure("cannot create", path)
        }
        syncDirectory(directory)
        return true
    }

    private static func createThenWrite(_ path: String, _ bytes: [UInt8], mode: mode_t) throws(StateError) -> Bool {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        if fd < 0 {
            if errno == EEXIST { return false }
            throw failure("cannot create", path)
        }
        var complete = false
        defer {
            close(fd)
            if !complete { unlink(path) }
        }
        try writeAll(fd, bytes, path: path)
        guard fsync(fd) == 0 else { throw failure("cannot flush", path) }
        complete = true
        syncDirectory(directoryOf(path))
        return true
    }

    /// Appends `bytes` to `path` (created with mode 0600) and waits until they are on disk.
    static func appendDurably(_ bytes: [UInt8], to path: String) throws(StateError) {
        let isNew = access(path, F_OK) != 0
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw failure("cannot open", path) }
        defer { close(fd) }
        try writeAll(fd, bytes, path: path)
        guard fsync(fd) == 0 else { throw failure("cannot flush", path) }
        if isNew { syncDirectory(directoryOf(path)) }
    }

    /// Removes `path`; returns false when it was already gone.
    static func remove(_ path: String) throws(StateError) -> Bool {
        if unlink(path) == 0 {
            syncDirectory(directoryOf(path))
            return true
        }
        if errno == ENOENT { return false }
        throw failure("cannot remove", path)
    }

    private static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws(StateError) {
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return Glue.write(fd, base + offset, buffer.count - offset)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw failure("cannot write", path)
            }
            offset += count
        }
    }

    /// Makes a rename or unlink durable. Best effort: some file systems refuse `fsync` on a directory.
    private static func syncDirectory(_ directory: String) {
        let fd = open(directory, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }

    static func directoryOf(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let directory = String(path[..<slash])
        return directory.isEmpty ? "/" : directory
    }

    static func fileNameOf(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    static func failure(_ action: String, _ path: String) -> StateError {
        let code = errno
        let reason = String(cString: strerror(code))
        let hint: String? = switch code {
        case EACCES, EPERM, EROFS: "check the permissions of \(path) and its directory"
        case ENOSPC, EDQUOT: "free some disk space and retry"
        case ENOENT: "check that the directory exists"
        default: nil
        }
        return StateError(.io, "\(action) \(path): \(reason)", hint: hint, path: path)
    }
}

/// The C functions whose names the static methods above shadow.
private enum Glue {
    static func read(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
        #if canImport(Darwin)
        Darwin.read(fd, buffer, count)
        #elseif canImport(Musl)
        Musl.read(fd, buffer, count)
        #else
        Glibc.read(fd, buffer, count)
        #endif
    }

    static func write(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
        #if canImport(Darwin)
        Darwin.write(fd, buffer, count)
        #elseif canImport(Musl)
        Musl.write(fd, buffer, count)
        #else
        Glibc.write(fd, buffer, count)
        #endif
    }
}
