import Foundation
import IAMConfSimulator

/// Lab snapshots: the world, the buckets' objects and the state, saved together under a name and put
/// back together (`iamconf lab snapshot NAME`, `lab reset NAME`, `lab list`).
///
/// Taken and restored under the simulator's world lock, so never while `iamconf serve` (which holds
/// it, and keeps its changes in memory until it stops) or an apply runs.
extension Workspace {
    /// A saved snapshot: its name and when it was taken.
    public struct Snapshot: Sendable, Hashable {
        public var name: String
        public var date: Date
    }

    /// `.iamconf/snapshots`.
    public var snapshotsDirectory: String { (simulatorDirectory as NSString).appendingPathComponent("snapshots") }

    /// What a snapshot holds: the world, the objects, and the state (by the name it has there).
    private var snapshotFiles: [(source: String, stored: String)] {
        [
            ((simulatorDirectory as NSString).appendingPathComponent("simulator.json"), "simulator.json"),
            ((simulatorDirectory as NSString).appendingPathComponent("objects.json"), "objects.json"),
            (statePath, "state.json"),
        ]
    }

    /// Saves the world, the objects and the state as `name` (a new name: snapshots are not overwritten).
    public func takeSnapshot(_ name: String) throws(OperationError) {
        try Self.checkSnapshotName(name)
        try SimulatorWorldLock.acquire(directory: simulatorDirectory)
        let manager = FileManager.default
        guard manager.fileExists(atPath: (simulatorDirectory as NSString).appendingPathComponent("simulator.json")) else {
            throw OperationError("nothing has been applied to the simulator yet (no world in \(simulatorDirectory))", hint: "run `iamconf apply` first")
        }
        let target = (snapshotsDirectory as NSString).appendingPathComponent(name)
        guard !manager.fileExists(atPath: target) else {
            throw OperationError("a snapshot named \(name) exists", hint: "choose another name, or delete \(target)")
        }
        // Copied into a temporary directory first and renamed into place: a snapshot is whole or absent.
        let temporary = (snapshotsDirectory as NSString).appendingPathComponent(".\(name).\(UUID().uuidString)")
        do {
            try manager.createDirectory(atPath: temporary, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            for file in snapshotFiles where manager.fileExists(atPath: file.source) {
                try manager.copyItem(atPath: file.source, toPath: (temporary as NSString).appendingPathComponent(file.stored))
            }
            try manager.moveItem(atPath: temporary, toPath: target)
        } catch {
            try? manager.removeItem(atPath: temporary)
            throw OperationError("cannot take the snapshot \(name): \(error.localizedDescription)")
        }
    }

    /// Puts the snapshot `name` back: world, objects and state as they were when it was taken.
    /// Each file is replaced atomically; the state goes last, so an interrupted reset leaves a state
    /// that still describes the world it was made for, or the restored one.
    public func resetToSnapshot(_ name: String) throws(OperationError) {
        try Self.checkSnapshotName(name)
        try SimulatorWorldLock.acquire(directory: simulatorDirectory)
        let manager = FileManager.default
        let source = (snapshotsDirectory as NSString).appendingPathComponent(name)
        guard manager.fileExists(atPath: source) else {
            let known = ((try? listSnapshots()) ?? []).map(\.name)
            throw OperationError("no snapshot named \(name)", hint: known.isEmpty ? "take one with `iamconf lab snapshot NAME`" : "snapshots: \(known.joined(separator: ", "))")
        }
        for file in snapshotFiles {
            let stored = (source as NSString).appendingPathComponent(file.stored)
            do {
                if manager.fileExists(atPath: stored) {
                    try Data(contentsOf: URL(fileURLWithPath: stored)).write(to: URL(fileURLWithPath: file.source), options: [.atomic])
                } else if manager.fileExists(atPath: file.source) {
                    try manager.removeItem(atPath: file.source)
                }
            } catch {
                throw OperationError("cannot restore \(file.source) from the snapshot \(name): \(error.localizedDescription)")
            }
        }
    }

    /// The snapshots, oldest first.
    public func listSnapshots() throws(OperationError) -> [Snapshot] {
        let manager = FileManager.default
        guard let names = try? manager.contentsOfDirectory(atPath: snapshotsDirectory) else { return [] }
        return names.filter { !$0.hasPrefix(".") }.compactMap { name -> Snapshot? in
            let path = (snapshotsDirectory as NSString).appendingPathComponent(name)
            guard let date = (try? manager.attributesOfItem(atPath: path))?[.modificationDate] as? Date else { return nil }
            return Snapshot(name: name, date: date)
        }.sorted { ($0.date, $0.name) < ($1.date, $1.name) }
    }

    static func checkSnapshotName(_ name: String) throws(OperationError) {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")
        guard !name.isEmpty, name.count <= 64, !name.hasPrefix("."), name.allSatisfy(allowed.contains) else {
            throw OperationError("'\(name)' is not a snapshot name", hint: "use 1 to 64 letters, digits, '.', '_' or '-', not starting with '.'")
        }
    }
}
