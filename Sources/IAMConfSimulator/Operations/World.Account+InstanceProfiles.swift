import IAMConfCore
import IAMConfBackend

/// Instance profiles. https://docs.aws.amazon.com/IAM/latest/APIReference/API_AddRoleToInstanceProfile.html
extension World.Account {
    mutating func createInstanceProfile(
        name: String, path: String, tags: [Tag], _ env: inout OperationEnvironment
    ) throws(BackendError) -> IAMResponse {
        try InputRules.checkName(name, field: "instanceProfileName", maxLength: 128)
        try InputRules.checkPath(path)
        try InputRules.checkTags(tags)
        guard instanceProfiles[name.lowercased()] == nil else {
            throw IAMErrors.alreadyExists("Instance Profile \(name) already exists.")
        }
        try env.checkQuota(instanceProfiles.count, env.limits.instanceProfilesPerAccount, "InstanceProfilesPerAccount")
        let profile = World.InstanceProfile(
            name: name, path: path,
            arn: ARN.iam(account: id, type: "instance-profile", path: path, name: name).description,
            uniqueID: env.ids.uniqueID(prefix: "AIPA"), createDate: env.now, tags: InputRules.merge(tags, into: []))
        instanceProfiles[name.lowercased()] = profile
        return IAMResponse(arn: profile.arn, uniqueID: profile.uniqueID, createDate: profile.createDate)
    }

    /// https://docs.aws.amazon.com/IAM/latest/APIReference/API_TagInstanceProfile.html
    mutating func tagInstanceProfile(name: String, tags: [Tag]) throws(BackendError) -> IAMResponse {
        var profile = try existingInstanceProfile(name)
        profile.tags = try InputRules.tagged(profile.tags, with: tags)
        instanceProfiles[name.lowercased()] = profile
        return IAMResponse(arn: profile.arn)
    }

    mutating func untagInstanceProfile(name: String, keys: [String]) throws(BackendError) -> IAMResponse {
        var profile = try existingInstanceProfile(name)
        profile.tags = InputRules.untagged(profile.tags, removing: keys)
        instanceProfiles[name.lowercased()] = profile
        return IAMResponse(arn: profile.arn)
    }

    func existingInstanceProfile(_ name: String) throws(BackendError) -> World.InstanceProfile {
        guard let profile = instanceProfiles[name.lowercased()] else {
            throw IAMErrors.noSuchEntity(message: "Instance Profile \(name) cannot be found.")
        }
        return profile
    }

    mutating func deleteInstanceProfile(name: String) throws(BackendError) -> IAMResponse {
        let profile = try existingInstanceProfile(name)
        guard profile.roles.isEmpty else {
            throw IAMErrors.deleteConflict("Cannot delete entity, must remove roles from instance profile first.")
        }
        instanceProfiles[name.lowercased()] = nil
        return IAMResponse(arn: profile.arn)
    }

    /// An instance profile holds at most one role.
    mutating func addRoleToInstanceProfile(profileName: String, roleName: String) throws(BackendError) -> IAMResponse {
        var profile = try existingInstanceProfile(profileName)
        var role = try existingRole(roleName)
        // A second role, or the same role again, is over the quota of one.
        guard profile.roles.isEmpty else {
            throw IAMErrors.limitExceeded("Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1")
        }
        profile.roles.append(role.name)
        role.instanceProfiles.append(profile.name)
        instanceProfiles[profileName.lowercased()] = profile
        roles[roleName.lowercased()] = role
        return IAMResponse(arn: profile.arn)
    }

    mutating func removeRoleFromInstanceProfile(profileName: String, roleName: String) throws(BackendError) -> IAMResponse {
        var profile = try existingInstanceProfile(profileName)
        var role = try existingRole(roleName)
        guard let index = profile.roles.firstIndex(where: { $0.lowercased() == role.name.lowercased() }) else {
            throw IAMErrors.noSuchEntity(message: "The role with name \(role.name) is not in instance profile \(profile.name).")
        }
        profile.roles.remove(at: index)
        role.instanceProfiles.removeAll { $0.lowercased() == profile.name.lowercased() }
        instanceProfiles[profileName.lowercased()] = profile
        roles[roleName.lowercased()] = role
        return IAMResponse(arn: profile.arn)
    }
}
