import Foundation
import IAMConfOperations
import Synchronization

/// A fresh directory under the system temp directory, removed when the value goes away.
final class TemporaryDirectory {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "/iamconf-operations-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func file(_ name: String) -> String { "\(path)/\(name)" }

    /// Writes `text` to `name` (creating its folder) and returns the folder's path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let file = URL(fileURLWithPath: self.file(name))
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
        return file.deletingLastPathComponent().path
    }
}

/// Keeps everything an operation reports, for tests to look at.
final class RecordingObserver: OperationObserver {
    private let events = Mutex<(warnings: [String], progress: [(done: Int, total: Int)])>(([], []))

    func warning(_ text: String) { events.withLock { $0.warnings.append(text) } }

    func applyProgress(done: Int, total: Int, elapsed: Duration) { events.withLock { $0.progress.append((done, total)) } }

    var warnings: [String] { events.withLock { $0.warnings } }
    var progress: [(done: Int, total: Int)] { events.withLock { $0.progress } }
}

func fileMode(_ path: String) -> mode_t? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    return info.st_mode & 0o777
}
