import IAMConfCore
import IAMConfPolicy
import Yams

/// `organization:` — the management account, organizational units, where accounts sit, and the
/// service control policies attached to the root, units and accounts (docs/organizations.md).
extension ConfigurationDecoder {
    /// AWS Organizations' quotas and name rules that a configuration can break.
    /// https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html
    enum OrganizationQuotas {
        /// "Maximum size of a policy document: Service control policies: 5,120 characters".
        static let serviceControlPolicySize = 5_120
        /// SCPs attached to one root, OU or account (`FullAWSAccess` counts).
        static let policiesPerTarget = 5
        /// "OU maximum nesting in a root: five levels of OUs deep under a root".
        static let unitDepth = 5
        /// Names of OUs and policies: 1 to 128 characters.
        static let nameLength = 128
    }

    /// `organization:` in one file only (like `backend:`); every problem inside is reported.
    mutating func decodeOrganization(_ rootFields: [(file: String, fields: Fields)]) -> Organization? {
        var organization: Organization?
        var first = ""
        for (rootFile, rootFields) in rootFields {
            file = rootFile
            guard let node = rootFields["organization"] else { continue }
            let keyNode = rootFields.keyNode("organization") ?? node
            if organization != nil {
                error("duplicate-setting", "'organization' is already set at \(first)", hint: "describe the organization in one file only", at: keyNode)
                _ = decodeOrganizationBlock(node)
                continue
            }
            organization = decodeOrganizationBlock(node)
            first = "\(rootFile):\(keyNode.mark?.line ?? 1)"
        }
        return organization
    }

    private mutating func decodeOrganizationBlock(_ node: Node) -> Organization? {
        guard let fields = fields(node, keys: ConfigurationKeys.organization, what: "organization") else { return nil }
        var management: String?
        if let managementNode = fields["management_account"] {
            management = string(managementNode, what: "management_account").flatMap { knownAccount($0, at: managementNode) }
        } else {
            error("missing-key", "an organization needs a 'management_account'",
                  hint: "name the account (a key under accounts:) that owns the organization", at: node)
        }
        // The organization's resources are addressed `organization.unit.…`, `organization.scp.…`.
        if symbols.account(named: Address.organizationAccount) != nil {
            error("reserved-name", "an account named '\(Address.organizationAccount)' would share its addresses with the organization's resources",
                  hint: "rename that account's key (its id stays); organization.root, organization.unit.NAME and organization.scp.NAME address the organization",
                  at: node)
        }
        var organization = Organization(managementAccount: management ?? "", location: location(node))
        organization.policies = serviceControlPolicies(fields["policies"])
        var reader = OrganizationReader(known: Set(organization.policies.map(\.name)))
        if let rootNode = fields["root"] {
            if let rootFields = self.fields(rootNode, keys: ConfigurationKeys.organizationRoot, what: "organization root") {
                organization.rootPolicies = attachments(rootFields, target: "the root", reader: reader)
            }
        }
        if let accounts = fields["accounts"] { placeAccounts(accounts, in: [], reader: &reader) }
        if let units = fields["units"] { decodeUnits(units, parent: [], reader: &reader) }
        organization.units = reader.units
        organization.placements = reader.placements
        // The management account sits under the root unless the configuration puts it in a unit.
        if let management, !reader.placements.contains(where: { $0.account == management }) {
            organization.placements.insert(AccountPlacement(account: management, location: location(node)), at: 0)
        }
        return management == nil ? nil : organization
    }

    /// What the walk over units and accounts has found so far.
    private struct OrganizationReader {
        var known: Set<String>
        var units: [OrganizationalUnit] = []
        var placements: [AccountPlacement] = []
    }

    /// `policies: {NAME: {description, document}}`: each document checked as an SCP.
    private mutating func serviceControlPolicies(_ node: Node?) -> [ServiceControlPolicy] {
        guard let node else { return [] }
        var policies: [ServiceControlPolicy] = []
        for (name, keyNode, value) in namedEntries(node, what: "organization policies") {
            let address = "organization.policy.\(name)"
            if name == ServiceControlPolicy.fullAWSAccessName {
                error("reserved-name", "FullAWSAccess is AWS's own SCP and cannot be redefined",
                      hint: "it is attached to every target by default; give your policy another name", at: keyNode, address: address)
                continue
            }
            if name.isEmpty || name.count > OrganizationQuotas.nameLength {
                error("invalid-name", "an SCP name must be 1 to \(OrganizationQuotas.nameLength) characters", at: keyNode, address: address)
                continue
            }
            guard let fields = fields(value, keys: ConfigurationKeys.serviceControlPolicy, what: "SCP '\(name)'") else { continue }
            guard let documentNode = fields["document"] else {
                error("missing-key", "SCP '\(name)' needs a 'document'",
                      hint: "write the policy (Version, Statement) inline or give a .json path", at: value, address: address)
                continue
            }
            // SCPs use the IAM policy grammar without Principal or NotPrincipal.
            // https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_syntax.html
            guard let document = policyDocument(
                documentNode, kind: .scp, address: address, sizeQuota: OrganizationQuotas.serviceControlPolicySize) else { continue }
            let size = PolicyGrammar.size(of: document.document)
            if size > OrganizationQuotas.serviceControlPolicySize {
                error("policy-too-large", "SCP '\(name)' is \(size) characters; AWS Organizations allows \(OrganizationQuotas.serviceControlPolicySize)",
                      hint: "split it into two SCPs, or use wildcards for long action lists", at: documentNode, address: address)
                continue
            }
            let description = fields["description"].flatMap { string($0, what: "description") }
            policies.append(ServiceControlPolicy(name: name, description: description, document: document, location: location(keyNode)))
        }
        return policies
    }

