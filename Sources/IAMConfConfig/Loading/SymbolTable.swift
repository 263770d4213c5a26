import IAMConfCore
import Yams

/// The kinds of named things an account holds, spelled as the configuration keys them.
enum EntityKind: String, CaseIterable {
    case users, groups, roles, policies
    case instanceProfiles = "instance_profiles"
    case identityProviders = "identity_providers"
    case buckets

    /// The word used in messages and addresses (`user`, `instance_profile`).
    var singular: String {
        switch self {
        case .users: return "user"
        case .groups: return "group"
        case .roles: return "role"
        case .policies: return "policy"
        case .instanceProfiles: return "instance_profile"
        case .identityProviders: return "identity_provider"
        case .buckets: return "bucket"
        }
    }

    /// IAM compares these names case-insensitively (two users `Alice` and `alice` cannot coexist).
    var isCaseInsensitive: Bool { ![.identityProviders, .buckets].contains(self) }
}

/// One named entity as first seen: where it is written and the ARN references resolve to.
struct EntityEntry {
    var name: String
    var file: String
    var key: Node
    var value: Node
    /// The IAM path read in phase one (`/` when absent or invalid); the ARN needs it.
    var path: String
    /// Filled once every account id is known.
    var arn: String = ""
}

/// The entities of one kind in one account, in order of appearance, findable by name.
struct EntityTable {
    private(set) var entries: [EntityEntry] = []
    private var index: [String: Int] = [:]
    private var folded: [String: Int] = [:]

    func entry(named name: String) -> EntityEntry? { index[name].map { entries[$0] } }
    func entry(foldedName name: String) -> EntityEntry? { folded[name.lowercased()].map { entries[$0] } }
    var names: [String] { entries.map(\.name) }

    mutating func assignARNs(_ arn: (EntityEntry) -> String) {
        for position in entries.indices { entries[position].arn = arn(entries[position]) }
    }

    mutating func add(_ entry: EntityEntry) {
        index[entry.name] = entries.count
        folded[entry.name.lowercased()] = folded[entry.name.lowercased()] ?? entries.count
        entries.append(entry)
    }
}

/// One account's part of one file (accounts may be split across files).
struct AccountFragment {
    var file: String
    var key: Node
    var fields: Fields
}

/// What phase one learned about an account: its id and every entity's name and ARN.
struct AccountSymbols {
    var name: String
    var id: String = ""
    /// Where the id is first written, for a second file that sets it again.
    var idLocation: SourceLocation?
    var alias: String?
    var location: SourceLocation
    var fragments: [AccountFragment] = []
    var tables: [EntityKind: EntityTable] = [:]
    /// Names written as a `permissions_boundary` in this account: those customer managed
    /// policies are checked as boundaries.
    var boundaryNames: Set<String> = []

    func table(_ kind: EntityKind) -> EntityTable { tables[kind] ?? EntityTable() }
}

/// Every account and entity name in the configuration, so references resolve in one pass.
struct SymbolTable {
    private(set) var accounts: [AccountSymbols] = []
    private var index: [String: Int] = [:]
    private var byID: [String: Int] = [:]

    func account(named name: String) -> AccountSymbols? { index[name].map { accounts[$0] } }
    func account(id: String) -> AccountSymbols? { byID[id].map { accounts[$0] } }
    var accountNames: [String] { accounts.map(\.name) }

    /// Adds a new account, or returns the index of the one already known by that name.
    mutating func accountIndex(named name: String, location: SourceLocation) -> Int {
        if let existing = index[name] { return existing }
        index[name] = accounts.count
        accounts.append(AccountSymbols(name: name, location: location))
        return accounts.count - 1
    }

    mutating func update(_ position: Int, _ change: (inout AccountSymbols) -> Void) {
        change(&accounts[position])
    }

    /// Registers an account id; returns the account already holding it, if another one does.
    mutating func register(id: String, for position: Int) -> AccountSymbols? {
        if let other = byID[id], other != position { return accounts[other] }
        byID[id] = position
        accounts[position].id = id
        return nil
    }
}
