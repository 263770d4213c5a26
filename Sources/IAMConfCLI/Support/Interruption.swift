import Dispatch
import Foundation

/// Turns the first Ctrl-C (SIGINT) or SIGTERM during an apply into a graceful stop: no new
/// operations start, those in flight finish, and the state is saved. A second signal exits at
/// once (the state is still intact: every save is atomic, and the next apply finishes the work).
final class Interruption: @unchecked Sendable {
    private var sources: [DispatchSourceSignal] = []

    /// Calls `handler` once on the first SIGINT or SIGTERM; restores default handling after it.
    init(_ handler: @escaping @Sendable () -> Void) {
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { [weak self] in
                self?.restoreDefaults()
                handler()
            }
            source.resume()
            sources.append(source)
        }
    }

    private func restoreDefaults() {
        for source in sources { source.cancel() }
        sources.removeAll()
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }

    deinit { restoreDefaults() }
}
