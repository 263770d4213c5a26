import IAMConfCore
import IAMConfBackend

/// Customer managed policies and their versions.
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-versioning.html
extension World.Account {
    /// Customer managed policies may be 6,144 characters (whitespace not counted).
    static let managedPolicySizeLimit = 6144

    mutating func createPolicy(
        name: String, path: String, description: String?, document: String, tags: [Tag],
        _ env: inout OperationEnvironment
    ) throws(BackendError) -> IAMResponse {
        try InputRules.checkName(name, field: "policyName", maxLength: 128)
        try InputRules.checkPath(path)
        try InputRules.checkDescription(description)
        try InputRules.checkTags(tags)
        try Self.checkManagedDocument(document)
        guard policies[name.lowercased()] == nil else {
            throw IAMErrors.alreadyExists("A policy called \(name) already exists. Duplicate names are not allowed.")
        }
        try env.checkQuota(policies.count, env.limits.policiesPerAccount, "PoliciesPerAccount")
        let policy = World.ManagedPolicy(
            name: name, path: path, arn: ARN.iam(account: id, type: "policy", path: path, name: name).description,
            uniqueID: env.ids.uniqueID(prefix: "ANPA"), createDate: env.now, updateDate: env.now,
            description: description, tags: InputRules.merge(tags, into: []),
            versions: [World.PolicyVersion(versionID: "v1", document: document, createDate: env.now)],
            defaultVersionID: "v1", nextVersionNumber: 2)
        policies[name.lowercased()] = policy
        return IAMResponse(arn: policy.arn, uniqueID: policy.uniqueID, createDate: policy.createDate, defaultVersionID: "v1")
    }

    static func checkManagedDocument(_ document: String) throws(BackendError) {
        guard PolicyDocumentCheck.countedSize(document) <= managedPolicySizeLimit else {
            throw IAMErrors.quota("PolicySize", managedPolicySizeLimit)
        }
        try PolicyDocumentCheck.check(document, kind: .identity)
    }

    /// The customer managed policy with this ARN in this account, or `NoSuchEntity`.
    func existingPolicy(_ arn: String) throws(BackendError) -> World.ManagedPolicy {
        let owner = try InputRules.checkPolicyARN(arn)
        guard owner == id, let policy = policy(arn: arn) else { throw IAMErrors.policyNotFound(arn) }
        return policy
    }

    /// TagPolicy: customer managed policies only (an AWS managed policy's ARN is not this account's).
    /// https://docs.aws.amazon.com/IAM/latest/APIReference/API_TagPolicy.html
    mutating func tagPolicy(arn: String, tags: [Tag]) throws(BackendError) -> IAMResponse {
        var policy = try existingPolicy(arn)
        policy.tags = try InputRules.tagged(policy.tags, with: tags)
        policies[policy.name.lowercased()] = policy
        return IAMResponse(arn: policy.arn)
    }

    mutating func untagPolicy(arn: String, keys: [String]) throws(BackendError) -> IAMResponse {
        var policy = try existingPolicy(arn)
        policy.tags = InputRules.untagged(policy.tags, removing: keys)
        policies[policy.name.lowercased()] = policy
        return IAMResponse(arn: policy.arn)
    }

    /// Checks that a managed policy exists and can be attached here: an AWS managed policy the
    /// catalog knows, other than a service-linked role policy (AWS attaches those to their service's
    /// role only), or a customer managed policy of this account.
    func requireManagedPolicy(_ arn: String, _ env: OperationEnvironment, field: String = "policyArn") throws(BackendError) {
        let owner = try InputRules.checkPolicyARN(arn, field: field)
        if owner == "aws" {
            guard env.isAWSManagedPolicy(arn) else { throw IAMErrors.notAttachable(arn) }
            if ServiceLinkedRolePolicy.isServiceRolePolicy(arn) { throw IAMErrors.serviceRolePolicyNotAttachable(arn) }
        } else {
            guard owner == id, policy(arn: arn) != nil else { throw IAMErrors.notAttachable(arn) }
        }
    }

    /// Keeps a customer policy's attachment and boundary counts, which DeletePolicy consults.
    mutating func countPolicyUse(_ arn: String, attachments: Int = 0, boundaries: Int = 0) {
        guard let name = arn.split(separator: "/").last?.lowercased(), policies[name]?.arn == arn else { return }
        policies[name]?.attachmentCount += attachments
        policies[name]?.permissionsBoundaryUsageCount += boundaries
    }

