import Foundation

extension POSIXFile {
    /// Removes the temporary files `writeAtomically` left beside `path` (and beside the side files
    /// named after it: `.backup`, `.intent`, …) in processes that no longer run.
    ///
    /// Why: a process killed between creating its temporary and renaming it leaves
    /// `.<name>.tmp-<pid>-<n>` behind; nothing else would ever remove it. Only a temporary whose
    /// process is known to be gone is removed: a live writer's (this process's included) is its own
    /// business. Best effort: a file that cannot be listed or removed is left for the next run.
    static func removeStaleTemporaries(of path: String) {
        let directory = directoryOf(path)
        let prefix = "." + fileNameOf(path)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for name in names where name.hasPrefix(prefix) {
            guard let pid = temporaryOwner(name), pid != getpid(), !isRunning(pid) else { continue }
            unlink("\(directory)/\(name)")
        }
    }

    /// The process id in a temporary's name `.<name>.tmp-<pid>-<n>`, or `nil` when it is not one.
    static func temporaryOwner(_ name: String) -> pid_t? {
        guard let marker = name.range(of: ".tmp-", options: .backwards) else { return nil }
        let parts = name[marker.upperBound...].split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, let pid = pid_t(parts[0]), pid > 0, UInt32(parts[1]) != nil else { return nil }
        return pid
    }

    /// Whether a process with this id exists on this host (`EPERM` means it exists but is someone else's).
    static func isRunning(_ pid: pid_t) -> Bool {
        kill(pid, 0) == 0 || errno != ESRCH
    }
}