    /// `units: {NAME: {policies, full_aws_access, accounts, units}}`, nested at most five deep.
    private mutating func decodeUnits(_ node: Node, parent: [String], reader: inout OrganizationReader) {
        for (name, keyNode, value) in namedEntries(node, what: "organization units") {
            let path = parent + [name]
            if name.isEmpty || name.count > OrganizationQuotas.nameLength {
                error("invalid-name", "an organizational unit name must be 1 to \(OrganizationQuotas.nameLength) characters", at: keyNode)
                continue
            }
            if path.count > OrganizationQuotas.unitDepth {
                error("too-deep", "organizational unit '\(path.joined(separator: "/"))' is \(path.count) levels deep; AWS allows \(OrganizationQuotas.unitDepth)",
                      hint: "move it up the tree", at: keyNode)
                continue
            }
            let target = "ou/\(path.joined(separator: "/"))"
            var unit = OrganizationalUnit(path: path, location: location(keyNode))
            var children: Node?
            var accounts: Node?
            if !value.isNull, let fields = fields(value, keys: ConfigurationKeys.organizationalUnit, what: "organizational unit '\(name)'") {
                unit.policies = attachments(fields, target: target, reader: reader)
                children = fields["units"]
                accounts = fields["accounts"]
            }
            reader.units.append(unit)
            if let accounts { placeAccounts(accounts, in: path, reader: &reader) }
            if let children { decodeUnits(children, parent: path, reader: &reader) }
        }
    }

    /// `accounts:` of the organization (under the root) or of a unit: a list of account keys, or
    /// a mapping of account keys to their own attachments (`{policies, full_aws_access}`).
    private mutating func placeAccounts(_ node: Node, in unitPath: [String], reader: inout OrganizationReader) {
        var entries: [(name: String, key: Node, value: Node?)] = []
        if case .sequence = node {
            entries = stringList(node, what: "accounts").map { ($0.value, $0.node, nil) }
        } else {
            entries = namedEntries(node, what: "accounts").map { ($0.name, $0.key, $0.value) }
        }
        for (name, keyNode, value) in entries {
            guard let account = knownAccount(name, at: keyNode) else { continue }
            if let placed = reader.placements.first(where: { $0.account == account }) {
                let place = placed.unitPath.isEmpty ? "directly under the root" : "in ou/\(placed.unitPath.joined(separator: "/"))"
                error("account-placed-twice", "account '\(account)' is already \(place) (\(placed.location.map { "\($0.file):\($0.line)" } ?? "above"))",
                      hint: "an account belongs to exactly one organizational unit or the root; list it once", at: keyNode)
                continue
            }
            var placement = AccountPlacement(account: account, unitPath: unitPath, location: location(keyNode))
            if let value, !value.isNull,
               let fields = fields(value, keys: ConfigurationKeys.organizationAccount, what: "organization account '\(name)'") {
                placement.policies = attachments(fields, target: "account/\(account)", reader: reader)
            }
            reader.placements.append(placement)
        }
    }

    /// The SCP names attached to one target: the listed ones, with `FullAWSAccess` first unless
    /// `full_aws_access: false`. AWS refuses to leave a target with no SCP and allows five.
    /// https://docs.aws.amazon.com/organizations/latest/APIReference/API_DetachPolicy.html
    private mutating func attachments(_ fields: Fields, target: String, reader: OrganizationReader) -> [String] {
        var names: [String] = []
        for (name, node) in stringList(fields["policies"], what: "policies") {
            guard name == ServiceControlPolicy.fullAWSAccessName || reader.known.contains(name) else {
                let known = [ServiceControlPolicy.fullAWSAccessName] + reader.known.sorted()
                error("unknown-service-control-policy", "no SCP named '\(name)' in organization.policies",
                      hint: EditDistance.hint(for: name, in: known) ?? "SCPs defined: \(known.joined(separator: ", "))", at: node)
                continue
            }
            if names.contains(name) {
                error("duplicate-attachment", "SCP '\(name)' is attached to \(target) twice", hint: "list it once", at: node)
                continue
            }
            names.append(name)
        }
        let full = fields["full_aws_access"].flatMap { bool($0, what: "full_aws_access") } ?? true
        if full, !names.contains(ServiceControlPolicy.fullAWSAccessName) {
            names.insert(ServiceControlPolicy.fullAWSAccessName, at: 0)
        } else if !full, names.contains(ServiceControlPolicy.fullAWSAccessName), let node = fields["full_aws_access"] {
            error("contradictory-setting", "\(target) detaches FullAWSAccess but also lists it in policies",
                  hint: "remove one of the two", at: node)
        }
        if names.isEmpty {
            error("no-service-control-policy", "\(target) would have no SCP attached",
                  hint: "AWS requires at least one SCP on every root, OU and account: attach an allow-list SCP, or drop full_aws_access: false",
                  at: fields["full_aws_access"] ?? fields.node)
        }
        if names.count > OrganizationQuotas.policiesPerTarget {
            error("too-many-service-control-policies",
                  "\(names.count) SCPs attached to \(target)\(full ? " (FullAWSAccess included)" : ""); AWS allows \(OrganizationQuotas.policiesPerTarget)",
                  hint: "combine SCPs, or attach some to a parent unit", at: fields["policies"] ?? fields.node)
        }
        return names
    }

    /// The account key when the configuration defines it; an error naming the nearest key otherwise.
    private mutating func knownAccount(_ name: String, at node: Node) -> String? {
        if symbols.account(named: name) != nil { return name }
        error("unknown-account", "no account named '\(name)' in the configuration",
              hint: EditDistance.hint(for: name, in: symbols.accountNames) ?? "accounts: \(symbols.accountNames.joined(separator: ", "))", at: node)
        return nil
    }
}
