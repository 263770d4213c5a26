import IAMConfCore
import IAMConfState

/// Where the exported resources sit in the state written: the addresses the exported YAML plans.
extension AccountExport {
    /// The account's resources at their addresses in the export: the account's key, attachments keyed
    /// by the name `policies:` gives them, access keys numbered from 1 as `access_keys: N` creates them.
    static func rekeyed(_ resources: [ResourceState], to key: String, accountKeys: [String: String], oldNames: [String: String]) -> [ResourceState] {
        func moved(_ address: Address) -> Address? {
            guard let id = oldNames[address.account], let newKey = accountKeys[id] else { return nil }
            var address = address
            address.account = newKey
            return address
        }
        var result: [ResourceState] = []
        var keysByUser: [String: [ResourceState]] = [:]
        for var resource in resources {
            resource.address.account = key
            resource.dependencies = resource.dependencies.compactMap(moved)
            if [.userPolicyAttachment, .groupPolicyAttachment, .rolePolicyAttachment].contains(resource.type),
               let arn = resource.attributes["policy_arn"]?.stringValue {
                resource.address.key = String(arn.split(separator: "/").last ?? "")
            }
            if resource.type == .accessKey, let user = resource.address.name {
                keysByUser[user, default: []].append(resource)
                continue
            }
            result.append(resource)
        }
        for (_, keys) in keysByUser {
            let ordered = keys.sorted { (Int($0.address.key ?? "") ?? 0) < (Int($1.address.key ?? "") ?? 0) }
            for (index, var accessKey) in ordered.enumerated() {
                accessKey.address.key = String(index + 1)
                accessKey.attributes["index"] = .number(String(index + 1))
                result.append(accessKey)
            }
        }
        return result
    }
}
