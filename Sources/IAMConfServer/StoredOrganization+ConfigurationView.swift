import IAMConfCore
import IAMConfSimulator

/// The organization the simulator recorded, as the configuration's `Organization`, so access
/// questions about what was applied (`check --applied`, `serve`) apply the SCPs that were applied,
/// not the ones the YAML describes now.
extension StoredOrganization {
    /// - Parameter accountNames: local names by account id; an account without one is named by its id.
    func configurationOrganization(accountNames: [String: String]) -> Organization {
        func name(_ id: String) -> String { accountNames[id] ?? id }
        let units = units.values
            .sorted { ($0.path.count, $0.path.joined(separator: "/")) < ($1.path.count, $1.path.joined(separator: "/")) }
            .map { OrganizationalUnit(path: $0.path, policies: $0.policies) }
        let policies = policies.values.sorted { $0.name < $1.name }.map {
            ServiceControlPolicy(name: $0.name, description: $0.description, document: World.Account.source($0.document))
        }
        let placements = members.values.sorted { $0.accountID < $1.accountID }.map {
            AccountPlacement(account: name($0.accountID), unitPath: $0.parent, policies: $0.policies)
        }
        return Organization(
            managementAccount: name(managementAccountID), policies: policies, rootPolicies: rootPolicies, units: units, placements: placements)
    }
}
