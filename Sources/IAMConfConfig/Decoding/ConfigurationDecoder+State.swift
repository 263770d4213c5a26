import Foundation
import IAMConfCore
import Yams

extension ConfigurationDecoder {
    /// `state:`, in one file only (like `backend:`); every problem inside is reported.
    mutating func decodeState(_ rootFields: [(file: String, fields: Fields)]) -> StateSettings? {
        var settings: StateSettings?
        var first = ""
        for (rootFile, rootFields) in rootFields {
            file = rootFile
            guard let node = rootFields["state"] else { continue }
            let keyNode = rootFields.keyNode("state") ?? node
            if settings != nil {
                error("duplicate-setting", "'state' is already set at \(first)", hint: "set where the state lives in one file only", at: keyNode)
                _ = decodeStateBlock(node)
                continue
            }
            settings = decodeStateBlock(node)
            first = "\(rootFile):\(keyNode.mark?.line ?? 1)"
        }
        return settings
    }

    private mutating func decodeStateBlock(_ node: Node) -> StateSettings? {
        guard let fields = fields(node, keys: ConfigurationKeys.state, what: "state") else { return nil }
        let encrypt = fields["encrypt"].flatMap { bool($0, what: "state encrypt") } ?? false
        let stores = ["local", "s3", "postgres"].filter { fields[$0] != nil }
        guard stores.count == 1, let kind = stores.first, let storeNode = fields[kind] else {
            let hint = "give exactly one of local: {path}, s3: {bucket, key} or postgres: {name}"
            if stores.isEmpty {
                error("missing-key", "'state' names no store", hint: hint, at: node)
            } else {
                error("invalid-value", "'state' names \(stores.count) stores (\(stores.joined(separator: ", "))); a state lives in one", hint: hint, at: node)
            }
            return nil
        }
        if encrypt, kind == "local", let encryptNode = fields["encrypt"] {
            error(
                "invalid-value", "encrypt applies to a shared state (s3 or postgres)",
                hint: "a local state file is already readable by its owner only (mode 0600); remove encrypt: true", at: encryptNode)
        }
        let store: StateSettings.Store?
        switch kind {
        case "local": store = decodeLocalState(storeNode)
        case "s3": store = decodeS3State(storeNode)
        default: store = decodePostgresState(storeNode)
        }
        return store.map { StateSettings(store: $0, encrypt: encrypt, location: location(node)) }
    }

    private mutating func decodeLocalState(_ node: Node) -> StateSettings.Store? {
        guard let fields = fields(node, keys: ConfigurationKeys.stateLocal, what: "state local") else { return nil }
        guard let pathNode = fields["path"] else {
            error("missing-key", "a local state needs a 'path'", hint: "e.g. path: prod.state.json", at: node)
            return nil
        }
        guard let path = string(pathNode, what: "state path") else { return nil }
        guard !path.isEmpty, !path.contains("://") else {
            error("invalid-value", "'\(path)' is not a file path", hint: "give a path relative to the configuration, or use s3: for S3", at: pathNode)
            return nil
        }
        return .local(path: path)
    }

    private mutating func decodeS3State(_ node: Node) -> StateSettings.Store? {
        guard let fields = fields(node, keys: ConfigurationKeys.stateS3, what: "state s3") else { return nil }
        var missing = false
        for key in ["bucket", "key"] where fields[key] == nil {
            error("missing-key", "an S3 state needs a '\(key)'", hint: "e.g. s3: {bucket: team-state, key: iam/prod.json}", at: node)
            missing = true
        }
        let bucket = fields["bucket"].flatMap { string($0, what: "state bucket") }
        let key = fields["key"].flatMap { string($0, what: "state key") }
        let region = fields["region"].flatMap { string($0, what: "state region") }
        let endpoint = fields["endpoint_url"].flatMap { string($0, what: "state endpoint_url") }
        if let bucket, let bucketNode = fields["bucket"], !Self.isBucketName(bucket) {
            error(
                "invalid-value", "'\(bucket)' is not an S3 bucket name",
                hint: "3-63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit", at: bucketNode)
            missing = true
        }
        if let key, let keyNode = fields["key"], key.isEmpty || key.hasSuffix("/") || key.utf8.count > 1000 {
            error("invalid-value", "'\(key)' is not an object key for the state", hint: "e.g. iam/prod.json (not ending in /)", at: keyNode)
            missing = true
        }
        if let endpoint, let endpointNode = fields["endpoint_url"], let problem = BackendURL.problem(with: endpoint) {
            error("invalid-url", "'\(endpoint)' is not an http(s) URL: \(problem)", hint: "e.g. http://127.0.0.1:9000", at: endpointNode)
            missing = true
        }
        guard !missing, let bucket, let key else { return nil }
        return .s3(bucket: bucket, key: key, region: region, endpointURL: endpoint)
    }

    private mutating func decodePostgresState(_ node: Node) -> StateSettings.Store? {
        guard let fields = fields(node, keys: ConfigurationKeys.statePostgres, what: "state postgres") else { return nil }
        guard let nameNode = fields["name"], let name = string(nameNode, what: "state name") else {
            if fields["name"] == nil { error("missing-key", "a PostgreSQL state needs a 'name'", hint: "e.g. name: prod", at: node) }
            return nil
        }
        guard !name.isEmpty, name.utf8.count <= 200 else {
            error("invalid-value", "the state's name must be 1 to 200 characters", at: nameNode)
            return nil
        }
        let url = fields["url"].flatMap { string($0, what: "state url") }
        if let url, let urlNode = fields["url"] {
            guard let components = URLComponents(string: url), ["postgres", "postgresql"].contains(components.scheme ?? "") else {
                error("invalid-url", "'\(url)' is not a postgres:// URL", hint: "e.g. postgres://iamconf@db.example.com:5432/iamconf", at: urlNode)
                return nil
            }
            // Secrets never live in the configuration (it is in git).
            if components.password != nil {
                error(
                    "secret-in-configuration", "the PostgreSQL URL contains a password",
                    hint: "remove it from the URL and set PGPASSWORD (or use ~/.pgpass)", at: urlNode)
                return nil
            }
        }
        return .postgres(url: url, name: name)
    }

    /// https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html (the common rules).
    static func isBucketName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard (3...63).contains(bytes.count) else { return false }
        let allowed = bytes.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 46 || $0 == 45 }
        let alnum: (UInt8) -> Bool = { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) }
        return allowed && alnum(bytes[0]) && alnum(bytes[bytes.count - 1]) && !name.contains("..")
    }
}
