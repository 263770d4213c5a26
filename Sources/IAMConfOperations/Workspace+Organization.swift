import IAMConfCore

extension Workspace {
    /// The simulator records the organization as resources (`organization.root`, units, SCPs,
    /// attachments, member accounts); iamconf's endpoint backend speaks IAM's Query API, not
    /// Organizations' JSON API, so against an endpoint the organization is evaluated locally only.
    /// Say so whenever such a configuration is planned, so nobody takes a clean plan for SCPs in place.
    static func unappliedOrganizationNote(_ configuration: Configuration) -> String? {
        guard let organization = configuration.organization, configuration.backend?.kind == .endpoint else { return nil }
        let units = organization.units.count
        let policies = organization.policies.count
        return """
            Note: the organization (\(units) unit\(units == 1 ? "" : "s"), \(policies) SCP\(policies == 1 ? "" : "s")) is not applied \
            to the endpoint: iamconf's endpoint backend does not speak the Organizations API, so plan and apply leave out \
            the organization's resources there; check, test, who-can, paths and serve still evaluate its SCPs \
            (docs/organizations.md).

            """
    }

    /// What plan and import make resources of on this backend: against an endpoint, the
    /// configuration without its organization (see `unappliedOrganizationNote`).
    static func plannable(_ configuration: Configuration, on backend: BackendDescriptor) -> Configuration {
        guard backend.kind == .endpoint, configuration.organization != nil else { return configuration }
        var plannable = configuration
        plannable.organization = nil
        return plannable
    }
}
