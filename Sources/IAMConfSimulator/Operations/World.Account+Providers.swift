import IAMConfCore
import IAMConfBackend

/// OIDC and SAML identity providers.
/// https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateOpenIDConnectProvider.html
extension World.Account {
    mutating func createOIDCProvider(
        url: String, clientIDs: [String], thumbprints: [String], tags: [Tag], _ env: inout OperationEnvironment
    ) throws(BackendError) -> IAMResponse {
        guard url.count <= 255, url.hasPrefix("https://"), url.count > "https://".count else {
            throw IAMErrors.validation(value: url, field: "url", constraint: "Member must be a URL beginning with https://")
        }
        try Self.checkClientIDs(clientIDs)
        try Self.checkThumbprints(thumbprints)
        try InputRules.checkTags(tags)
        var host = String(url.dropFirst("https://".count))
        while host.hasSuffix("/") { host.removeLast() }
        let arn = "arn:aws:iam::\(id):oidc-provider/\(host)"
        guard oidcProviders[arn] == nil else {
            throw IAMErrors.alreadyExists("Provider with url \(url) already exists.")
        }
        try env.checkQuota(oidcProviders.count, env.limits.oidcProvidersPerAccount, "OpenIdConnectProvidersPerAccount")
        oidcProviders[arn] = World.OIDCProvider(
            arn: arn, url: host, clientIDs: clientIDs, thumbprints: thumbprints,
            tags: InputRules.merge(tags, into: []), createDate: env.now)
        return IAMResponse(arn: arn, createDate: env.now)
    }

    private static func checkClientIDs(_ clientIDs: [String]) throws(BackendError) {
        guard clientIDs.count <= 100 else { throw IAMErrors.limitExceeded("Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: 100") }
        for clientID in clientIDs where clientID.isEmpty || clientID.count > 255 {
            throw IAMErrors.validation(value: clientID, field: "clientIDList", constraint: "Member must have length between 1 and 255")
        }
    }

    /// Each thumbprint is the 40-hex-digit SHA-1 of a certificate; at most five.
    private static func checkThumbprints(_ thumbprints: [String]) throws(BackendError) {
        guard thumbprints.count <= 5 else {
            throw IAMErrors.invalidInput("Thumbprint list must contain fewer than 5 entries.")
        }
        for thumbprint in thumbprints where thumbprint.count != 40 || !thumbprint.allSatisfy(\.isHexDigit) {
            throw IAMErrors.validation(
                value: thumbprint, field: "thumbprintList", constraint: "Member must have length greater than or equal to 40")
        }
    }

    func existingOIDCProvider(_ arn: String) throws(BackendError) -> World.OIDCProvider {
        guard let provider = oidcProviders[arn] else {
            throw IAMErrors.noSuchEntity(message: "OpenIDConnect Provider not found for arn \(arn)")
        }
        return provider
    }

    mutating func updateOIDCThumbprints(arn: String, thumbprints: [String]) throws(BackendError) -> IAMResponse {
        var provider = try existingOIDCProvider(arn)
        try Self.checkThumbprints(thumbprints)
        provider.thumbprints = thumbprints
        oidcProviders[arn] = provider
        return IAMResponse(arn: arn)
    }

    mutating func deleteOIDCProvider(arn: String) throws(BackendError) -> IAMResponse {
        _ = try existingOIDCProvider(arn)
        oidcProviders[arn] = nil
        return IAMResponse(arn: arn)
    }

    mutating func createSAMLProvider(
        name: String, metadata: String, tags: [Tag], _ env: inout OperationEnvironment
    ) throws(BackendError) -> IAMResponse {
        guard !name.isEmpty, name.count <= 128,
              name.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic && $0.isASCII || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0) })
        else {
            throw IAMErrors.validation(value: name, field: "name", constraint: "Member must satisfy regular expression pattern: [\\w._-]+")
        }
        try Self.checkSAMLMetadata(metadata)
        try InputRules.checkTags(tags)
        guard samlProviders[name.lowercased()] == nil else {
            throw IAMErrors.alreadyExists("SAMLProvider named \(name) already exists.")
        }
        try env.checkQuota(samlProviders.count, env.limits.samlProvidersPerAccount, "SAMLProvidersPerAccount")
        let arn = "arn:aws:iam::\(id):saml-provider/\(name)"
        samlProviders[name.lowercased()] = World.SAMLProvider(
            name: name, arn: arn, metadataDocument: metadata, tags: InputRules.merge(tags, into: []), createDate: env.now)
        return IAMResponse(arn: arn, createDate: env.now)
    }

    /// Metadata is 1,000 to 10,000,000 characters and must be a SAML EntityDescriptor.
    private static func checkSAMLMetadata(_ metadata: String) throws(BackendError) {
        guard metadata.count >= 1000, metadata.count <= 10_000_000 else {
            throw IAMErrors.validation(
                value: "…", field: "SAMLMetadataDocument", constraint: "Member must have length between 1000 and 10000000")
        }
        guard metadata.contains("EntityDescriptor") else {
            throw IAMErrors.invalidInput("Could not parse metadata.")
        }
    }

    private func samlKey(_ arn: String) throws(BackendError) -> String {
        let prefix = "arn:aws:iam::\(id):saml-provider/"
        guard arn.hasPrefix(prefix), samlProviders[String(arn.dropFirst(prefix.count)).lowercased()]?.arn == arn else {
            throw IAMErrors.noSuchEntity(message: "SAMLProvider \(arn) not found.")
        }
        return String(arn.dropFirst(prefix.count)).lowercased()
    }

    mutating func updateSAMLProvider(arn: String, metadata: String) throws(BackendError) -> IAMResponse {
        let key = try samlKey(arn)
        try Self.checkSAMLMetadata(metadata)
        samlProviders[key]?.metadataDocument = metadata
        return IAMResponse(arn: arn)
    }

    mutating func deleteSAMLProvider(arn: String) throws(BackendError) -> IAMResponse {
        samlProviders[try samlKey(arn)] = nil
        return IAMResponse(arn: arn)
    }
}
