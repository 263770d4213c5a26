import Foundation
import IAMConfCore
import IAMConfPolicy
import Yams

/// Customer managed policies, instance profiles, identity providers, service-linked roles, buckets.
extension ConfigurationDecoder {
    mutating func decodeManagedPolicy(_ entry: EntityEntry, in account: AccountSymbols) -> ManagedPolicy? {
        let address = "\(account.name).policy.\(entry.name)"
        guard let fields = entityFields(entry, keys: ConfigurationKeys.policy, kind: .policies) else { return nil }
        refuseRename(fields, kind: .policies, name: entry.name, address: address, call: "no IAM action renames a managed policy")
        guard let node = fields["document"] else {
            error("missing-key", "policy '\(entry.name)' has no document", hint: "add document: { Version: \"2012-10-17\", Statement: [...] }",
                  at: entry.key, address: address)
            return nil
        }
        let kind: PolicyKind = account.boundaryNames.contains(entry.name) ? .boundary : .identity
        guard let document = policyDocument(node, kind: kind, address: address, sizeQuota: Quotas.managedPolicySize) else { return nil }
        file = entry.file
        let size = PolicyGrammar.size(of: document.document)
        if size > Quotas.managedPolicySize {
            error("policy-too-large", "the policy document is \(size) characters; IAM allows \(Quotas.managedPolicySize)",
                  hint: "split it into two managed policies", at: node, address: address)
        }
        var policy = ManagedPolicy(name: entry.name, document: document, location: SourceLocation(file: entry.file, line: entry.key.mark?.line ?? 1, column: entry.key.mark?.column ?? 1))
        policy.path = path(fields, address: address)
        if let node = fields["description"], let text = string(node, what: "description") {
            if let problem = NameRules.problem(withDescription: text, isLatin1: false) {
                error("invalid-description", problem, hint: "shorten it to 1,000 characters", at: node, address: address)
            }
            policy.description = text
        }
        policy.tags = fields["tags"].map { tags($0, address: address) } ?? []
        return policy
    }

    mutating func decodeInstanceProfile(_ entry: EntityEntry, in account: AccountSymbols) -> InstanceProfile {
        let address = "\(account.name).instance_profile.\(entry.name)"
        var profile = InstanceProfile(name: entry.name, location: SourceLocation(file: entry.file, line: entry.key.mark?.line ?? 1, column: entry.key.mark?.column ?? 1))
        guard let fields = entityFields(entry, keys: ConfigurationKeys.instanceProfile, kind: .instanceProfiles) else { return profile }
        profile.path = path(fields, address: address)
        profile.tags = fields["tags"].map { tags($0, address: address) } ?? []
        guard let node = fields["role"] else { return profile }
        let roles = stringList(node, what: "role")
        if roles.count > Quotas.rolesPerInstanceProfile {
            error("too-many-roles", "an instance profile holds at most \(Quotas.rolesPerInstanceProfile) role; \(roles.count) are listed",
                  hint: "create one instance profile per role", at: node, address: address)
        }
        if let (text, item) = roles.first {
            let name = text.hasPrefix("arn:") ? String(text.split(separator: "/").last ?? "") : text
            if entity(.roles, named: name, in: account, expression: text, at: location(item)) != nil { profile.role = name }
        }
        return profile
    }

    mutating func decodeIdentityProvider(_ entry: EntityEntry, in account: AccountSymbols) -> IdentityProvider? {
        let address = "\(account.name).identity_provider.\(entry.name)"
        let place = SourceLocation(file: entry.file, line: entry.key.mark?.line ?? 1, column: entry.key.mark?.column ?? 1)
        guard let fields = entityFields(entry, keys: ConfigurationKeys.identityProvider, kind: .identityProviders) else { return nil }
        guard let typeNode = fields["type"], let type = string(typeNode, what: "type") else {
            if fields["type"] == nil { error("missing-key", "identity provider '\(entry.name)' has no type", hint: "add type: oidc or type: saml", at: entry.key, address: address) }
            return nil
        }
        let kind: IdentityProvider.Kind
        switch type {
        case "oidc":
            rejectKeys(["metadata_file"], in: fields, type: type, address: address)
            guard let oidc = oidcProvider(fields, entry: entry, address: address) else { return nil }
            kind = oidc
        case "saml":
            rejectKeys(["url", "client_ids", "thumbprints"], in: fields, type: type, address: address)
            guard let saml = samlProvider(fields, entry: entry, address: address) else { return nil }
            kind = saml
        default:
            error("invalid-value", "unknown identity provider type '\(type)'", hint: EditDistance.hint(for: type, in: ["oidc", "saml"]) ?? "use oidc or saml", at: typeNode, address: address)
            return nil
        }
        var provider = IdentityProvider(name: entry.name, kind: kind, location: place)
        provider.tags = fields["tags"].map { tags($0, address: address) } ?? []
        return provider
    }

