import Foundation
import IAMConfCore
import IAMConfEngine
import IAMConfState

/// `iamconf export`: reads what IAM holds from a source and writes a configuration directory, one
/// YAML file per account, with the state it plans no change against (docs/export.md).
///
/// The directory must be empty or absent; with `force` the export's files replace ones of the same
/// name (each named in a note), but an existing state is never replaced: its lineage is another
/// configuration's history.
public struct ExportOperation: Sendable {
    public var source: any ExportSource
    public var directory: String
    /// Account ids to export; nil: every account the source has.
    public var accounts: Set<String>?
    public var force: Bool

    public init(source: any ExportSource, directory: String, accounts: Set<String>? = nil, force: Bool = false) {
        self.source = source
        self.directory = directory
        self.accounts = accounts
        self.force = force
    }

    public struct Result: Sendable {
        /// The files written, by path, in order; the state's path last.
        public var written: [String]
        public var accountKeys: [String: String]
        public var resourceCount: Int
    }

    public func run(observer: some OperationObserver) async throws(OperationError) -> Result {
        let statePath = (directory as NSString).appendingPathComponent("iamconf.state.json")
        try checkDirectory(statePath: statePath, observer: observer)
        let input = try await source.read(accounts: accounts, observer: observer)
        if let accounts {
            let known = Set(input.resources.map(\.accountID))
            let missing = accounts.subtracting(known).sorted()
            if !missing.isEmpty {
                throw OperationError(
                    "\(source.origin) has nothing in account \(missing.joined(separator: ", "))",
                    hint: "the accounts it has: \(known.sorted().joined(separator: ", "))")
            }
        }
        let export = Exporter.export(input.resources, accounts: accounts, backend: input.backend, lineage: UUID().uuidString.lowercased())
        guard !export.files.isEmpty else {
            throw OperationError("\(source.origin) holds nothing to export", hint: "apply a configuration first, or name another state")
        }
        var written: [String] = []
        try makeDirectory()
        for file in export.files {
            let path = (directory as NSString).appendingPathComponent(file.name)
            if FileManager.default.fileExists(atPath: path) { observer.warning("Note: replacing \(path) (--force).") }
            do {
                try Data(file.text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            } catch {
                throw OperationError("cannot write \(path): \(error.localizedDescription)", hint: "check that the directory is writable")
            }
            written.append(path)
        }
        do {
            _ = try StateStore(path: statePath).write(export.state)
        } catch {
            throw OperationError(error)
        }
        written.append(statePath)
        for file in input.simulatorFiles { written.append(try copyWorld(file)) }
        for note in export.notes { observer.warning(note) }
        return Result(written: written, accountKeys: export.accountKeys, resourceCount: export.state.resources.count)
    }

    /// An export goes into an empty or new directory: files of its own there would be read with it
    /// as one configuration. `force` lets it write beside them, but never over a state.
    private func checkDirectory(statePath: String, observer: some OperationObserver) throws(OperationError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) else { return }
        guard isDirectory.boolValue else {
            throw OperationError("\(directory) is a file, not a directory", hint: "give --out a directory to create, or an empty one")
        }
        let entries = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
        guard !entries.isEmpty else { return }
        let world = (directory as NSString).appendingPathComponent(".iamconf")
        if let held = [statePath, world].first(where: { FileManager.default.fileExists(atPath: $0) }) {
            throw OperationError(
                "\(directory) already holds a state (\(held)); an export never replaces one",
                hint: "export into a new or empty directory")
        }
        guard force else {
            throw OperationError(
                "\(directory) is not empty (\(entries.prefix(5).joined(separator: ", "))\(entries.count > 5 ? ", …" : ""))",
                hint: "export into a new or empty directory, or add --force to write beside what is there (files of the same name are replaced)")
        }
        let configuration = entries.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
        if !configuration.isEmpty {
            observer.warning("Note: \(directory) already holds \(configuration.joined(separator: ", ")); iamconf reads every YAML file there as one configuration.")
        }
    }

    /// A simulator world file beside the export's state, where the workspace looks for it (`.iamconf/`).
    private func copyWorld(_ world: String) throws(OperationError) -> String {
        let target = (directory as NSString).appendingPathComponent(".iamconf/" + (world as NSString).lastPathComponent)
        do {
            try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: world, toPath: target)
        } catch {
            throw OperationError("cannot copy the simulator world \(world) to \(target): \(error.localizedDescription)", hint: "check that the directory is writable")
        }
        return target
    }

    private func makeDirectory() throws(OperationError) {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw OperationError("cannot create \(directory): \(error.localizedDescription)", hint: "check the path and its permissions")
        }
    }
}
