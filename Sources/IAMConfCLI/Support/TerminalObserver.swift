import Foundation
import IAMConfEngine
import IAMConfOperations

/// Shows what an operation reports on the terminal: warnings and notes on stderr as given, and for
/// a large apply on a terminal a progress line (`done/total operations (rate/s)`) rewritten in place.
struct TerminalObserver: OperationObserver {
    var terminal: Terminal
    /// Whether to draw the apply progress line (only on a terminal, and only for 50 changes or more).
    var showsApplyProgress = false
    /// Where Terraform's per-resource lines go; nil where the progress line stands in for them.
    var log: ApplyLog?

    func applyEvent(_ event: Applier.Event) {
        log?.record(event)
    }

    func warning(_ text: String) {
        terminal.warn(text)
    }

    func applyProgress(done: Int, total: Int, elapsed: Duration) {
        guard showsApplyProgress, done % 25 == 0 || done == total else { return }
        let seconds = elapsed / .seconds(1)
        let rate = seconds > 0 ? Double(done) / seconds : 0
        FileHandle.standardError.write(Data("\r  \(done)/\(total) operations (\(Int(rate))/s)".utf8))
        if done == total { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
