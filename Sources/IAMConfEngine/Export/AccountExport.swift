import IAMConfCore
import IAMConfPolicy
import IAMConfState

/// One account of an export: its YAML file (and side files) and its resources for the state.
///
/// The YAML follows the examples: settings that equal IAM's defaults are left out (`path: /`,
/// `max_session_duration: 3600`), memberships are written on the user (`groups:`), attachments by
/// name where the name resolves to the same policy, and documents as YAML maps with references.
struct AccountExport {
    let key: String
    let id: String
    let references: ExportReferences
    private(set) var notes = ExportNotes()
    private(set) var stateResources: [ResourceState]
    /// Resources by owner name and kind, in address order.
    private var parts: [Address.Kind: [String: [ResourceState]]] = [:]
    private var sideFiles: [ExportFile] = []

    init(key: String, id: String, resources: [ResourceState], references: ExportReferences) {
        self.key = key
        self.id = id
        self.references = references
        let sorted = resources.sorted { $0.address.description < $1.address.description }
        stateResources = sorted.map { resource in
            var resource = resource
            resource.secrets = [:]
            return resource
        }
        for resource in sorted { notes.countSecret(of: resource) }
        for resource in sorted {
            guard let name = resource.address.name else { continue }
            parts[resource.address.kind, default: [:]][name, default: []].append(resource)
        }
    }

    /// The account's YAML file, then its side files (SAML metadata).
    mutating func files() -> [ExportFile] {
        let account = accountEntries()
        var lines = [
            "# Exported by `iamconf export`: account \(id). Edit it like any configuration; `iamconf plan` shows what an edit changes.",
            "accounts:",
        ]
        // Always a block, even for an account with only an id: more is added under it by hand.
        lines.append("  " + YAMLText.scalar(key, inFlow: false) + ":")
        lines += YAMLText.lines(account, indent: 4)
        return [ExportFile(name: "\(key).yaml", text: lines.joined(separator: "\n") + "\n")] + sideFiles
    }

    private mutating func accountEntries() -> [YAMLText.Entry] {
        var entries = [YAMLText.Entry("id", .string(id))]
        if let alias = singleton(.alias, type: .accountAlias)?.attributes["alias"]?.stringValue { entries.append(.init("alias", .string(alias))) }
        if let policy = singleton(.passwordPolicy, type: .passwordPolicy) { entries.append(.init("password_policy", passwordPolicy(policy))) }
        add(&entries, "policies", entities(.policy, type: .policy, { policy($0, $1) }))
        add(&entries, "groups", entities(.group, type: .group, { group($0, $1) }))
        add(&entries, "users", entities(.user, type: .user, { user($0, $1) }))
        add(&entries, "roles", entities(.role, type: .role, { role($0, $1) }))
        add(&entries, "instance_profiles", entities(.instanceProfile, type: .instanceProfile, { instanceProfile($0, $1) }))
        add(&entries, "identity_providers", providers())
        let linkedRoles = parts[.serviceLinkedRole] ?? [:]
        let linked = linkedRoles.keys.sorted().compactMap { name in linkedRoles[name]?.first { $0.type == .serviceLinkedRole } }
        if !linked.isEmpty { entries.append(.init("service_linked_roles", .list(linked.map(serviceLinkedRole)))) }
        add(&entries, "buckets", entities(.bucket, type: .bucket, { bucket($0, $1) }))
        return entries
    }

    private func add(_ entries: inout [YAMLText.Entry], _ key: String, _ values: [YAMLText.Entry]) {
        if !values.isEmpty { entries.append(.init(key, .map(values))) }
    }

    private func singleton(_ kind: Address.Kind, type: ResourceType) -> ResourceState? {
        stateResources.first { $0.address.kind == kind && $0.type == type }
    }

    /// One entry per object of `kind`, each written by `body` from the object and what hangs off it.
    private func entities(_ kind: Address.Kind, type: ResourceType, _ body: (ResourceState, [ResourceState]) -> [YAMLText.Entry]) -> [YAMLText.Entry] {
        var result: [YAMLText.Entry] = []
        for name in (parts[kind] ?? [:]).keys.sorted() {
            let group = parts[kind]![name]!
            guard let object = group.first(where: { $0.type == type && $0.address.sub == nil }) else { continue }
            result.append(.init(name, .map(body(object, group.filter { $0.address.sub != nil }))))
        }
        return result
    }

