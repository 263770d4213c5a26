import IAMConfCore

extension PolicySources {
    /// The SCP levels (root, units, account) that restrict a principal of `account`, as policy
    /// entries; empty where SCPs do not apply (no organization, the management account, an account
    /// outside it, a service-linked role). The rules: `AccessAnalyzer+ServiceControl.swift`.
    func serviceControlLevels(for account: Account, role: Role?) -> [[PolicyEntry]] {
        guard let organization = configuration.organization else { return [] }
        if let role, role.linkedService != nil || role.path.hasPrefix("/aws-service-role/") { return [] }
        guard let levels = organization.serviceControlLevels(forAccount: account.name) else { return [] }
        return levels.map { level in
            level.policies.compactMap { name in
                organization.policy(named: name).map {
                    PolicyEntry(
                        id: "organization.policy.\(name)", name: "service control policy \(name)", document: $0.document.document,
                        via: "attached to \(level.target)")
                }
            }
        }
    }
}
