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
            return IAMResponse(attributes: ["groups": AttributeValue.list(try existingUser(user).groups)])
        case let .listAttachedUserPolicies(user):
            return IAMResponse(attributes: ["policies": AttributeValue.list(try existingUser(user).attachedPolicies)])
        case let .listAttachedGroupPolicies(group):
            return IAMResponse(attributes: ["policies": AttributeValue.list(try existingGroup(group).attachedPolicies)])
        case let .listAttachedRolePolicies(role):
            return IAMResponse(attributes: ["policies": AttributeValue.list(try existingRole(role).attachedPolicies)])
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
        case .listAccountAliases: return IAMResponse(attributes: ["aliases": AttributeValue.list(alias.map { [$0] } ?? [])])
        case let .headBucket(name):
            guard let bucket = buckets[name] else { throw Self.noSuchBucket(name) }
            return IAMResponse(
                arn: bucket.arn, createDate: bucket.createDate, name: bucket.name,
                attributes: ["name": .string(bucket.name), "arn": .string(bucket.arn)])
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
                "user": .string(user.name), "create_date": AttributeValue.date(profile.createDate),
                "password_reset_required": .bool(profile.passwordResetRequired),
            ])
    }

    /// ListAccessKeys: ids, statuses and create dates (ISO 8601, whole seconds, as IAM prints them).
    /// https://docs.aws.amazon.com/IAM/latest/APIReference/API_AccessKeyMetadata.html
    func listAccessKeys(userName: String) throws(BackendError) -> IAMResponse {
        let user = try existingUser(userName)
        return IAMResponse(attributes: [
            "access_keys": AttributeValue.list(user.accessKeys.map(\.id)),
            "statuses": .object(user.accessKeys.map { (key: $0.id, value: .string($0.status)) }),
            "create_dates": .object(user.accessKeys.map { (key: $0.id, value: AttributeValue.date($0.createDate)) }),
        ])
    }

    /// Get{User,Group,Role}Policy: "The user policy with name X cannot be found." when absent.
    private func inlinePolicy(_ kind: String, _ owner: String, _ name: String, _ policies: [String: String]) throws(BackendError) -> IAMResponse {
        guard let document = policies[name] else { throw IAMErrors.noSuchEntity("\(kind) policy", name: name) }
        return IAMResponse(attributes: ["entity": .string(owner), "name": .string(name), "document": .string(document)])
    }

    func getInstanceProfile(name: String) throws(BackendError) -> IAMResponse {
        let profile = try existingInstanceProfile(name)
        return IAMResponse(
            arn: profile.arn, uniqueID: profile.uniqueID, createDate: profile.createDate,
            attributes: [
                "name": .string(profile.name), "path": .string(profile.path), "arn": .string(profile.arn),
                "unique_id": .string(profile.uniqueID),
                "create_date": AttributeValue.date(profile.createDate), "tags": AttributeValue.tags(profile.tags),
                "roles": AttributeValue.list(profile.roles),
            ])
    }

    /// GetOpenIDConnectProvider returns the URL as IAM stores it: without `https://`.
    func getOIDCProvider(arn: String) throws(BackendError) -> IAMResponse {
        let provider = try existingOIDCProvider(arn)
        return IAMResponse(
            arn: provider.arn, createDate: provider.createDate,
            attributes: [
                "url": .string(provider.url), "client_ids": AttributeValue.list(provider.clientIDs),
                "thumbprints": AttributeValue.list(provider.thumbprints), "tags": AttributeValue.tags(provider.tags),
                "create_date": AttributeValue.date(provider.createDate),
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
                "name": .string(provider.name), "metadata": .string(provider.metadataDocument), "tags": AttributeValue.tags(provider.tags),
                "create_date": AttributeValue.date(provider.createDate),
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
                "version_id": .string(version.versionID), "is_default": .bool(version.versionID == policy.defaultVersionID),
                "document": .string(version.document),
            ])
    }

    /// GetAccountPasswordPolicy: NoSuchEntity when none was ever set.
    /// https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountPasswordPolicy.html
    func getPasswordPolicy() throws(BackendError) -> IAMResponse {
        guard let policy = passwordPolicy else {
            throw IAMErrors.noSuchEntity(message: "The Password Policy with domain name \(id) cannot be found.")
        }
        var attributes: [String: JSONValue] = [
            "minimum_password_length": AttributeValue.number(policy.minimumPasswordLength), "require_symbols": .bool(policy.requireSymbols),
            "require_numbers": .bool(policy.requireNumbers), "require_uppercase_characters": .bool(policy.requireUppercaseCharacters),
            "require_lowercase_characters": .bool(policy.requireLowercaseCharacters),
            "allow_users_to_change_password": .bool(policy.allowUsersToChangePassword), "hard_expiry": .bool(policy.hardExpiry),
        ]
        attributes["max_password_age"] = policy.maxPasswordAge.map(AttributeValue.number)
        attributes["password_reuse_prevention"] = policy.passwordReusePrevention.map(AttributeValue.number)
        return IAMResponse(attributes: attributes)
    }

    /// S3 answers NoSuchBucketPolicy for a bucket without one; the contract folds it into NoSuchEntity.
    func getBucketPolicy(bucket: String) throws(BackendError) -> IAMResponse {
        guard let stored = buckets[bucket] else { throw Self.noSuchBucket(bucket) }
        guard let policy = stored.policy else {
            throw BackendError(.noSuchEntity, "The bucket policy does not exist", rawCode: "NoSuchBucketPolicy", httpStatus: 404)
        }
        return IAMResponse(attributes: ["bucket": .string(stored.name), "document": .string(policy)])
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
