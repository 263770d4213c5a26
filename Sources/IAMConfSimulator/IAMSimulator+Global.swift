import IAMConfBackend

/// Calls whose names are global across accounts: account aliases and S3 bucket names.
extension IAMSimulator {
    /// Handles the request if it needs to look at other accounts; nil lets the account handle it.
    func performGlobal(_ request: IAMRequest, _ accountID: String, _ env: OperationEnvironment) throws(BackendError) -> IAMResponse? {
        switch request {
        case let .createAccountAlias(alias):
            try World.Account.checkAlias(alias)
            // https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateAccountAlias.html: aliases are unique across AWS.
            if snapshotAccounts.contains(where: { $0.value.alias == alias && $0.key != accountID }) {
                throw IAMErrors.alreadyExists("The account alias \(alias) already exists.")
            }
            return updateAccount(accountID) { $0.createAlias(alias) }
        case let .createBucket(name):
            try World.Account.checkBucketName(name)
            if let owner = bucketOwner(name) {
                throw owner == accountID
                    ? BackendError(.entityAlreadyExists, "Your previous request to create the named bucket succeeded and you already own it.",
                                   rawCode: "BucketAlreadyOwnedByYou", httpStatus: 409)
                    : BackendError(.entityAlreadyExists, "The requested bucket name is not available.",
                                   rawCode: "BucketAlreadyExists", httpStatus: 409)
            }
            return updateAccount(accountID) { $0.createBucket(name: name, env) }
        case let .putBucketPolicy(name, _), let .deleteBucketPolicy(name), let .deleteBucket(name):
            if let owner = bucketOwner(name), owner != accountID {
                throw BackendError(.accessDenied, "Access Denied", rawCode: "AccessDenied", httpStatus: 403)
            }
            return nil
        default:
            return nil
        }
    }

    private func bucketOwner(_ name: String) -> String? {
        snapshotAccounts.first { $0.value.buckets[name] != nil }?.key
    }
}
