import IAMConfCore
import IAMConfBackend

/// Groups and memberships. https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateGroup.html
extension World.Account {
    mutating func createGroup(name: String, path: String, _ env: inout OperationEnvironment) throws(BackendError) -> IAMResponse {
        try InputRules.checkName(name, field: "groupName", maxLength: 128)
        try InputRules.checkPath(path)
        guard groups[name.lowercased()] == nil else {
            throw IAMErrors.alreadyExists("Group with name \(name) already exists.")
        }
        try env.checkQuota(groups.count, env.limits.groupsPerAccount, "GroupsPerAccount")
        let group = World.Group(
            name: name, path: path, arn: ARN.iam(account: id, type: "group", path: path, name: name).description,
            uniqueID: env.ids.uniqueID(prefix: "AGPA"), createDate: env.now)
        groups[name.lowercased()] = group
        return IAMResponse(arn: group.arn, uniqueID: group.uniqueID, createDate: group.createDate)
    }

    func existingGroup(_ name: String) throws(BackendError) -> World.Group {
        guard let group = groups[name.lowercased()] else { throw IAMErrors.noSuchEntity("group", name: name) }
        return group
    }

    func getGroup(name: String) throws(BackendError) -> IAMResponse {
        let group = try existingGroup(name)
        let attributes: [String: JSONValue] = [
            "name": .string(group.name), "path": .string(group.path), "arn": .string(group.arn), "unique_id": .string(group.uniqueID),
            "create_date": AttributeValue.date(group.createDate), "members": AttributeValue.list(group.members),
            "policies": AttributeValue.list(group.attachedPolicies),
            "inline_policies": AttributeValue.list(group.inlinePolicies.keys.sorted()),
        ]
        return IAMResponse(arn: group.arn, uniqueID: group.uniqueID, createDate: group.createDate, attributes: attributes)
    }

    /// UpdateGroup: a new path, a new name, or both. A rename keeps the unique id, members and
    /// policies; the ARN follows, and the members' group lists spell the new name.
    /// https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateGroup.html
    mutating func updateGroup(name: String, newPath: String?, newName: String?) throws(BackendError) -> IAMResponse {
        var group = try existingGroup(name)
        if let newPath {
            try InputRules.checkPath(newPath, field: "newPath")
            group.path = newPath
        }
        if let newName {
            try InputRules.checkName(newName, field: "newGroupName", maxLength: 128)
            if newName.lowercased() != group.name.lowercased(), groups[newName.lowercased()] != nil {
                throw IAMErrors.alreadyExists("Group with name \(newName) already exists.")
            }
            for member in group.members {
                guard var user = users[member.lowercased()] else { continue }
                user.groups = user.groups.map { $0.lowercased() == group.name.lowercased() ? newName : $0 }
                users[member.lowercased()] = user
            }
            groups[group.name.lowercased()] = nil
            group.name = newName
        }
        group.arn = ARN.iam(account: id, type: "group", path: group.path, name: group.name).description
        groups[group.name.lowercased()] = group
        return IAMResponse(arn: group.arn, uniqueID: group.uniqueID)
    }

    /// DeleteGroup refuses while the group has members or policies.
    /// https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteGroup.html
    mutating func deleteGroup(name: String) throws(BackendError) -> IAMResponse {
        let group = try existingGroup(name)
        if !group.members.isEmpty { throw IAMErrors.deleteConflict("Cannot delete entity, must remove users from group first.") }
        if !group.inlinePolicies.isEmpty { throw IAMErrors.deleteConflict("Cannot delete entity, must delete policies first.") }
        if !group.attachedPolicies.isEmpty {
            throw IAMErrors.deleteConflict("Cannot delete entity, must detach all policies first.")
        }
        groups[name.lowercased()] = nil
        return IAMResponse(arn: group.arn)
    }

    /// AddUserToGroup is idempotent; a user may be in at most ten groups.
    mutating func addUserToGroup(groupName: String, userName: String, _ env: OperationEnvironment) throws(BackendError) -> IAMResponse {
        var group = try existingGroup(groupName)
        var user = try existingUser(userName)
        let isMember = user.groups.contains { $0.lowercased() == group.name.lowercased() }
        guard !isMember else { return IAMResponse() }
        try env.checkQuota(user.groups.count, env.limits.groupsPerUser, "GroupsPerUser")
        user.groups.append(group.name)
        group.members.append(user.name)
        users[userName.lowercased()] = user
        groups[groupName.lowercased()] = group
        return IAMResponse()
    }

    mutating func removeUserFromGroup(groupName: String, userName: String) throws(BackendError) -> IAMResponse {
        var group = try existingGroup(groupName)
        var user = try existingUser(userName)
        guard let index = user.groups.firstIndex(where: { $0.lowercased() == group.name.lowercased() }) else {
            throw IAMErrors.noSuchEntity(message: "The user with name \(user.name) is not a member of group \(group.name).")
        }
        user.groups.remove(at: index)
        group.members.removeAll { $0.lowercased() == user.name.lowercased() }
        users[userName.lowercased()] = user
        groups[groupName.lowercased()] = group
        return IAMResponse()
    }
}
