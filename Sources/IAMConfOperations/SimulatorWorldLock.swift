import Foundation
import Synchronization

/// Keeps one process at a time working on a simulator world directory.
///
/// The state lock guards one state file, but several state files (`--state a.state`,
/// `--state b.state`) may share the `.iamconf/` world beside them; without this, two applies
/// would each rewrite the whole world and lose the other's objects. The lock is an `flock` on
/// `.iamconf/simulator.lock`, released by the kernel when the process ends, however it ends.
enum SimulatorWorldLock {
    /// Directories this process holds; a second `flock` on a new descriptor would conflict with the first.
    private static let held = Mutex<Set<String>>([])

    /// Takes the lock for the rest of the process, or explains who has it.
    static func acquire(directory: String) throws(OperationError) {
        let key = URL(fileURLWithPath: directory).standardizedFileURL.path
        guard !held.withLock({ $0.contains(key) }) else { return }
        do {
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw OperationError("cannot create the simulator directory \(directory): \(error.localizedDescription)")
        }
        let path = (directory as NSString).appendingPathComponent("simulator.lock")
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw OperationError("cannot open \(path): \(String(cString: strerror(errno)))", hint: "check the directory's permissions")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw OperationError(
                "another iamconf process is changing the simulated world in \(directory)",
                hint: "wait for it to finish; applies with different --state files that share one .iamconf directory run one at a time")
        }
        // Deliberately left open: the lock lasts until the process exits.
        held.withLock { _ = $0.insert(key) }
    }

    /// Whether another process (a running serve or apply) holds the lock now; the probe takes a
    /// shared lock for an instant and lets it go.
    static func isHeldByAnotherProcess(directory: String) -> Bool {
        let path = (directory as NSString).appendingPathComponent("simulator.lock")
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        guard flock(descriptor, LOCK_SH | LOCK_NB) == 0 else { return errno == EWOULDBLOCK }
        flock(descriptor, LOCK_UN)
        return false
    }
}