    private mutating func rejectKeys(_ keys: [String], in fields: Fields, type: String, address: String) {
        for key in keys {
            if let node = fields.keyNode(key) {
                error("unknown-key", "'\(key)' does not apply to a \(type) provider", hint: "oidc uses url, client_ids and thumbprints; saml uses metadata_file", at: node, address: address)
            }
        }
    }

    private mutating func oidcProvider(_ fields: Fields, entry: EntityEntry, address: String) -> IdentityProvider.Kind? {
        guard let node = fields["url"], let url = string(node, what: "url") else {
            if fields["url"] == nil { error("missing-key", "an OIDC provider needs a url", hint: "add url: https://token.actions.githubusercontent.com", at: entry.key, address: address) }
            return nil
        }
        if !url.hasPrefix("https://") || url.count > 255 || url.count <= "https://".count {
            error("invalid-url", "the OIDC provider url must begin with https:// (at most 255 characters)", hint: "e.g. https://token.actions.githubusercontent.com", at: node, address: address)
        }
        let clientIDs = fields["client_ids"].map { stringList($0, what: "client_ids") } ?? []
        if clientIDs.count > Quotas.oidcClientIDs {
            error("too-many-client-ids", "at most \(Quotas.oidcClientIDs) client ids", hint: "IAM allows 100 client ids per provider", at: fields["client_ids"] ?? node, address: address)
        }
        let thumbprints = fields["thumbprints"].map { stringList($0, what: "thumbprints") } ?? []
        for (print, item) in thumbprints where print.count != 40 || !print.allSatisfy(\.isHexDigit) {
            error("invalid-thumbprint", "'\(print)' is not a thumbprint", hint: "a thumbprint is the 40 hex digits of a SHA-1 certificate fingerprint", at: item, address: address)
        }
        if thumbprints.count > Quotas.oidcThumbprints {
            error("too-many-thumbprints", "at most \(Quotas.oidcThumbprints) thumbprints", hint: "IAM allows 5 thumbprints per provider", at: fields["thumbprints"] ?? node, address: address)
        }
        return .oidc(url: url, clientIDs: clientIDs.map(\.value), thumbprints: thumbprints.map(\.value))
    }

