import IAMConfCore
import IAMConfBackend

/// The reads a refresh and an import make: one IAM Get*/List* action each, answered in
/// `IAMResponse.attributes` with the keys the `IAMRequest` case documents.
/// https://docs.aws.amazon.com/IAM/latest/APIReference/API_Operations.html
extension World.Account {
    /// Answers a refresh read, or nil when the request is not one.
    func performRead(_ request: IAMRequest) throws(BackendError) -> IAMResponse? {
        switch request {
        case let .getLoginProfile(user): return try getLoginProfile(userName: user)
        case let .listAccessKeys(user): return try listAccessKeys(userName: user)
        case let .listGroupsForUser(user):
            return IAMResponse(attributes: ["groups": AttributeText.list(try existingUser(user).groups)])
        case let .listAttachedUserPolicies(user):
            return IAMResponse(attributes: ["policies": AttributeText.list(try existingUser(user).attachedPolicies)])
        case let .listAttachedGroupPolicies(group):
            return IAMResponse(attributes: ["policies": AttributeText.list(try existingGroup(group).attachedPolicies)])
        case let .listAttachedRolePolicies(role):
            return IAMResponse(attributes: ["policies": AttributeText.list(try existingRole(role).attachedPolicies)])
        case let .getUserPolicy(user, policy):
            let owner = try existingUser(user)
            return try inlinePolicy("user", owner.name, policy, owner.inlinePolicies)
        case let .getGroupPolicy(group, policy):
            let owner = try existingGroup(group)
            return try inlinePolicy("group", owner.name, policy, owner.inlinePolicies)
        case let .getRolePolicy(role, policy):
            let owner = try existingRole(role)
            return try inlinePolicy("role", owner.name, policy, owner.inlinePolicies)
        case let .getInstanceProfile(name): return try getInstanceProfile(name: name)
        case let .getOpenIDConnectProvider(arn): return try getOIDCProvider(arn: arn)
        case let .getSAMLProvider(arn): return try getSAMLProvider(arn: arn)
        case let .getPolicyVersion(arn, versionID): return try getPolicyVersion(arn: arn, versionID: versionID)
        case .getAccountPasswordPolicy: return try getPasswordPolicy()
        case .listAccountAliases: return IAMResponse(attributes: ["aliases": AttributeText.list(alias.map { [$0] } ?? [])])
        case let .headBucket(name):
            guard let bucket = buckets[name] else { throw Self.noSuchBucket(name) }
            return IAMResponse(arn: bucket.arn, createDate: bucket.createDate, name: bucket.name, attributes: ["name": bucket.name, "arn": bucket.arn])
        case let .getBucketPolicy(bucket): return try getBucketPolicy(bucket: bucket)
        default: return nil
        }
    }

    /// GetLoginProfile: NoSuchEntity when the user has no console password.
    /// https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetLoginProfile.html
    func getLoginProfile(userName: String) throws(BackendError) -> IAMResponse {
        let user = try existingUser(userName)
        guard let profile = user.loginProfile else {
            throw IAMErrors.noSuchEntity(message: "Login Profile for User \(user.name) cannot be found.")
        }
        return IAMResponse(
            createDate: profile.createDate,
            attributes: [
                "user": user.name, "create_date": AttributeText.date(profile.createDate),
                "password_reset_required": profile.passwordResetRequired ? "true" : "false",
            ])
    }

    /// ListAccessKeys: ids, statuses and create dates (ISO 8601, whole seconds, as IAM prints them).
    /// https://docs.aws.amazon.com/IAM/latest/APIReference/API_AccessKeyMetadata.html
    func listAccessKeys(userName: String) throws(BackendError) -> IAMResponse {
        let user = try existingUser(userName)
        let statuses = JSONValue.object(user.accessKeys.map { (key: $0.id, value: .string($0.status)) }).compactText()
        let dates = JSONValue.object(user.accessKeys.map { (key: $0.id, value: .string(AttributeText.date($0.createDate))) })
        return IAMResponse(attributes: [
            "access_keys": AttributeText.list(user.accessKeys.map(\.id)), "statuses": statuses,
            "create_dates": dates.compactText(),
        ])
    }

    /// Get{User,Group,Role}Policy: "The user policy with name X cannot be found." when absent.
    private func inlinePolicy(_ kind: String, _ owner: String, _ name: String, _ policies: [String: String]) throws(BackendError) -> IAMResponse {
        guard let document = policies[name] else { throw IAMErrors.noSuchEntity("\(kind) policy", name: name) }
        return IAMResponse(attributes: ["entity": owner, "name": name, "document": document])
    }

