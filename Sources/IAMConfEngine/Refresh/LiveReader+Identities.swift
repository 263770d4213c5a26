import IAMConfBackend
import IAMConfCore

/// Reads of the objects that have names and ARNs: users, roles, policies, providers.
extension LiveReader {
    func readUser(_ key: Key) async throws(BackendError) -> LiveObject? {
        guard let a = try await get(.getUser(name: key.s("name")), key) else { return nil }
        return LiveObject(
            attributes: [
                "name": text(a["name"]), "path": text(a["path"]), "tags": Self.tags(a["tags"]),
                "permissions_boundary": Self.optional(a["permissions_boundary"]),
            ],
            outputs: Self.identifiers(a))
    }

    /// GetRole's trust policy: the simulator calls it `trust_policy`; `assume_role_policy` is the
    /// state's name, accepted too so a backend may use either.
    func readRole(_ key: Key) async throws(BackendError) -> LiveObject? {
        guard let a = try await get(.getRole(name: key.s("name")), key) else { return nil }
        let duration = a["max_session_duration"].flatMap { Int($0) }.map { JSONValue.number(String($0)) } ?? .null
        return LiveObject(
            attributes: [
                "name": text(a["name"]), "path": text(a["path"]), "description": Self.optional(a["description"]),
                "max_session_duration": duration, "tags": Self.tags(a["tags"]),
                "permissions_boundary": Self.optional(a["permissions_boundary"]),
                "assume_role_policy": Self.document(a["assume_role_policy"] ?? a["trust_policy"]),
            ],
            outputs: Self.identifiers(a))
    }

    /// GetPolicy, and the default version's document through GetPolicyVersion when GetPolicy
    /// did not carry it (IAM's GetPolicy does not; the simulator's does).
    func readPolicy(_ key: Key) async throws(BackendError) -> LiveObject? {
        let arn = key.outputs["arn"]
            ?? ARN.iam(account: key.accountID, type: "policy", path: key.attributes["path"]?.stringValue ?? "/", name: key.s("name")).description
        guard let a = try await get(.getPolicy(arn: arn), key) else { return nil }
        var documentText = a["document"]
        if documentText == nil, let version = a["default_version_id"] {
            documentText = try await get(.getPolicyVersion(policyARN: arn, versionID: version), key)?["document"]
        }
        var outputs = Self.identifiers(a)
        outputs["default_version_id"] = a["default_version_id"]
        return LiveObject(
            attributes: [
                "name": text(a["name"]), "path": text(a["path"]), "description": Self.optional(a["description"]),
                "tags": Self.tags(a["tags"]), "document": Self.document(documentText),
            ],
            outputs: outputs)
    }

    /// IAM returns an OIDC provider's URL without `https://`; the state keeps it as configured,
    /// so a URL that differs only by the scheme or a trailing slash is the same URL.
    func readOIDCProvider(_ key: Key) async throws(BackendError) -> LiveObject? {
        let stored = key.s("url")
        let arn = key.outputs["arn"] ?? "arn:aws:iam::\(key.accountID):oidc-provider/\(Self.host(stored))"
        guard let a = try await get(.getOpenIDConnectProvider(arn: arn), key) else { return nil }
        let live = a["url"] ?? Self.host(stored)
        let url = Self.host(live) == Self.host(stored) && !stored.isEmpty ? stored : (live.hasPrefix("https://") ? live : "https://" + live)
        return LiveObject(
            attributes: [
                "url": .string(url), "client_ids": Self.sameSet(Self.list(a["client_ids"]), as: key.attributes["client_ids"]),
                "thumbprints": Self.sameSet(Self.list(a["thumbprints"]), as: key.attributes["thumbprints"]), "tags": Self.tags(a["tags"]),
            ],
            outputs: ["arn": arn])
    }

    func readSAMLProvider(_ key: Key) async throws(BackendError) -> LiveObject? {
        let arn = key.outputs["arn"] ?? ARN.iam(account: key.accountID, type: "saml-provider", path: "/", name: key.s("name")).description
        guard let a = try await get(.getSAMLProvider(arn: arn), key) else { return nil }
        let name = a["name"] ?? String(arn.split(separator: "/").last ?? "")
        return LiveObject(
            attributes: ["name": .string(name), "metadata": text(a["metadata"]), "tags": Self.tags(a["tags"])], outputs: ["arn": arn])
    }

    /// A service-linked role is read by the name IAM gave it (`AWSServiceRoleForAutoScaling_suffix`).
    /// The suffix is not readable; an import takes it from the name.
    func readServiceLinkedRole(_ key: Key) async throws(BackendError) -> LiveObject? {
        guard let name = key.outputs["name"] else { return LiveObject(attributes: [:]) }
        guard let a = try await get(.getRole(name: name), key) else { return nil }
        var attributes: [String: JSONValue] = ["description": Self.optional(a["description"])]
        if let service = a["service"] { attributes["service"] = .string(service) }
        if key.attributes["suffix"] == nil {
            let parts = name.split(separator: "_", maxSplits: 1)
            attributes["suffix"] = parts.count == 2 ? .string(String(parts[1])) : .null
        }
        var outputs = Self.identifiers(a)
        outputs["name"] = name
        return LiveObject(attributes: attributes, outputs: outputs)
    }
}
