import Foundation
import IAMConfCore

/// Secrets an apply has received but not yet saved with the state: `<state>.secrets`, mode 0600.
///
/// Why: an access key's secret or a generated password exists only in the answer to the call that
/// made it; AWS never shows it again. The state is saved in batches (rewriting a large state for
/// every secret made applies quadratic), so without this a process killed between the call and
/// the next save would leave the key in IAM and its secret nowhere. Each secret-carrying resource
/// is appended here (one `write` and one `fsync`, whatever the state's size) before the apply goes
/// on; the next state save includes it and empties the journal, and a state loaded while the
/// journal still holds records gets them back.
///
/// A record is `<byte count>\n<state file with that one resource>\n`; a record cut short by a crash
/// is ignored (its call had not been acknowledged as recorded).
public struct SecretJournal: Sendable {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// Appends `resource` (as part of a state with `lineage` and `backend`) durably.
    public func append(_ resource: ResourceState, lineage: String, backend: BackendDescriptor) throws(StateError) {
        try POSIXFile.appendDurably(Self.record(resource, lineage: lineage, backend: backend), to: path)
    }

    /// One record's bytes: `<byte count>\n<state file with that one resource>\n`.
    public static func record(_ resource: ResourceState, lineage: String, backend: BackendDescriptor) -> [UInt8] {
        let document = StateFile.encode(State(lineage: lineage, serial: 0, backend: backend, resources: [resource.address: resource]))
        return Array("\(document.count)\n".utf8) + document + [UInt8(ascii: "\n")]
    }

    /// The resources recorded for `lineage`, in the order they were appended (later ones win).
    public func resources(lineage: String) throws(StateError) -> [ResourceState] {
        records().filter { $0.lineage == lineage }.flatMap { Array($0.resources.values) }
    }

    /// `state` with the records' resources of its lineage put back where the state lacks them or
    /// their secrets; the next write saves them and empties the journal.
    static func recover(_ state: State, from records: [State]) -> State {
        var state = state
        for record in records where record.lineage == state.lineage {
            for (address, resource) in record.resources where state.resources[address]?.secrets.isEmpty ?? true {
                state.resources[address] = resource
            }
        }
        return state
    }

    /// Every complete record, whatever its lineage.
    func records() -> [State] { contents().records }

    /// The records, and whether anything other than a torn last append follows them: a record
    /// cut short by a crash was never acknowledged, but unreadable bytes in a whole record may be
    /// a secret, so such a journal is kept rather than emptied.
    func contents() -> (records: [State], isDamaged: Bool) {
        guard let bytes = try? POSIXFile.read(path) else { return ([], false) }
        return Self.parse(bytes, path: path)
    }

    /// The records in a journal's bytes (see `contents`); `path` names it in errors.
    public static func parse(_ bytes: [UInt8], path: String) -> (records: [State], isDamaged: Bool) {
        var states: [State] = []
        var offset = 0
        while offset < bytes.count {
            guard let newline = bytes[offset...].firstIndex(of: UInt8(ascii: "\n")) else { break }  // torn length line
            guard let count = Int(String(decoding: bytes[offset..<newline], as: UTF8.self)), count > 0 else { return (states, true) }
            guard newline + 1 + count <= bytes.count else { break }  // torn record
            guard let state = try? StateFile.decode(Array(bytes[(newline + 1)..<(newline + 1 + count)]), path: path) else {
                return (states, true)
            }
            states.append(state)
            offset = newline + 1 + count + 1
        }
        return (states, false)
    }

    /// Forgets every record once the state that holds them is saved. A damaged journal is kept
    /// (its readable records are in the state; the rest is left for a person to look at), and a
    /// journal that cannot be removed is harmless: its records are already in the state.
    func clearAfterSave() {
        guard exists, !contents().isDamaged else { return }
        try? clear()
    }

    /// Forgets every record.
    public func clear() throws(StateError) {
        _ = try POSIXFile.remove(path)
    }

    public var exists: Bool { FileManager.default.fileExists(atPath: path) }
}
