import Foundation
import IAMConfCore

/// The creates an apply is about to make, written to `<state>.intent` before its first operation.
///
/// Why: the backend keeps an object as soon as it is created, the state only at its next save. If
/// the process dies in between, the next apply finds the object already there; the journal says
/// iamconf itself made it (so adopting it takes over nothing someone else made), and `startedAt`
/// tells an access key left behind by the killed run from an older one made by hand.
///
/// On disk: `{"version":1,"started_at":"<ISO 8601>","addresses":[...]}`, written atomically
/// (temp file, `fsync`, `rename`) with mode 0600. `started_at` is `null` when unknown: the journal
/// carries addresses from a file in the first format (a bare JSON array, still read), which never
/// said when its run began. A journal that cannot be read, or has a newer version, reads as empty:
/// forgetting an intent makes the next apply refuse an existing object rather than take it over.
public struct IntentJournal: Sendable, Hashable {
    /// The format version written.
    public static let version = 1

    /// Resources a run planned to create that no state save has recorded yet.
    public var addresses: Set<Address>
    /// When the earliest run whose addresses are still here began (to the second, rounded down),
    /// or `nil` when unknown.
    public var startedAt: Date?

    public init(addresses: Set<Address> = [], startedAt: Date? = nil) {
        self.addresses = addresses
        self.startedAt = startedAt
    }

    /// No pending intent.
    public static let empty = IntentJournal()

    public var isEmpty: Bool { addresses.isEmpty }

    /// The journal a run starting at `now` writes: its own `creates` plus every earlier address,
    /// dated from the earliest run still in it (unknown stays unknown).
    public func adding(_ creates: some Sequence<Address>, startedAt now: Date) -> IntentJournal {
        IntentJournal(addresses: addresses.union(creates), startedAt: isEmpty ? now : startedAt.map { min($0, now) })
    }

    /// What is left of this (earlier) journal once a run that ended normally has saved `state`:
    /// only the addresses the state still does not record. The run's own failed creates are not
    /// kept, or a later apply would take over objects it never made (an EntityAlreadyExists from
    /// someone else's user, say).
    public func settled(by state: State) -> IntentJournal {
        IntentJournal(addresses: addresses.filter { state.resources[$0] == nil }, startedAt: startedAt)
    }

    /// Like `settled(by:)`, but also keeps this run's creates whose answer was lost (`uncertain`):
    /// they may have made their objects, which are then iamconf's own to adopt next time. The
    /// journal is dated from the earliest run it still holds (`now` for this run's).
    public func settled(by state: State, keeping uncertain: some Sequence<Address>, startedAt now: Date) -> IntentJournal {
        let remaining = settled(by: state)
        let kept = Set(uncertain).filter { state.resources[$0] == nil }
        guard !kept.isEmpty else { return remaining }
        return remaining.isEmpty ? IntentJournal(addresses: kept, startedAt: now) : remaining.adding(kept, startedAt: now)
    }

    // MARK: File

    /// The journal at `path`; empty when there is none or it cannot be read.
    public static func read(_ path: String) -> IntentJournal {
        decode((try? POSIXFile.read(path)) ?? nil)
    }

    /// A journal's bytes as written by `encoded`; empty when absent or unreadable.
    public static func decode(_ bytes: [UInt8]?) -> IntentJournal {
        guard let bytes, let document = try? JSONParser.parse(String(decoding: bytes, as: UTF8.self)) else { return .empty }
        switch document {
        case let .array(items):
            // The first format: a bare array of addresses, with no start time.
            return IntentJournal(addresses: addresses(items), startedAt: nil)
        case .object:
            guard case let .number(spelling)? = document["version"], Int(spelling) == version,
                  case let .array(items)? = document["addresses"]
            else { return .empty }
            let started = document["started_at"]?.stringValue.flatMap { try? Date($0, strategy: .iso8601) }
            return IntentJournal(addresses: addresses(items), startedAt: started)
        default:
            return .empty
        }
    }

    private static func addresses(_ items: [JSONValue]) -> Set<Address> {
        Set(items.compactMap { $0.stringValue.flatMap(Address.init(parsing:)) })
    }

    /// Writes the journal to `path` atomically and durably, mode 0600; an empty journal removes the file.
    public func write(to path: String) throws(StateError) {
        guard let bytes = encoded else {
            _ = try POSIXFile.remove(path)
            return
        }
        try POSIXFile.writeAtomically(bytes, to: path)
    }

    /// The journal's file contents; `nil` for an empty journal (which is stored as no file).
    public var encoded: [UInt8]? {
        guard !isEmpty else { return nil }
        // Sorted on descriptions made once each: Address's `<` builds both strings per comparison.
        let sorted = addresses.map(\.description).sorted()
        let document = JSONValue.object([
            ("version", .number(String(Self.version))),
            ("started_at", startedAt.map { .string($0.ISO8601Format()) } ?? .null),
            ("addresses", .array(sorted.map(JSONValue.string))),
        ])
        return Array(document.compactText().utf8)
    }
}
