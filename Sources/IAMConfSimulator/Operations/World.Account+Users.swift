import IAMConfCore
import IAMConfBackend

/// Users, their login profiles and access keys.
/// https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateUser.html and neighbours.
extension World.Account {
    mutating func createUser(
        name: String, path: String, tags: [Tag], boundary: String?, _ env: inout OperationEnvironment
    ) throws(BackendError) -> IAMResponse {
        try InputRules.checkName(name, field: "userName", maxLength: 64)
        try InputRules.checkPath(path)
        try InputRules.checkTags(tags)
        guard users[name.lowercased()] == nil else {
            throw IAMErrors.alreadyExists("User with name \(name) already exists.")
        }
        try env.checkQuota(users.count, env.limits.usersPerAccount, "UsersPerAccount")
        if let boundary { try requireManagedPolicy(boundary, env, field: "permissionsBoundary") }
        let user = World.User(
            name: name, path: path, arn: ARN.iam(account: id, type: "user", path: path, name: name).description,
            uniqueID: env.ids.uniqueID(prefix: "AIDA"), createDate: env.now,
            tags: InputRules.merge(tags, into: []), permissionsBoundary: boundary)
        if let boundary { countPolicyUse(boundary, boundaries: 1) }
        users[name.lowercased()] = user
        return IAMResponse(arn: user.arn, uniqueID: user.uniqueID, createDate: user.createDate)
    }

    func existingUser(_ name: String) throws(BackendError) -> World.User {
        guard let user = users[name.lowercased()] else { throw IAMErrors.noSuchEntity("user", name: name) }
        return user
    }

    /// GetUser, with the attributes documented in the simulator's README.
    func getUser(name: String) throws(BackendError) -> IAMResponse {
        let user = try existingUser(name)
        var attributes: [String: JSONValue] = [
            "name": .string(user.name), "path": .string(user.path), "arn": .string(user.arn), "unique_id": .string(user.uniqueID),
            "create_date": AttributeValue.date(user.createDate), "tags": AttributeValue.tags(user.tags),
            "groups": AttributeValue.list(user.groups), "policies": AttributeValue.list(user.attachedPolicies),
            "inline_policies": AttributeValue.list(user.inlinePolicies.keys.sorted()),
            "access_keys": AttributeValue.list(user.accessKeys.map(\.id)),
            "login_profile": .bool(user.loginProfile != nil),
        ]
        attributes["permissions_boundary"] = user.permissionsBoundary.map(JSONValue.string)
        if let profile = user.loginProfile {
            attributes["password_reset_required"] = .bool(profile.passwordResetRequired)
        }
        return IAMResponse(arn: user.arn, uniqueID: user.uniqueID, createDate: user.createDate, attributes: attributes)
    }

    /// UpdateUser: a new path, a new name, or both. A rename keeps the unique id, keys, login
    /// profile, groups and policies (IAM identifies them by the user, not its name); the ARN
    /// follows the new name and path, and the groups' member lists spell the new name.
    /// https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateUser.html
    mutating func updateUser(name: String, newPath: String?, newName: String?) throws(BackendError) -> IAMResponse {
        var user = try existingUser(name)
        if let newPath {
            try InputRules.checkPath(newPath, field: "newPath")
            user.path = newPath
        }
        if let newName {
            try InputRules.checkName(newName, field: "newUserName", maxLength: 64)
            // Names are unique without regard to case; a change of case only is the same user.
            if newName.lowercased() != user.name.lowercased(), users[newName.lowercased()] != nil {
                throw IAMErrors.alreadyExists("User with name \(newName) already exists.")
            }
            for groupName in user.groups {
                guard var group = groups[groupName.lowercased()] else { continue }
                group.members = group.members.map { $0.lowercased() == user.name.lowercased() ? newName : $0 }
                groups[groupName.lowercased()] = group
            }
            users[user.name.lowercased()] = nil
            user.name = newName
        }
        user.arn = ARN.iam(account: id, type: "user", path: user.path, name: user.name).description
        users[user.name.lowercased()] = user
        return IAMResponse(arn: user.arn, uniqueID: user.uniqueID)
    }

    /// DeleteUser refuses while anything is still attached to the user.
    /// https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteUser.html
    mutating func deleteUser(name: String) throws(BackendError) -> IAMResponse {
        let user = try existingUser(name)
        if user.loginProfile != nil { throw IAMErrors.deleteConflict("Cannot delete entity, must delete login profile first.") }
        if !user.accessKeys.isEmpty { throw IAMErrors.deleteConflict("Cannot delete entity, must delete access keys first.") }
        if user.mfaDevice != nil { throw IAMErrors.deleteConflict("Cannot delete entity, must delete MFA device first.") }
        if !user.inlinePolicies.isEmpty { throw IAMErrors.deleteConflict("Cannot delete entity, must delete policies first.") }
        if !user.attachedPolicies.isEmpty {
            throw IAMErrors.deleteConflict("Cannot delete entity, must detach all policies first.")
        }
        if !user.groups.isEmpty { throw IAMErrors.deleteConflict("Cannot delete entity, must remove user from groups first.") }
        if let boundary = user.permissionsBoundary { countPolicyUse(boundary, boundaries: -1) }
        users[name.lowercased()] = nil
        return IAMResponse(arn: user.arn)
    }

