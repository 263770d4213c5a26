import Foundation
import IAMConfCore
import IAMConfBackend

/// A `Backend` that speaks the AWS IAM/STS Query API over HTTP: real AWS, or a mock such as moto_server.
///
/// Every call is SigV4-signed. Accounts other than the caller's are reached by `sts:AssumeRole`
/// into each account's access role (default `OrganizationAccountAccessRole`), as an AWS
/// Organizations management account would.
public final class HTTPBackend: Backend {
    /// How to reach the endpoint and the accounts behind it.
    public struct Configuration: Sendable {
        public var endpoint: URL
        /// Signing region; IAM is global, so `us-east-1` unless the endpoint says otherwise.
        public var region: String
        /// Base credentials; `nil` resolves them from the environment (see `CredentialsResolver`).
        public var credentials: AWSCredentials?
        /// Role name assumed to reach each account id; accounts not listed use `defaultAccessRole`.
        public var accessRoles: [String: String]
        public var defaultAccessRole: String
        /// At most this many HTTP calls in flight at once.
        public var parallelism: Int
        public var retry: RetryPolicy
        /// Seconds before one HTTP call is abandoned.
        public var timeout: Double
        /// STS endpoint; `nil` derives it (`https://sts.<region>.amazonaws.com` for AWS, else `endpoint`).
        public var stsEndpoint: URL?
        /// S3 endpoint for bucket requests; `nil` derives it like `stsEndpoint`.
        public var s3Endpoint: URL?
        /// How the endpoint deviates from AWS; `nil` detects it at the first call that needs it
        /// (see `EndpointQuirks.detect`).
        public var quirks: EndpointQuirks?

        public init(
            endpoint: URL, region: String = "us-east-1", credentials: AWSCredentials? = nil,
            accessRoles: [String: String] = [:], defaultAccessRole: String = "OrganizationAccountAccessRole",
            parallelism: Int = 8, retry: RetryPolicy = .standard, timeout: Double = 30,
            stsEndpoint: URL? = nil, s3Endpoint: URL? = nil, quirks: EndpointQuirks? = nil
        ) {
            self.endpoint = endpoint
            self.region = region
            self.credentials = credentials
            self.accessRoles = accessRoles
            self.defaultAccessRole = defaultAccessRole
            self.parallelism = parallelism
            self.retry = retry
            self.timeout = timeout
            self.stsEndpoint = stsEndpoint
            self.s3Endpoint = s3Endpoint
            self.quirks = quirks
        }

        /// The endpoints every call goes to, explicit ones first.
        public var serviceEndpoints: ServiceEndpoints {
            var endpoints = ServiceEndpoints.derived(from: endpoint, region: region)
            if let stsEndpoint { endpoints.sts = stsEndpoint }
            if let s3Endpoint { endpoints.s3 = s3Endpoint }
            return endpoints
        }
    }

    public let configuration: Configuration
    public let descriptor: BackendDescriptor
    /// The credentials calls start from (explicit, from the environment, or the loopback placeholder).
    public let baseCredentials: AWSCredentials
    let client: QueryClient
    let sessions: AccountSessions
    private let quirksCache: EndpointQuirksCache