    /// GetPolicy. AWS managed policies known to the catalog answer with what their ARN says.
    func getPolicy(arn: String, _ env: OperationEnvironment) throws(BackendError) -> IAMResponse {
        if try InputRules.checkPolicyARN(arn) == "aws" {
            guard let info = env.awsManagedPolicy(arn) else { throw IAMErrors.policyNotFound(arn) }
            let resource = arn.dropFirst("arn:aws:iam::aws:policy".count)
            let name = String(resource.split(separator: "/").last ?? "")
            let path = String(resource.dropLast(name.count))
            var attributes: [String: JSONValue] = [
                "name": .string(name), "path": .string(path), "arn": .string(arn), "aws_managed": .bool(true),
            ]
            attributes["default_version_id"] = info.defaultVersionID.map(JSONValue.string)
            attributes["document"] = info.document.map(JSONValue.string)
            return IAMResponse(arn: arn, defaultVersionID: info.defaultVersionID, attributes: attributes)
        }
        let policy = try existingPolicy(arn)
        var attributes: [String: JSONValue] = [
            "name": .string(policy.name), "path": .string(policy.path), "arn": .string(policy.arn), "unique_id": .string(policy.uniqueID),
            "create_date": AttributeValue.date(policy.createDate), "update_date": AttributeValue.date(policy.updateDate),
            "tags": AttributeValue.tags(policy.tags), "default_version_id": .string(policy.defaultVersionID),
            "document": .string(policy.defaultDocument), "attachment_count": AttributeValue.number(policy.attachmentCount),
            "permissions_boundary_usage_count": AttributeValue.number(policy.permissionsBoundaryUsageCount), "aws_managed": .bool(false),
        ]
        attributes["description"] = policy.description.map(JSONValue.string)
        return IAMResponse(
            arn: policy.arn, uniqueID: policy.uniqueID, createDate: policy.createDate,
            defaultVersionID: policy.defaultVersionID, attributes: attributes)
    }

    /// CreatePolicyVersion: at most five versions; the new one becomes default when asked.
    /// https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreatePolicyVersion.html
    mutating func createPolicyVersion(
        arn: String, document: String, setAsDefault: Bool, _ env: OperationEnvironment
    ) throws(BackendError) -> IAMResponse {
        var policy = try existingPolicy(arn)
        try Self.checkManagedDocument(document)
        guard policy.versions.count < env.limits.versionsPerPolicy else {
            throw IAMErrors.limitExceeded(
                "A managed policy can have up to \(env.limits.versionsPerPolicy) versions. Before you create a new version, you must delete an existing version.")
        }
        let versionID = "v\(policy.nextVersionNumber)"
        policy.nextVersionNumber += 1
        policy.versions.append(World.PolicyVersion(versionID: versionID, document: document, createDate: env.now))
        if setAsDefault { policy.defaultVersionID = versionID }
        policy.updateDate = env.now
        policies[policy.name.lowercased()] = policy
        return IAMResponse(arn: policy.arn, createDate: env.now, defaultVersionID: policy.defaultVersionID, name: versionID)
    }

    func listPolicyVersions(arn: String) throws(BackendError) -> IAMResponse {
        let policy = try existingPolicy(arn)
        let versions = policy.versions.map {
            PolicyVersionSummary(versionID: $0.versionID, isDefault: $0.versionID == policy.defaultVersionID, createDate: $0.createDate)
        }
        return IAMResponse(arn: policy.arn, defaultVersionID: policy.defaultVersionID, versions: versions)
    }

    mutating func deletePolicyVersion(arn: String, versionID: String) throws(BackendError) -> IAMResponse {
        var policy = try existingPolicy(arn)
        guard let index = policy.versions.firstIndex(where: { $0.versionID == versionID }) else {
            throw IAMErrors.noSuchEntity(message: "Policy \(arn) version \(versionID) does not exist or is not deletable.")
        }
        guard versionID != policy.defaultVersionID else {
            throw IAMErrors.deleteConflict("Cannot delete the default version of a policy.")
        }
        policy.versions.remove(at: index)
        policies[policy.name.lowercased()] = policy
        return IAMResponse(arn: policy.arn, defaultVersionID: policy.defaultVersionID)
    }

    /// DeletePolicy refuses while the policy is attached or has versions besides the default.
    /// https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeletePolicy.html
    mutating func deletePolicy(arn: String) throws(BackendError) -> IAMResponse {
        if try InputRules.checkPolicyARN(arn) == "aws" {
            throw BackendError(.accessDenied, "Cannot delete AWS managed policy \(arn).", httpStatus: 403)
        }
        let policy = try existingPolicy(arn)
        guard policy.attachmentCount == 0 else { throw IAMErrors.deleteConflict("Cannot delete a policy attached to entities.") }
        guard policy.versions.count == 1 else {
            throw IAMErrors.deleteConflict(
                "This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.")
        }
        policies[policy.name.lowercased()] = nil
        return IAMResponse(arn: policy.arn)
    }
}
