import Synchronization

/// Values a command has finished with, kept until the process exits instead of being freed.
///
/// Why: a command's last act would otherwise be to free its configuration, state and plan one
/// allocation at a time; at 100k resources that was about 5% of a whole `plan`, while the kernel
/// takes the memory back at exit for nothing.
enum ProcessLifetime {
    private static let kept = Mutex<[any Sendable]>([])

    static func keepUntilExit(_ value: some Sendable) {
        kept.withLock { $0.append(value) }
    }
}
