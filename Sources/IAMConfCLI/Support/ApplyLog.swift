import Foundation
import IAMConfCore
import IAMConfEngine
import Synchronization

/// Terraform's per-resource apply lines (`ADDRESS: Creating...`, `ADDRESS: Creation complete after
/// 1s [id=...]`), written to standard output.
///
/// Off a terminal (CI logs, files) the lines are batched into large writes: a 100,000-resource apply
/// prints 200,000 lines, and one write each would cost the apply a noticeable share of its time.
/// On a terminal each line is written at once, so the person watching sees it happen.
final class ApplyLog: Sendable {
    private let buffer = Mutex<[UInt8]>([])
    private let writesEachLine: Bool
    private static let batch = 1 << 16

    init(writesEachLine: Bool) {
        self.writesEachLine = writesEachLine
    }

    func record(_ event: Applier.Event) {
        guard let line = Self.line(event) else { return }
        let full = buffer.withLock { bytes -> [UInt8]? in
            bytes.append(contentsOf: line.utf8)
            bytes.append(UInt8(ascii: "\n"))
            guard writesEachLine || bytes.count >= Self.batch else { return nil }
            defer { bytes.removeAll(keepingCapacity: true) }
            return bytes
        }
        if let full { FileHandle.standardOutput.write(Data(full)) }
    }

    /// Writes what is still batched; call before anything else is printed after the apply.
    func flush() {
        let rest = buffer.withLock { bytes -> [UInt8] in
            defer { bytes.removeAll() }
            return bytes
        }
        if !rest.isEmpty { FileHandle.standardOutput.write(Data(rest)) }
    }

    /// The line Terraform prints for an event (a failure is reported with the others at the end).
    static func line(_ event: Applier.Event) -> String? {
        switch event {
        case let .started(address, action, step):
            switch step {
            case .create: return "\(escaped(address)): \(action == .replace ? "Creating replacement" : "Creating")..."
            case .update: return "\(escaped(address)): Modifying..."
            case .delete: return "\(escaped(address)): Destroying..."
            case .completeTrust: return "\(escaped(address)): Putting its own trust policy in place of the placeholder..."
            }
        case let .finished(address, _, step, seconds, id, wasAdopted):
            let after = "after \(duration(seconds))"
            let identity = id.map { " [id=\(escaped($0))]" } ?? ""
            switch step {
            case .create:
                return "\(escaped(address)): \(wasAdopted ? "Adopted (it already existed)" : "Creation complete") \(after)\(identity)"
            case .update: return "\(escaped(address)): Modifications complete \(after)\(identity)"
            case .delete: return "\(escaped(address)): Destruction complete \(after)"
            case .completeTrust: return "\(escaped(address)): Trust policy complete \(after)"
            }
        case .failed:
            return nil
        case let .skipped(address, _, failed):
            return "\(escaped(address)): Skipped: it depends on \(escaped(failed)), which failed"
        }
    }

    /// Terraform's spelling: `0s`, `12s`, `1m5s`.
    static func duration(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded(.down))
        return whole < 60 ? "\(whole)s" : "\(whole / 60)m\(whole % 60)s"
    }

    /// Names come from configurations and backends: keep control characters off the terminal.
    private static func escaped(_ value: some CustomStringConvertible) -> String {
        let text = value.description
        guard text.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.flatMap { scalar -> [Unicode.Scalar] in
            scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) ? Array("\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars) : [scalar]
        }))
    }
}