    // MARK: Settings shared by several kinds

    private func path(_ resource: ResourceState) -> [YAMLText.Entry] {
        guard let path = resource.attributes["path"]?.stringValue, path != "/" else { return [] }
        return [.init("path", .string(path))]
    }

    private func text(_ resource: ResourceState, _ attribute: String, as key: String) -> [YAMLText.Entry] {
        guard let value = resource.attributes[attribute]?.stringValue else { return [] }
        return [.init(key, .string(value))]
    }

    private func tags(_ resource: ResourceState) -> [YAMLText.Entry] {
        guard case let .object(members)? = resource.attributes["tags"], !members.isEmpty else { return [] }
        return [.init("tags", .map(members.map { .init($0.key, YAMLText($0.value)) }))]
    }

    private func document(_ value: JSONValue?) -> YAMLText {
        YAMLText(references.substituted(value ?? .object([])))
    }

    /// `policies: [...]` from the attachments among `parts`.
    private func attachments(_ parts: [ResourceState], type: ResourceType) -> [YAMLText.Entry] {
        let arns = parts.filter { $0.type == type }.compactMap { $0.attributes["policy_arn"]?.stringValue }
        guard !arns.isEmpty else { return [] }
        return [.init("policies", .list(arns.map { .string(policyReference($0)) }))]
    }

    private func boundary(_ resource: ResourceState) -> [YAMLText.Entry] {
        guard let arn = resource.attributes["permissions_boundary"]?.stringValue else { return [] }
        return [.init("permissions_boundary", .string(policyReference(arn)))]
    }

    /// How `policies:` names a managed policy so it resolves to `arn`: the name when the same
    /// account's customer policies, then the AWS managed catalog, give exactly that ARN
    /// (docs/configuration.md, "Managed policy references"); a reference to another exported
    /// account's policy; else the ARN itself.
    func policyReference(_ arn: String) -> String {
        let name = String(arn.split(separator: "/").last ?? "")
        let ownPolicy = (parts[.policy]?[name] ?? []).first { $0.type == .policy && $0.address.sub == nil }
        if let ownPolicy {
            let path = ownPolicy.attributes["path"]?.stringValue ?? "/"
            return ARN.iam(account: id, type: "policy", path: path, name: name).description == arn ? name : references.substituted(arn)
        }
        if ManagedPolicyCatalog.shared.policy(named: name)?.arn == arn { return name }
        return references.reference(toARN: arn) ?? arn
    }

    private func inlinePolicies(_ parts: [ResourceState], type: ResourceType) -> [YAMLText.Entry] {
        let policies = parts.filter { $0.type == type }
        guard !policies.isEmpty else { return [] }
        return [.init("inline_policies", .map(policies.map { .init($0.address.key ?? "", document($0.attributes["document"])) }))]
    }

    // MARK: Kinds

    private func passwordPolicy(_ policy: ResourceState) -> YAMLText {
        let keys = [
            ("minimum_password_length", "minimum_length"), ("require_symbols", "require_symbols"), ("require_numbers", "require_numbers"),
            ("require_uppercase_characters", "require_uppercase"), ("require_lowercase_characters", "require_lowercase"),
            ("allow_users_to_change_password", "allow_users_to_change"), ("max_password_age", "max_age_days"),
            ("password_reuse_prevention", "reuse_prevention"), ("hard_expiry", "hard_expiry"),
        ]
        return .map(keys.compactMap { state, config in
            guard let value = policy.attributes[state], value != .null else { return nil }
            return .init(config, YAMLText(value))
        })
    }

    private func policy(_ policy: ResourceState, _: [ResourceState]) -> [YAMLText.Entry] {
        path(policy) + text(policy, "description", as: "description") + tags(policy) + [.init("document", document(policy.attributes["document"]))]
    }

    private func group(_ group: ResourceState, _ parts: [ResourceState]) -> [YAMLText.Entry] {
        path(group) + attachments(parts, type: .groupPolicyAttachment) + inlinePolicies(parts, type: .groupInlinePolicy)
    }