    /// Resolves credentials when the configuration has none: environment, then the shared
    /// credentials file. Without any, a loopback endpoint (127.0.0.1, ::1, localhost) gets
    /// placeholder keys, because mock servers ignore signatures; any other endpoint is an error.
    public init(
        _ configuration: Configuration, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(BackendError) {
        guard let scheme = configuration.endpoint.scheme?.lowercased(), ["http", "https"].contains(scheme),
            configuration.endpoint.host != nil
        else {
            throw BackendError(.invalidInput, "endpoint URL must be http:// or https:// with a host, got '\(configuration.endpoint.absoluteString)'")
        }
        var resolved = configuration.credentials
        if resolved == nil { resolved = try CredentialsResolver.resolve(environment: environment) }
        guard let base = resolved ?? (Self.isLoopback(configuration.endpoint) ? .loopbackTestCredentials : nil) else {
            throw CredentialsResolver.missing(
                "no AWS credentials for \(configuration.endpoint.absoluteString): set AWS_ACCESS_KEY_ID and "
                    + "AWS_SECRET_ACCESS_KEY, or AWS_PROFILE with a profile in ~/.aws/credentials")
        }
        self.configuration = configuration
        self.baseCredentials = base
        descriptor = BackendDescriptor(kind: .endpoint, endpoint: configuration.endpoint.absoluteString)
        client = QueryClient(
            endpoints: configuration.serviceEndpoints, region: configuration.region, retry: configuration.retry,
            parallelism: configuration.parallelism, timeout: configuration.timeout)
        sessions = AccountSessions(
            client: client, base: base, accessRoles: configuration.accessRoles,
            defaultAccessRole: configuration.defaultAccessRole)
        quirksCache = EndpointQuirksCache(known: configuration.quirks)
    }

    /// Convenience: endpoint URL plus defaults.
    public convenience init(endpoint: URL, parallelism: Int = 8) throws(BackendError) {
        try self.init(Configuration(endpoint: endpoint, parallelism: parallelism))
    }

    public func perform(_ request: IAMRequest, in account: String) async throws(BackendError) -> IAMResponse {
        guard AccountID.isValid(account) else {
            throw BackendError(.invalidInput, "account id must be 12 digits, got '\(account)'")
        }
        if let action = request.organizationsAction {
            // Organizations is a JSON 1.1 API (X-Amz-Target), not the Query API this backend speaks.
            throw BackendError(
                .unsupported, "iamconf's endpoint backend does not speak the AWS Organizations API (\(action)); plan leaves the organization out for an endpoint (docs/organizations.md)")
        }
        if request.isEndpointRefreshRead {
            let credentials = try await sessions.credentials(for: account)
            let response = try await RefreshReader(client: client, credentials: credentials).perform(request)
            try await checkAccount(of: response, request: request, expected: account)
            return response
        }
        if let rest = request.restCall(region: configuration.region) {
            let credentials = try await sessions.credentials(for: account)
            _ = try await client.perform(rest, credentials: credentials)
            guard case let .createBucket(name) = request else { return IAMResponse() }
            return IAMResponse(arn: "arn:aws:s3:::\(name)", name: name)
        }
        if request.isUserMFADeviceSequence {
            let response = try await performMFASequence(request, credentials: try await sessions.credentials(for: account))
            try await checkAccount(of: response, request: request, expected: account)
            return response
        }
        let call = try request.queryCall()
        if case .updateLoginProfile(_, _, newPassword: false) = request { try await quirks().refuse(request) }
        let credentials = try await sessions.credentials(for: account)
        let root = try await client.perform(call, credentials: credentials)
        var response = IAMResponseDecoder.decode(root, for: request, password: call.generatedPassword)
        try await checkAccount(of: response, request: request, expected: account)
        if let repair = EndpointQuirks.resetFlagRepair(after: request, answer: root, password: call.generatedPassword) {
            _ = try await client.perform(repair, credentials: credentials)
        }
        if case let .createPolicyVersion(arn, _, false) = request {
            // The new version is not the default; report the one that still is.
            let policy = try await client.perform(try IAMRequest.getPolicy(arn: arn).queryCall(), credentials: credentials)
            response.defaultVersionID = policy.first("DefaultVersionId")?.text
        }
        if request.isRead, var attributes = response.attributes {
            try await ReadEnricher(client: client, credentials: credentials).enrich(request, &attributes)
            response.attributes = attributes
            if case .getUser = request { response.unreported = await quirks().unreported(by: request) }
        }
        return response
    }

    /// How this endpoint deviates from AWS: the configured quirks, else detected once (one unsigned
    /// `GET /moto-api/` for an endpoint that is not AWS).
    public func quirks() async -> EndpointQuirks {
        await quirksCache.quirks(endpoint: configuration.endpoint, transport: client.transport)
    }

    /// An ARN in another account means the credentials no longer act where they should (moto
    /// forgets its temporary keys on reset and then silently uses 123456789012): report it and
    /// drop the cached credentials, so the next call assumes the role again.
    func checkAccount(of response: IAMResponse, request: IAMRequest, expected: String) async throws(BackendError) {
        let fields = response.arn?.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false) ?? []
        guard fields.count == 6, AccountID.isValid(String(fields[4])), fields[4] != expected else { return }
        await sessions.forgetCachedCredentials()
        throw BackendError(
            .other,
            "\(request.actionName) meant for account \(expected) acted in account \(fields[4]) (\(response.arn ?? "")); "
                + "the cached credentials were dropped, retry the call",
            rawCode: "AccountMismatch")
    }

    /// Forgets assumed-role credentials so the next call assumes again (needed after a moto reset).
    public func forgetCachedCredentials() async { await sessions.forgetCachedCredentials() }

    /// The role ARN this backend assumes to reach `account`.
    public func accessRoleARN(for account: String) -> String { sessions.accessRoleARN(for: account) }

    static func isLoopback(_ url: URL) -> Bool {
        guard let host = url.host?.lowercased() else { return false }
        return host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
    }
}