    private mutating func samlProvider(_ fields: Fields, entry: EntityEntry, address: String) -> IdentityProvider.Kind? {
        // CreateSAMLProvider's Name is [\w._-]+, narrower than other IAM names (no +=,@).
        // https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateSAMLProvider.html
        if NameRules.problem(withName: entry.name, maxLength: Quotas.samlProviderNameLength) == nil,
           let bad = entry.name.unicodeScalars.first(where: { !($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0))) }) {
            error("invalid-name", "invalid SAML provider name '\(entry.name)': '\(bad)' is not allowed",
                  hint: "SAML provider names are 1-128 letters, digits and ._-", at: entry.key, address: address)
        }
        guard let node = fields["metadata_file"], let relative = string(node, what: "metadata_file") else {
            if fields["metadata_file"] == nil {
                error("missing-key", "a SAML provider needs metadata_file", hint: "add metadata_file: saml-metadata.xml (relative to this file)", at: entry.key, address: address)
            }
            return nil
        }
        let path = ConfigurationDecoder.resolve(relative, relativeTo: file)
        let text: String
        switch SourceReader.read(path) {
        case let .success(read):
            text = read
        case let .failure(failure):
            diagnostics.append(SourceReader.diagnostic(failure, path: path, what: "SAML metadata", at: location(node), address: address))
            return nil
        }
        if !text.contains("EntityDescriptor") {
            error("invalid-saml-metadata", "'\(path)' does not look like SAML metadata (no EntityDescriptor)", hint: "download the metadata XML from your identity provider", at: node, address: address)
        } else if !Quotas.samlMetadataLength.contains(text.count) {
            // CreateSAMLProvider: SAMLMetadataDocument is 1,000 to 10,000,000 characters.
            // https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateSAMLProvider.html
            error("saml-metadata-size", "'\(path)' is \(text.count) characters; IAM accepts SAML metadata of 1,000 to 10,000,000 characters",
                  hint: "use the complete metadata document your identity provider publishes (with its signing certificate)", at: node, address: address)
        }
        return .saml(metadataDocument: text)
    }

    mutating func decodeBucket(_ entry: EntityEntry, in account: AccountSymbols) -> Bucket {
        let address = "\(account.name).bucket.\(entry.name)"
        var bucket = Bucket(name: entry.name, location: SourceLocation(file: entry.file, line: entry.key.mark?.line ?? 1, column: entry.key.mark?.column ?? 1))
        guard let fields = entityFields(entry, keys: ConfigurationKeys.bucket, kind: .buckets), let node = fields["policy"] else { return bucket }
        bucket.policy = policyDocument(node, kind: .resource, address: "\(address).policy", bucket: entry.name, sizeQuota: Quotas.bucketPolicySize)
        if let document = bucket.policy?.document {
            let size = document.compactText().utf8.count
            if size > Quotas.bucketPolicySize {
                error("bucket-policy-too-large", "the bucket policy is \(size) bytes; S3 allows \(Quotas.bucketPolicySize) (20 KB)",
                      hint: "grant to groups of principals or prefixes instead of listing each one, or move grants into the principals' identity policies", at: node, address: "\(address).policy")
            }
        }
        return bucket
    }

    mutating func decodeServiceLinkedRoles(_ symbols: AccountSymbols) -> [ServiceLinkedRole] {
        var result: [ServiceLinkedRole] = []
        var seen = Set<String>()
        for fragment in symbols.fragments {
            guard let list = fragment.fields["service_linked_roles"] else { continue }
            file = fragment.file
            guard case let .sequence(items) = list else {
                error("wrong-type", "service_linked_roles must be a list, found \(list.kindDescription)", hint: "write - { service: autoscaling.amazonaws.com }", at: list)
                continue
            }
            for item in items {
                guard let role = serviceLinkedRole(item, account: symbols.name) else { continue }
                let identity = "\(role.service)#\(role.customSuffix ?? "")"
                guard seen.insert(identity).inserted else {
                    error("duplicate-name", "service-linked role for '\(role.service)' is listed twice", hint: "give the second one a different suffix", at: item)
                    continue
                }
                result.append(role)
            }
        }
        return result
    }

    private mutating func serviceLinkedRole(_ node: Node, account: String) -> ServiceLinkedRole? {
        guard let fields = fields(node, keys: ConfigurationKeys.serviceLinkedRole, what: "a service-linked role") else { return nil }
        guard let serviceNode = fields["service"], let service = string(serviceNode, what: "service") else {
            if fields["service"] == nil { error("missing-key", "a service-linked role needs a service", hint: "add service: autoscaling.amazonaws.com", at: node) }
            return nil
        }
        var address = "\(account).service_linked_role.\(service)"
        guard service.hasSuffix(".amazonaws.com") else {
            error("invalid-service-principal", "'\(service)' is not an AWS service principal", hint: "write it like autoscaling.amazonaws.com", at: serviceNode, address: address)
            return nil
        }
        var role = ServiceLinkedRole(service: service, location: location(node))
        if let suffixNode = fields["suffix"], let suffix = string(suffixNode, what: "suffix") {
            if let problem = NameRules.problem(withName: suffix, maxLength: 64) { error("invalid-name", "invalid suffix: \(problem)", hint: "a suffix is up to 64 letters, digits and _+=,.@-", at: suffixNode, address: address) }
            role.customSuffix = suffix
            address = "\(account).service_linked_role.\(role.addressName)"
        }
        if let descriptionNode = fields["description"], let text = string(descriptionNode, what: "description") {
            if let problem = NameRules.problem(withDescription: text) { error("invalid-description", problem, hint: "shorten it to 1,000 printable characters", at: descriptionNode, address: address) }
            role.description = text
        }
        return role
    }
}

/// OIDC provider URLs as IAM names them in ARNs.
enum IdentityProviderRules {
    /// `https://token.actions.githubusercontent.com/` -> `token.actions.githubusercontent.com`.
    static func hostAndPath(of url: String) -> String {
        var text = Substring(url)
        if text.hasPrefix("https://") { text = text.dropFirst("https://".count) }
        while text.hasSuffix("/") { text = text.dropLast() }
        return String(text)
    }
}
