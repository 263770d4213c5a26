import IAMConfCore

extension Workspace {
    /// Plan and apply do not create the organization in any backend yet: say so whenever a
    /// configuration has one, so nobody takes a clean plan for SCPs in place.
    static func unappliedOrganizationNote(_ configuration: Configuration) -> String? {
        guard let organization = configuration.organization else { return nil }
        let units = organization.units.count
        let policies = organization.policies.count
        return """
            Note: the organization (\(units) unit\(units == 1 ? "" : "s"), \(policies) SCP\(policies == 1 ? "" : "s")) is not applied \
            to the backend: check, test, who-can, paths and serve evaluate its SCPs, but plan and apply create no \
            organization, unit, policy or attachment, in the simulator or through an endpoint's Organizations API \
            (docs/organizations.md).

            """
    }
}
