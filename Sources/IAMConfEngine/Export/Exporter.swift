import IAMConfCore
import IAMConfState

/// Turns what IAM holds (resources shaped as an applied state holds them) into a configuration a
/// person would write, one file per account, and the state that configuration plans no change
/// against (docs/export.md).
///
/// A pure function of its input: the caller reads the resources (from a state, or from a backend's
/// inventory) and writes the files. Accounts are keyed by their alias, else `account_ID`; every
/// address in the state written is moved to those keys.
public enum Exporter {
    /// Exports `resources`; `accounts` (ids), when given, keeps only those accounts.
    public static func export(
        _ resources: [ResourceState], accounts: Set<String>? = nil, backend: BackendDescriptor, lineage: String
    ) -> Export {
        var notes = ExportNotes()
        var kept: [ResourceState] = []
        var leftRoles = Set<String>()
        for resource in resources where accounts?.contains(resource.accountID) ?? true {
            if let linked = ServiceLinkedRoleExport.declared(resource) {
                // Declared by service; its trust and policies are AWS's, so what hangs off the role goes.
                if !resources.contains(where: { $0.address == linked.address && $0.type == .serviceLinkedRole }) { kept.append(linked) }
                leftRoles.insert("\(resource.accountID)/\(resource.address.name ?? "")")
            } else if notes.keeps(resource) {
                kept.append(resource)
            } else if resource.type == .role {
                leftRoles.insert("\(resource.accountID)/\(resource.address.name ?? "")")
            }
        }
        // What hangs off a role left out goes with it (its attachments, inline policies, profiles' hold on it).
        if !leftRoles.isEmpty {
            kept.removeAll { resource in
                (resource.address.kind == .role && leftRoles.contains("\(resource.accountID)/\(resource.address.name ?? "")"))
                    || (resource.type == .instanceProfileRole && leftRoles.contains("\(resource.accountID)/\(resource.attributes["role"]?.stringValue ?? "")"))
            }
        }
        let accountKeys = Self.accountKeys(kept)
        let byAccount = Dictionary(grouping: kept, by: \.accountID)
        var references = ExportReferences(accountKeys: accountKeys)
        for resource in kept { references.index(resource, key: accountKeys[resource.accountID] ?? "") }
        var files: [ExportFile] = []
        var state = State(lineage: lineage, serial: 0, backend: backend)
        let oldNames = Dictionary(kept.map { ($0.address.account, $0.accountID) }, uniquingKeysWith: { first, _ in first })
        for id in byAccount.keys.sorted(by: { accountKeys[$0]! < accountKeys[$1]! }) {
            let key = accountKeys[id]!
            let moved = AccountExport.rekeyed(byAccount[id]!, to: key, accountKeys: accountKeys, oldNames: oldNames)
            var writer = AccountExport(key: key, id: id, resources: moved, references: references)
            files += writer.files()
            notes.merge(writer.notes)
            for resource in writer.stateResources { state.resources[resource.address] = resource }
        }
        // Dependencies on what was left out (another account, an AWS-owned role) are dropped with it.
        let exported = Set(state.resources.keys)
        for address in exported {
            state.resources[address]!.dependencies.removeAll { !exported.contains($0) }
        }
        return Export(files: files, state: state, notes: notes.lines, accountKeys: accountKeys)
    }

    /// The alias where the account has one (a readable, unique name), else `account_ID`. An alias
    /// that starts with a digit (IAM allows `9lives`) is no account name, which starts with a letter.
    static func accountKeys(_ resources: [ResourceState]) -> [String: String] {
        var keys: [String: String] = [:]
        for resource in resources where resource.type == .accountAlias {
            if let alias = resource.attributes["alias"]?.stringValue, let first = alias.unicodeScalars.first, ("a"..."z").contains(first),
               alias.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }) {
                keys[resource.accountID] = alias
            }
        }
        for resource in resources where keys[resource.accountID] == nil { keys[resource.accountID] = "account_\(resource.accountID)" }
        return keys
    }
}

/// What an export produced: the configuration's files, the matching state, and what to tell the user.
public struct Export: Sendable {
    /// Files by name (`acme-prod.yaml`, a SAML provider's metadata), in the order they are listed.
    public var files: [ExportFile]
    /// The exported resources at the addresses the files plan, without secrets (they cannot be read back).
    public var state: State
    /// What was left out and why, and the note on secrets; one line each.
    public var notes: [String]
    /// Account id -> its key in the files.
    public var accountKeys: [String: String]
}

public struct ExportFile: Sendable, Equatable {
    public var name: String
    public var text: String
}

extension ExportReferences {
    /// Records the ARN a reference to this resource resolves to, if it is an entity a reference can name.
    mutating func index(_ resource: ResourceState, key: String) {
        guard let name = resource.address.name, resource.address.sub == nil else { return }
        let id = resource.accountID
        let path = resource.attributes["path"]?.stringValue ?? "/"
        switch resource.type {
        case .user: add(arn: ARN.iam(account: id, type: "user", path: path, name: name).description, account: key, kind: "users", name: name)
        case .group: add(arn: ARN.iam(account: id, type: "group", path: path, name: name).description, account: key, kind: "groups", name: name)
        case .role: add(arn: ARN.iam(account: id, type: "role", path: path, name: name).description, account: key, kind: "roles", name: name)
        case .policy: add(arn: ARN.iam(account: id, type: "policy", path: path, name: name).description, account: key, kind: "policies", name: name)
        case .instanceProfile:
            add(arn: ARN.iam(account: id, type: "instance-profile", path: path, name: name).description, account: key, kind: "instance_profiles", name: name)
        case .oidcProvider:
            if let url = resource.attributes["url"]?.stringValue {
                add(arn: ExportReferences.oidcARN(url: url, account: id), account: key, kind: "identity_providers", name: name)
            }
        case .samlProvider:
            add(arn: ARN(service: "iam", account: id, resource: "saml-provider/\(name)").description, account: key, kind: "identity_providers", name: name)
        case .bucket: add(arn: "arn:aws:s3:::\(name)", account: key, kind: "buckets", name: name)
        default: break
        }
    }

    /// As the configuration computes it: `https://` and trailing slashes dropped.
    static func oidcARN(url: String, account: String) -> String {
        var text = Substring(url)
        if text.hasPrefix("https://") { text = text.dropFirst("https://".count) }
        while text.hasSuffix("/") { text = text.dropLast() }
        return ARN(service: "iam", account: account, resource: "oidc-provider/\(text)").description
    }
}
