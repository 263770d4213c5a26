import IAMConfCore
import IAMConfBackend

/// Service-linked roles: created for a service, named and owned by it.
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/using-service-linked-roles.html
extension World.Account {
    /// `AWSServiceRoleFor<Service>[_suffix]`.
    static func serviceLinkedRoleName(service: String, suffix: String?) -> String {
        ServiceLinkedRoleName.of(service: service, suffix: suffix)
    }

    mutating func createServiceLinkedRole(
        service: String, suffix: String?, description: String?, _ env: inout OperationEnvironment
    ) throws(BackendError) -> IAMResponse {
        let labels = service.split(separator: ".", omittingEmptySubsequences: false)
        guard service.hasSuffix(".amazonaws.com"), labels.count >= 3, labels.allSatisfy({ !$0.isEmpty }) else {
            throw IAMErrors.invalidInput("Invalid service principal: \(service).")
        }
        try InputRules.checkDescription(description)
        if let suffix { try InputRules.checkName(suffix, field: "customSuffix", maxLength: 64) }
        let name = Self.serviceLinkedRoleName(service: service, suffix: suffix)
        try InputRules.checkName(name, field: "roleName", maxLength: 64)
        // IAM answers InvalidInput, not EntityAlreadyExists, for a taken service-linked role name.
        guard roles[name.lowercased()] == nil else {
            throw IAMErrors.invalidInput("Service role name \(name) has been taken in this account, please try a different suffix.")
        }
        try env.checkQuota(roles.count, env.limits.rolesPerAccount, "RolesPerAccount")
        let path = "/aws-service-role/\(service)/"
        let trust = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"\#(service)"},"Action":"sts:AssumeRole"}]}"#
        var role = World.Role(
            name: name, path: path, arn: ARN.iam(account: id, type: "role", path: path, name: name).description,
            uniqueID: env.ids.uniqueID(prefix: "AROA"), createDate: env.now, trustPolicy: trust,
            description: description, maxSessionDuration: 3600, linkedService: service)
        // AWS attaches the service's own policy as it creates the role; only the service changes it.
        // A service the table lacks gets the role alone, as a simulator cannot know its permissions.
        if let policy = ServiceLinkedRolePolicy.arn(forService: service), env.isAWSManagedPolicy(policy) {
            role.attachedPolicies = [policy]
        }
        roles[name.lowercased()] = role
        return IAMResponse(arn: role.arn, uniqueID: role.uniqueID, createDate: role.createDate, name: name)
    }

    /// DeleteServiceLinkedRole; IAM deletes asynchronously, the simulator at once, detaching the
    /// service's policy with the role.
    mutating func deleteServiceLinkedRole(roleName: String) throws(BackendError) -> IAMResponse {
        let role = try existingRole(roleName)
        guard role.isServiceLinked else {
            throw IAMErrors.invalidInput("The role \(role.name) is not a service-linked role.")
        }
        for profile in role.instanceProfiles {
            instanceProfiles[profile.lowercased()]?.roles.removeAll { $0.lowercased() == role.name.lowercased() }
        }
        for arn in role.attachedPolicies { countPolicyUse(arn, attachments: -1) }
        roles[roleName.lowercased()] = nil
        return IAMResponse(arn: role.arn, name: role.name)
    }
}