    private func user(_ user: ResourceState, _ parts: [ResourceState]) -> [YAMLText.Entry] {
        var entries = path(user) + tags(user)
        let groups = parts.filter { $0.type == .userGroupMembership }.compactMap { $0.attributes["group"]?.stringValue ?? $0.address.key }
        if !groups.isEmpty { entries.append(.init("groups", .list(groups.map(YAMLText.string)))) }
        entries += attachments(parts, type: .userPolicyAttachment) + boundary(user) + inlinePolicies(parts, type: .userInlinePolicy)
        let secret = "exists; its secret cannot be read back"
        if let login = parts.first(where: { $0.type == .loginProfile }) {
            let reset = login.attributes["password_reset_required"] ?? .bool(true)
            entries.append(.init("login_profile", reset == .bool(false) ? .map([.init("password_reset_required", .literal("false"))]) : .literal("true"),
                                 comment: "exists; its password cannot be read back"))
        }
        let keys = parts.filter { $0.type == .accessKey }.count
        if keys > 0 {
            entries.append(.init("access_keys", .literal(String(keys)), comment: keys == 1 ? secret : "exist; their secrets cannot be read back"))
        }
        if parts.contains(where: { $0.type == .mfaDevice }) {
            entries.append(.init("mfa", .literal("true"), comment: "a virtual MFA device exists; its seed cannot be read back"))
        }
        return entries
    }

    private func role(_ role: ResourceState, _ parts: [ResourceState]) -> [YAMLText.Entry] {
        var entries = path(role) + text(role, "description", as: "description")
        if let duration = role.attributes["max_session_duration"], duration != .number("3600"), duration != .null {
            entries.append(.init("max_session_duration", YAMLText(duration)))
        }
        entries += tags(role) + boundary(role)
        let trust = role.attributes["assume_role_policy"] ?? .null
        if let shorthand = TrustShorthand(reading: trust), let written = trustEntries(shorthand) {
            entries.append(.init("trust", .map(written)))
        } else {
            entries.append(.init("trust_policy", document(trust)))
        }
        return entries + attachments(parts, type: .rolePolicyAttachment) + inlinePolicies(parts, type: .roleInlinePolicy)
    }

    private func instanceProfile(_ profile: ResourceState, _ parts: [ResourceState]) -> [YAMLText.Entry] {
        var entries = path(profile)
        if let role = parts.first(where: { $0.type == .instanceProfileRole })?.attributes["role"]?.stringValue {
            entries.append(.init("role", .string(role)))
        }
        return entries + tags(profile)
    }

    private mutating func providers() -> [YAMLText.Entry] {
        var result: [YAMLText.Entry] = []
        for name in (parts[.identityProvider] ?? [:]).keys.sorted() {
            guard let provider = parts[.identityProvider]?[name]?.first(where: { $0.address.sub == nil }) else { continue }
            var entries: [YAMLText.Entry] = []
            if provider.type == .oidcProvider {
                entries.append(.init("type", .string("oidc")))
                entries += text(provider, "url", as: "url")
                for key in ["client_ids", "thumbprints"] {
                    if let value = provider.attributes[key], value != .array([]) { entries.append(.init(key, YAMLText(value))) }
                }
            } else if provider.type == .samlProvider {
                // The metadata is an XML document: it goes beside the YAML, as a person keeps it.
                let file = "\(key).\(name).saml.xml"
                sideFiles.append(ExportFile(name: file, text: provider.attributes["metadata"]?.stringValue ?? ""))
                entries += [.init("type", .string("saml")), .init("metadata_file", .string(file))]
            } else {
                continue
            }
            result.append(.init(name, .map(entries + tags(provider))))
        }
        return result
    }

    private func serviceLinkedRole(_ linked: ResourceState) -> YAMLText {
        var entries = text(linked, "service", as: "service")
        entries += text(linked, "suffix", as: "suffix") + text(linked, "description", as: "description")
        return .map(entries)
    }

    private func bucket(_ bucket: ResourceState, _ parts: [ResourceState]) -> [YAMLText.Entry] {
        guard let policy = parts.first(where: { $0.type == .bucketPolicy }) else { return [] }
        return [.init("policy", document(policy.attributes["document"]))]
    }
}