    mutating func tagUser(name: String, tags: [Tag]) throws(BackendError) -> IAMResponse {
        var user = try existingUser(name)
        user.tags = try InputRules.tagged(user.tags, with: tags)
        users[name.lowercased()] = user
        return IAMResponse(arn: user.arn)
    }

    mutating func untagUser(name: String, keys: [String]) throws(BackendError) -> IAMResponse {
        var user = try existingUser(name)
        user.tags = InputRules.untagged(user.tags, removing: keys)
        users[name.lowercased()] = user
        return IAMResponse(arn: user.arn)
    }

    mutating func putUserBoundary(name: String, arn: String, _ env: OperationEnvironment) throws(BackendError) -> IAMResponse {
        var user = try existingUser(name)
        try requireManagedPolicy(arn, env, field: "permissionsBoundary")
        if let old = user.permissionsBoundary { countPolicyUse(old, boundaries: -1) }
        countPolicyUse(arn, boundaries: 1)
        user.permissionsBoundary = arn
        users[name.lowercased()] = user
        return IAMResponse(arn: user.arn)
    }

    mutating func deleteUserBoundary(name: String) throws(BackendError) -> IAMResponse {
        var user = try existingUser(name)
        guard let old = user.permissionsBoundary else {
            throw IAMErrors.noSuchEntity(message: "The user with name \(user.name) does not have a permissions boundary.")
        }
        countPolicyUse(old, boundaries: -1)
        user.permissionsBoundary = nil
        users[name.lowercased()] = user
        return IAMResponse(arn: user.arn)
    }

    /// CreateLoginProfile; the password is generated to satisfy the account's password policy.
    mutating func createLoginProfile(
        userName: String, resetRequired: Bool, _ env: inout OperationEnvironment
    ) throws(BackendError) -> IAMResponse {
        var user = try existingUser(userName)
        guard user.loginProfile == nil else {
            throw IAMErrors.alreadyExists("Login Profile for user \(user.name) already exists.")
        }
        user.loginProfile = World.LoginProfile(createDate: env.now, passwordResetRequired: resetRequired)
        users[userName.lowercased()] = user
        return IAMResponse(createDate: env.now, password: generatedPassword(&env))
    }

    /// UpdateLoginProfile; with `newPassword` it also sets a new generated password and returns it,
    /// as CreateLoginProfile does (how iamconf repairs a console login whose password it never learnt).
    /// https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateLoginProfile.html
    mutating func updateLoginProfile(
        userName: String, resetRequired: Bool, newPassword: Bool, _ env: inout OperationEnvironment
    ) throws(BackendError) -> IAMResponse {
        var user = try existingUser(userName)
        guard user.loginProfile != nil else {
            throw IAMErrors.noSuchEntity(message: "Login Profile for User \(user.name) cannot be found.")
        }
        user.loginProfile?.passwordResetRequired = resetRequired
        users[userName.lowercased()] = user
        return IAMResponse(password: newPassword ? generatedPassword(&env) : nil)
    }

    /// A console password that satisfies this account's password policy.
    private func generatedPassword(_ env: inout OperationEnvironment) -> String {
        env.ids.password(minimumLength: passwordPolicy?.minimumPasswordLength ?? 6)
    }

    mutating func deleteLoginProfile(userName: String) throws(BackendError) -> IAMResponse {
        var user = try existingUser(userName)
        guard user.loginProfile != nil else {
            throw IAMErrors.noSuchEntity(message: "Login Profile for User \(user.name) cannot be found.")
        }
        user.loginProfile = nil
        users[userName.lowercased()] = user
        return IAMResponse()
    }

    mutating func createAccessKey(userName: String, _ env: inout OperationEnvironment) throws(BackendError) -> IAMResponse {
        var user = try existingUser(userName)
        try env.checkQuota(user.accessKeys.count, env.limits.accessKeysPerUser, "AccessKeysPerUser")
        let key = World.AccessKey(id: env.ids.accessKeyID(), status: "Active", createDate: env.now)
        user.accessKeys.append(key)
        users[userName.lowercased()] = user
        return IAMResponse(createDate: key.createDate, accessKeyID: key.id, secretAccessKey: env.ids.secretAccessKey())
    }

    mutating func deleteAccessKey(userName: String, keyID: String) throws(BackendError) -> IAMResponse {
        var user = try existingUser(userName)
        guard let index = user.accessKeys.firstIndex(where: { $0.id == keyID }) else {
            throw IAMErrors.noSuchEntity(message: "The Access Key with id \(keyID) cannot be found.")
        }
        user.accessKeys.remove(at: index)
        users[userName.lowercased()] = user
        return IAMResponse()
    }
}