    func getInstanceProfile(name: String) throws(BackendError) -> IAMResponse {
        let profile = try existingInstanceProfile(name)
        return IAMResponse(
            arn: profile.arn, uniqueID: profile.uniqueID, createDate: profile.createDate,
            attributes: [
                "name": profile.name, "path": profile.path, "arn": profile.arn, "unique_id": profile.uniqueID,
                "create_date": AttributeText.date(profile.createDate), "tags": AttributeText.tags(profile.tags),
                "roles": AttributeText.list(profile.roles),
            ])
    }

    /// GetOpenIDConnectProvider returns the URL as IAM stores it: without `https://`.
    func getOIDCProvider(arn: String) throws(BackendError) -> IAMResponse {
        let provider = try existingOIDCProvider(arn)
        return IAMResponse(
            arn: provider.arn, createDate: provider.createDate,
            attributes: [
                "url": provider.url, "client_ids": AttributeText.list(provider.clientIDs),
                "thumbprints": AttributeText.list(provider.thumbprints), "tags": AttributeText.tags(provider.tags),
                "create_date": AttributeText.date(provider.createDate),
            ])
    }

    func getSAMLProvider(arn: String) throws(BackendError) -> IAMResponse {
        let prefix = "arn:aws:iam::\(id):saml-provider/"
        guard arn.hasPrefix(prefix), let provider = samlProviders[String(arn.dropFirst(prefix.count)).lowercased()], provider.arn == arn else {
            throw IAMErrors.noSuchEntity(message: "SAMLProvider \(arn) not found.")
        }
        return IAMResponse(
            arn: provider.arn, createDate: provider.createDate,
            attributes: [
                "name": provider.name, "metadata": provider.metadataDocument, "tags": AttributeText.tags(provider.tags),
                "create_date": AttributeText.date(provider.createDate),
            ])
    }

    /// GetPolicyVersion of a customer managed policy (AWS managed documents live in the catalog).
    func getPolicyVersion(arn: String, versionID: String) throws(BackendError) -> IAMResponse {
        let policy = try existingPolicy(arn)
        guard let version = policy.versions.first(where: { $0.versionID == versionID }) else {
            throw IAMErrors.noSuchEntity(message: "Policy \(arn) version \(versionID) does not exist.")
        }
        return IAMResponse(
            arn: policy.arn, createDate: version.createDate, defaultVersionID: policy.defaultVersionID,
            attributes: [
                "version_id": version.versionID, "is_default": version.versionID == policy.defaultVersionID ? "true" : "false",
                "document": version.document,
            ])
    }

    /// GetAccountPasswordPolicy: NoSuchEntity when none was ever set.
    /// https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountPasswordPolicy.html
    func getPasswordPolicy() throws(BackendError) -> IAMResponse {
        guard let policy = passwordPolicy else {
            throw IAMErrors.noSuchEntity(message: "The Password Policy with domain name \(id) cannot be found.")
        }
        func flag(_ value: Bool) -> String { value ? "true" : "false" }
        var attributes = [
            "minimum_password_length": String(policy.minimumPasswordLength), "require_symbols": flag(policy.requireSymbols),
            "require_numbers": flag(policy.requireNumbers), "require_uppercase_characters": flag(policy.requireUppercaseCharacters),
            "require_lowercase_characters": flag(policy.requireLowercaseCharacters),
            "allow_users_to_change_password": flag(policy.allowUsersToChangePassword), "hard_expiry": flag(policy.hardExpiry),
        ]
        attributes["max_password_age"] = policy.maxPasswordAge.map(String.init)
        attributes["password_reuse_prevention"] = policy.passwordReusePrevention.map(String.init)
        return IAMResponse(attributes: attributes)
    }

    /// S3 answers NoSuchBucketPolicy for a bucket without one; the contract folds it into NoSuchEntity.
    func getBucketPolicy(bucket: String) throws(BackendError) -> IAMResponse {
        guard let stored = buckets[bucket] else { throw Self.noSuchBucket(bucket) }
        guard let policy = stored.policy else {
            throw BackendError(.noSuchEntity, "The bucket policy does not exist", rawCode: "NoSuchBucketPolicy", httpStatus: 404)
        }
        return IAMResponse(attributes: ["bucket": stored.name, "document": policy])
    }
}

extension IAMRequest {
    /// The refresh reads, which change nothing (see `isRead`).
    var isRefreshRead: Bool {
        switch self {
        case .getLoginProfile, .listAccessKeys, .listGroupsForUser, .listAttachedUserPolicies, .listAttachedGroupPolicies,
            .listAttachedRolePolicies, .getUserPolicy, .getGroupPolicy, .getRolePolicy, .getInstanceProfile,
            .getOpenIDConnectProvider, .getSAMLProvider, .getPolicyVersion, .getAccountPasswordPolicy, .listAccountAliases,
            .headBucket, .getBucketPolicy:
            return true
        default: return false
        }
    }
}
