import Foundation
import IAMConfBackend

/// Credentials for each target account, obtained the AWS way: `sts:AssumeRole` into
/// `arn:aws:iam::ACCOUNT:role/<access role>` with the base credentials.
///
/// Temporary credentials are cached per account and refreshed five minutes before they expire.
/// The caller's own account (from `sts:GetCallerIdentity`) uses the base credentials directly.
/// New temporary credentials are checked with `GetCallerIdentity` to act in the account asked for.
/// One lookup per account is in flight at a time, however many calls wait for it.
actor AccountSessions {
    /// Refresh this long before expiry, so a long apply never signs with a dying key.
    static let refreshMargin: TimeInterval = 300

    private let client: QueryClient
    private let base: AWSCredentials
    private let accessRoles: [String: String]
    private let defaultAccessRole: String
    private var callerAccount: Result<String, BackendError>?
    private var callerLookup: Task<Result<String, BackendError>, Never>?
    private var cache: [String: AWSCredentials] = [:]
    private var inFlight: [String: Task<Result<AWSCredentials, BackendError>, Never>] = [:]

    init(client: QueryClient, base: AWSCredentials, accessRoles: [String: String], defaultAccessRole: String) {
        self.client = client
        self.base = base
        self.accessRoles = accessRoles
        self.defaultAccessRole = defaultAccessRole
    }

    /// The role ARN used to reach `account`.
    nonisolated func accessRoleARN(for account: String) -> String {
        "arn:aws:iam::\(account):role/\(accessRoles[account] ?? defaultAccessRole)"
    }

    func credentials(for account: String) async throws(BackendError) -> AWSCredentials {
        if try await ownAccount() == account { return base }
        if let cached = cache[account], !cached.expires(within: Self.refreshMargin, of: Date()) { return cached }
        let task: Task<Result<AWSCredentials, BackendError>, Never>
        if let running = inFlight[account] {
            task = running
        } else {
            let (client, base, roleARN) = (client, base, accessRoleARN(for: account))
            task = Task { await Self.assumeRole(roleARN, account: account, client: client, base: base) }
            inFlight[account] = task
        }
        let result = await task.value
        inFlight[account] = nil
        let credentials = try result.get()
        cache[account] = credentials
        return credentials
    }

    /// Drops cached temporary credentials (after a mock endpoint reset, say).
    func forgetCachedCredentials() { cache = [:] }

    /// The caller's account, asked once (concurrent first calls share the one request).
    private func ownAccount() async throws(BackendError) -> String {
        if let callerAccount { return try callerAccount.get() }
        let task: Task<Result<String, BackendError>, Never>
        if let running = callerLookup {
            task = running
        } else {
            let (client, base) = (client, base)
            task = Task { await Self.callerIdentity(client: client, base: base) }
            callerLookup = task
        }
        let result = await task.value
        callerLookup = nil
        // A transport failure is not remembered: the endpoint may come up later.
        if case let .failure(error) = result, error.code == .transport { throw error }
        callerAccount = result
        return try result.get()
    }

    private static func callerIdentity(client: QueryClient, base: AWSCredentials) async -> Result<String, BackendError> {
        let call = QueryCall(service: .sts, action: "GetCallerIdentity")
        do {
            let root = try await client.perform(call, credentials: base)
            guard let account = root.first("Account")?.text, !account.isEmpty else {
                return .failure(BackendError(.other, "GetCallerIdentity returned no Account", rawCode: "UnexpectedResponse"))
            }
            return .success(account)
        } catch {
            return .failure(error)
        }
    }

    private static func assumeRole(
        _ roleARN: String, account: String, client: QueryClient, base: AWSCredentials
    ) async -> Result<AWSCredentials, BackendError> {
        let call = QueryCall(
            service: .sts, action: "AssumeRole",
            parameters: [QueryParameter("RoleArn", roleARN), QueryParameter("RoleSessionName", "iamconf-\(account)")])
        do {
            let root = try await client.perform(call, credentials: base)
            guard let issued = root.first("Credentials"), let keyID = issued.value("AccessKeyId"),
                let secret = issued.value("SecretAccessKey")
            else {
                return .failure(BackendError(.other, "AssumeRole into \(roleARN) returned no credentials", rawCode: "UnexpectedResponse"))
            }
            let credentials = AWSCredentials(
                accessKeyID: keyID, secretAccessKey: secret, sessionToken: issued.value("SessionToken"),
                expiration: issued.value("Expiration").flatMap(WireDate.parse))
            // An endpoint may hand out credentials that act elsewhere (moto started with
            // MOTO_ACCOUNT_ID puts every account into one): refuse rather than mix accounts.
            let actual = try await callerIdentity(client: client, base: credentials).get()
            guard actual == account else {
                return .failure(BackendError(
                    .other,
                    "assumed \(roleARN) but the endpoint acts in account \(actual); accounts would mix "
                        + "(for moto_server: start it without MOTO_ACCOUNT_ID)",
                    rawCode: "AccountMismatch"))
            }
            return .success(credentials)
        } catch {
            var wrapped = error
            wrapped.message = "cannot reach account \(account) by assuming \(roleARN): \(error.message)"
            return .failure(wrapped)
        }
    }
}
