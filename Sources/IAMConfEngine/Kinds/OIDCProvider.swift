import IAMConfBackend
import IAMConfCore
import IAMConfState

/// An OpenID Connect identity provider, keyed by its URL. Only the thumbprints change in place
/// (UpdateOpenIDConnectProviderThumbprint); client ids and tags are replaced with the provider
/// until the Backend contract has their calls.
struct OIDCProviderKind: ResourceKind {
    var type: ResourceType { .oidcProvider }
    var terraformType: String { "aws_iam_openid_connect_provider" }
    var replacingAttributes: Set<String> { ["url", "client_ids", "tags"] }
    var outputs: Set<String> { ["arn", "create_date"] }
    var knownAfterApply: [String] { ["arn"] }
    var importIDForm: String { "the provider ARN (arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com)" }

    func create(_ r: Resource, _ calls: BackendCalls) async throws(BackendError) -> IAMResponse {
        try await calls.send(
            .createOpenIDConnectProvider(
                url: r.string("url") ?? "", clientIDs: Values.strings(r.attributes["client_ids"]),
                thumbprints: Values.strings(r.attributes["thumbprints"]), tags: Values.tags(r.attributes["tags"])),
            r.accountID)
    }

    func update(_ before: ResourceState, to after: Resource, changed: Set<String>, _ calls: BackendCalls) async throws(BackendError) -> Assigned {
        _ = try await calls.send(
            .updateOpenIDConnectProviderThumbprint(arn: before.outputs["arn"] ?? Self.arn(ObjectKey(before)), thumbprints: Values.strings(after.attributes["thumbprints"])),
            after.accountID)
        return Assigned()
    }

    func delete(_ before: ResourceState, _ calls: BackendCalls) async throws(BackendError) {
        guard let arn = before.outputs["arn"] else { return }
        try await calls.sendDeleting(.deleteOpenIDConnectProvider(arn: arn), before.accountID)
    }

    /// IAM returns an OIDC provider's URL without `https://`; the state keeps it as configured,
    /// so a URL that differs only by the scheme or a trailing slash is the same URL.
    func read(_ key: ObjectKey, _ calls: BackendCalls) async throws(BackendError) -> LiveObject? {
        let stored = key.s("url")
        let arn = key.outputs["arn"] ?? Self.arn(key)
        guard let a = try await calls.get(.getOpenIDConnectProvider(arn: arn), key) else { return nil }
        let live = a.string("url") ?? Values.host(stored)
        let url = Values.host(live) == Values.host(stored) && !stored.isEmpty ? stored : (live.hasPrefix("https://") ? live : "https://" + live)
        return LiveObject(
            attributes: [
                "url": .string(url), "client_ids": Values.sameSet(a.strings("client_ids"), as: key.attributes["client_ids"]),
                "thumbprints": Values.sameSet(a.strings("thumbprints"), as: key.attributes["thumbprints"]),
                "tags": a.tags("tags"),
            ],
            outputs: ["arn": arn], unreported: a.unreported)
    }

    /// `arn:aws:iam::ACCOUNT:oidc-provider/HOST/PATH`, as IAM names a provider by its URL.
    static func arn(_ key: ObjectKey) -> String { "arn:aws:iam::\(key.accountID):oidc-provider/\(Values.host(key.s("url")))" }

    func importID(of resource: Resource) -> String { Self.arn(ObjectKey(resource)) }

    func key(forImportID id: String, in resource: Resource) throws(ImportError) -> ObjectKey {
        ObjectKey(accountID: resource.accountID, attributes: [:], outputs: ["arn": try ImportIDs.arn(id, resource, service: "oidc-provider/", form: importIDForm)])
    }
}

extension ResourceType {
    public static let oidcProvider = ResourceType(rawValue: "oidc_provider")
}
