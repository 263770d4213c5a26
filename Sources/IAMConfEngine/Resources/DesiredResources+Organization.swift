import IAMConfCore

/// The organization's resources, addressed under the pseudo-account `organization`, every call
/// made in the management account:
///
/// - `organization.root`: the organization (CreateOrganization, feature set ALL);
/// - `organization.unit.Workloads/Prod`: a unit, under its parent;
/// - `organization.scp.DenyWrites`: a service control policy;
/// - `organization.scp.DenyWrites.attachment[ou/Data]`: an attachment to `root`, `ou/PATH` or
///   `account/KEY`;
/// - `organization.scp.FullAWSAccess.detachment[ou/Data]`: AWS attaches `FullAWSAccess` to every
///   target by itself, so only its removal (`full_aws_access: false`) is a resource;
/// - `organization.account.target`: a member account and the unit it sits in.
enum OrganizationResources {
    static func from(_ configuration: Configuration) -> [Resource] {
        guard let organization = configuration.organization,
              let management = configuration.account(named: organization.managementAccount) else { return [] }
        var resources: [Resource] = []
        let managementID = management.id
        let root = Address(account: Address.organizationAccount, kind: .root)
        func append(_ address: Address, _ type: ResourceType, _ attributes: [String: JSONValue], _ dependencies: [Address], _ location: SourceLocation?) {
            resources.append(Resource(
                address: address, type: type, accountID: managementID, attributes: attributes, dependencies: dependencies, location: location))
        }
        append(root, .organization, ["management_account_id": .string(managementID), "feature_set": .string("ALL")], [], organization.location)
        for unit in organization.units {
            append(
                unitAddress(unit.path), .organizationalUnit,
                ["name": .string(unit.name), "parent": .string(parentText(Array(unit.path.dropLast())))],
                [root] + (unit.path.count > 1 ? [unitAddress(Array(unit.path.dropLast()))] : []), unit.location)
        }
        for policy in organization.policies {
            append(
                Address(account: Address.organizationAccount, kind: .scp, name: policy.name), .serviceControlPolicy,
                [
                    "name": .string(policy.name), "description": policy.description.map(JSONValue.string) ?? .null,
                    "document": policy.document.document,
                ], [root], policy.location)
        }
        for placement in organization.placements {
            guard let account = configuration.account(named: placement.account) else { continue }
            append(
                accountAddress(placement.account), .organizationAccount,
                ["account_id": .string(account.id), "parent": .string(parentText(placement.unitPath))],
                [root] + (placement.unitPath.isEmpty ? [] : [unitAddress(placement.unitPath)]), placement.location)
        }
        // Attachments, then where FullAWSAccess goes: after the target's other SCPs are attached,
        // since AWS refuses to leave a target without one.
        var targets: [(key: String, id: String, target: Address, policies: [String], location: SourceLocation?)] = [
            ("root", "root", root, organization.rootPolicies, organization.location)
        ]
        for unit in organization.units {
            let text = "ou/" + unit.pathText
            targets.append((text, text, unitAddress(unit.path), unit.policies, unit.location))
        }
        for placement in organization.placements {
            guard let account = configuration.account(named: placement.account) else { continue }
            targets.append(("account/\(placement.account)", "account/\(account.id)", accountAddress(placement.account), placement.policies, placement.location))
        }
        for target in targets {
            var attachments: [Address] = []
            for name in target.policies where name != ServiceControlPolicy.fullAWSAccessName {
                let address = Address(account: Address.organizationAccount, kind: .scp, name: name, sub: "attachment", key: target.key)
                attachments.append(address)
                append(
                    address, .scpAttachment, ["policy": .string(name), "target": .string(target.id)],
                    [target.target, Address(account: Address.organizationAccount, kind: .scp, name: name)], target.location)
            }
            if !target.policies.contains(ServiceControlPolicy.fullAWSAccessName) {
                append(
                    Address(account: Address.organizationAccount, kind: .scp, name: ServiceControlPolicy.fullAWSAccessName, sub: "detachment", key: target.key),
                    .scpDetachment, ["policy": .string(ServiceControlPolicy.fullAWSAccessName), "target": .string(target.id)],
                    [target.target] + attachments, target.location)
            }
        }
        return resources
    }

    static func unitAddress(_ path: [String]) -> Address {
        Address(account: Address.organizationAccount, kind: .unit, name: path.joined(separator: "/"))
    }

    static func accountAddress(_ key: String) -> Address {
        Address(account: Address.organizationAccount, kind: .account, name: key)
    }

    /// `root`, or `ou/A/B`: how the state spells a parent.
    static func parentText(_ path: [String]) -> String { path.isEmpty ? "root" : "ou/" + path.joined(separator: "/") }
}
