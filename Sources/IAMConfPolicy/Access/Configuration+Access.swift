import IAMConfCore

/// Lookups the access analyzer needs: entities by ARN, ARNs of entities, managed documents by ARN.
extension Configuration {
    /// The account, by its local name or 12-digit id.
    func accessAccount(_ nameOrID: String) -> Account? {
        account(named: nameOrID) ?? account(id: nameOrID)
    }

    /// The user an IAM user ARN names (path and name must both match).
    func user(arn: ARN) -> (Account, User)? {
        guard arn.service == "iam", let account = account(id: arn.account) else { return nil }
        return account.users.first { ARN.iam(account: account.id, type: "user", path: $0.path, name: $0.name) == arn }
            .map { (account, $0) }
    }

    /// The role a role ARN names (path and name must both match), service-linked roles included.
    func role(arn: ARN) -> (Account, Role)? {
        guard arn.service == "iam", let account = account(id: arn.account) else { return nil }
        return account.accessRoles.first { $0.arn(in: account) == arn }.map { (account, $0) }
    }

    /// The configured bucket of that name, with its owner.
    func bucket(named name: String) -> (Account, Bucket)? {
        for account in accounts {
            if let bucket = account.buckets.first(where: { $0.name == name }) { return (account, bucket) }
        }
        return nil
    }

    /// A customer managed policy by its ARN, for attachments and permissions boundaries.
    func customerManagedPolicy(arn: String) -> (Account, ManagedPolicy)? {
        guard let parsed = ARN(arn), let account = account(id: parsed.account) else { return nil }
        return account.policies.first { ARN.iam(account: account.id, type: "policy", path: $0.path, name: $0.name).description == arn }
            .map { (account, $0) }
    }
}

extension User {
    func arn(in account: Account) -> ARN { ARN.iam(account: account.id, type: "user", path: path, name: name) }
}

extension Role {
    func arn(in account: Account) -> ARN { ARN.iam(account: account.id, type: "role", path: path, name: name) }
}
