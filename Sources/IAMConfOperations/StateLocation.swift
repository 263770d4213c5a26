import Foundation
import IAMConfCore
import IAMConfPostgresState
import IAMConfQueryAPI
import IAMConfState

/// Where a state lives, as given to `--state` (or `IAMCONF_STATE`): a file path, or
/// `s3://BUCKET/KEY` for S3-compatible storage.
///
/// For S3, the endpoint and region come from the URL's query (`?endpoint_url=…&region=…`), else
/// from the AWS CLI's variables (`AWS_ENDPOINT_URL_S3`, `AWS_ENDPOINT_URL`; `AWS_REGION`,
/// `AWS_DEFAULT_REGION`), else AWS S3 in us-east-1. Credentials follow the AWS chain, as for the
/// endpoint backend.
public enum StateLocation: Sendable, Hashable {
    case file(String)
    case s3(bucket: String, key: String, region: String, endpoint: URL?, encrypt: Bool)
    /// `postgres://USER@HOST:PORT/DATABASE?state=NAME` (password from PGPASSWORD or ~/.pgpass).
    case postgres(url: String, name: String, encrypt: Bool)

    /// `nil` with a reason when `text` is a URL iamconf cannot use.
    public static func parse(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(OperationError) -> StateLocation {
        if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
            guard let components = URLComponents(string: text) else {
                throw OperationError("'\(text)' is not a postgres:// URL", hint: "e.g. postgres://iamconf@db.example.com/iamconf?state=prod")
            }
            if components.password != nil {
                throw OperationError("the PostgreSQL URL contains a password", hint: "remove it and set PGPASSWORD (or use ~/.pgpass)")
            }
            let query = Dictionary((components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { $1 })
            guard let name = query["state"], !name.isEmpty else {
                throw OperationError("'\(text)' names no state", hint: "add ?state=NAME (one database holds many states, one per name)")
            }
            var base = components
            base.queryItems = (components.queryItems ?? []).filter { !["state", "encrypt"].contains($0.name) }
            if base.queryItems?.isEmpty == true { base.queryItems = nil }
            let encrypt = ["true", "1", "yes"].contains(query["encrypt"]?.lowercased() ?? "")
            return .postgres(url: base.string ?? text, name: name, encrypt: encrypt)
        }
        guard text.hasPrefix("s3://") else {
            guard !text.contains("://") else {
                throw OperationError(
                    "'\(text)' is not a state location iamconf knows", hint: "give a file path or s3://BUCKET/KEY")
            }
            return .file(text)
        }
        guard let components = URLComponents(string: text), let bucket = components.host, !bucket.isEmpty else {
            throw OperationError("'\(text)' is not an s3://BUCKET/KEY URL", hint: "e.g. s3://team-state/iam/prod.json")
        }
        let key = String(components.path.drop { $0 == "/" })
        guard !key.isEmpty, !key.hasSuffix("/") else {
            throw OperationError("'\(text)' names no object key", hint: "add the key after the bucket: s3://\(bucket)/iamconf.state.json")
        }
        let query = Dictionary((components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { $1 })
        let endpointText = query["endpoint_url"] ?? nonEmpty(environment["AWS_ENDPOINT_URL_S3"]) ?? nonEmpty(environment["AWS_ENDPOINT_URL"])
        var endpoint: URL?
        if let endpointText {
            guard let url = URL(string: endpointText), ["http", "https"].contains(url.scheme ?? ""), url.host != nil else {
                throw OperationError("'\(endpointText)' is not an http(s) endpoint URL for the state store", hint: "e.g. http://127.0.0.1:9000")
            }
            endpoint = url
        }
        let region = query["region"] ?? nonEmpty(environment["AWS_REGION"]) ?? nonEmpty(environment["AWS_DEFAULT_REGION"]) ?? "us-east-1"
        let encrypt = ["true", "1", "yes"].contains(query["encrypt"]?.lowercased() ?? "")
        return .s3(bucket: bucket, key: key, region: region, endpoint: endpoint, encrypt: encrypt)
    }

    /// The `--state` spelling of a configuration's `state:` block; a local path is relative to `base`.
    public static func text(for settings: StateSettings, relativeTo base: String) -> String {
        var query: [URLQueryItem] = []
        let text: String
        switch settings.store {
        case let .local(path):
            return path.hasPrefix("/") ? path : (base as NSString).appendingPathComponent(path)
        case let .s3(bucket, key, region, endpointURL):
            text = "s3://\(bucket)/\(key)"
            if let endpointURL { query.append(URLQueryItem(name: "endpoint_url", value: endpointURL)) }
            if let region { query.append(URLQueryItem(name: "region", value: region)) }
        case let .postgres(url, name):
            text = url ?? "postgres://"
            query.append(URLQueryItem(name: "state", value: name))
        }
        if settings.encrypt { query.append(URLQueryItem(name: "encrypt", value: "true")) }
        var components = URLComponents()
        components.queryItems = query
        return query.isEmpty ? text : text + "?" + (components.percentEncodedQuery ?? "")
    }

    private static func nonEmpty(_ text: String?) -> String? { text.flatMap { $0.isEmpty ? nil : $0 } }

    /// The store for this location.
    public func storage(environment: [String: String] = ProcessInfo.processInfo.environment) throws(OperationError) -> any StateStorage {
        switch self {
        case let .file(path):
            return StateStore(path: path)
        case let .s3(bucket, key, region, endpoint, encrypt):
            let sealing = encrypt ? try EncryptedStateObjects.key(environment: environment) : nil
            let resolved: AWSCredentials?
            do {
                resolved = try CredentialsResolver.resolve(environment: environment)
            } catch {
                throw OperationError("cannot read AWS credentials for the state store: \(error.message)", hint: "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE")
            }
            let isLoopback = endpoint.map { ["127.0.0.1", "localhost", "::1"].contains($0.host ?? "") } ?? false
            guard let credentials = resolved ?? (isLoopback ? .loopbackTestCredentials : nil) else {
                throw OperationError(
                    "no AWS credentials for the state in s3://\(bucket)/\(key)",
                    hint: "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE), as for the aws CLI")
            }
            let client = S3ObjectClient(bucket: bucket, region: region, endpoint: endpoint, credentials: credentials)
            let objects = S3StateObjects(client: client, key: key)
            return RemoteStateStore(objects: sealing.map { EncryptedStateObjects(inner: objects, key: $0) } ?? objects)
        case let .postgres(url, name, encrypt):
            let sealing = encrypt ? try EncryptedStateObjects.key(environment: environment) : nil
            let settings: PostgresConnectionSettings
            do {
                settings = try PostgresConnectionSettings.parse(url, environment: environment)
            } catch {
                throw OperationError(error.message, hint: error.hint)
            }
            let objects = PostgresStateObjects(settings: settings, name: name)
            return RemoteStateStore(objects: sealing.map { EncryptedStateObjects(inner: objects, key: $0) } ?? objects)
        }
    }

    public var isRemote: Bool {
        if case .file = self { return false }
        return true
    }
}
