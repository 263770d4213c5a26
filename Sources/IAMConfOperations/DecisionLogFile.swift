import Foundation
import IAMConfServer

/// The decision log beside the world (`.iamconf/decisions.jsonl`): one JSON object per line, appended
/// by `iamconf serve` and read by `iamconf lab log`.
///
/// Each record is one `write` on a file opened with `O_APPEND`, so concurrent requests never
/// interleave within a line and no lock is needed.
public final class DecisionLogFile: Sendable {
    public let path: String
    private let descriptor: Int32

    /// Opens (creating, mode 0600) the log for appending.
    public init(path: String) throws(OperationError) {
        self.path = path
        descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw OperationError("cannot open the decision log \(path): \(String(cString: strerror(errno)))")
        }
    }

    deinit { close(descriptor) }

    /// Appends one record; a failed write is dropped (the request it describes was still answered).
    public func append(_ record: DecisionRecord) {
        let line = record.jsonLine()
        _ = line.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    }

    /// The records in `text` (whole lines only; a line that does not parse is skipped).
    public static func records(in text: Substring) -> [DecisionRecord] {
        let decoder = JSONDecoder()
        return text.split(separator: "\n").compactMap { try? decoder.decode(DecisionRecord.self, from: Data($0.utf8)) }
    }
}

extension Workspace {
    /// `.iamconf/decisions.jsonl` beside the simulator's world.
    public var decisionLogPath: String { (simulatorDirectory as NSString).appendingPathComponent("decisions.jsonl") }
}
