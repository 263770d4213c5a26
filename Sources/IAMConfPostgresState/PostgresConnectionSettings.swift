import Foundation

/// How to reach the database: a `postgres://USER@HOST:PORT/DATABASE?sslmode=…` URL, each part
/// defaulting to libpq's environment variables (`PGHOST`, `PGPORT`, `PGUSER`, `PGDATABASE`,
/// `PGSSLMODE`), and the password from `PGPASSWORD` or `~/.pgpass`, never from the configuration.
/// https://www.postgresql.org/docs/15/libpq-envars.html, https://www.postgresql.org/docs/15/libpq-pgpass.html
public struct PostgresConnectionSettings: Sendable, Hashable {
    public enum TLSMode: String, Sendable, Hashable {
        case disable, prefer, require
    }

    public var host: String
    public var port: Int
    public var user: String
    public var database: String
    public var password: String?
    public var tls: TLSMode

    /// `nil` with a reason for a URL that is not a PostgreSQL URL.
    public static func parse(_ url: String?, environment: [String: String]) throws(PostgresStateError) -> PostgresConnectionSettings {
        var components = URLComponents()
        if let url, url != "postgres://", url != "postgresql://" {
            guard let parsed = URLComponents(string: url), ["postgres", "postgresql"].contains(parsed.scheme ?? "") else {
                throw PostgresStateError("'\(url)' is not a postgres:// URL", hint: "e.g. postgres://iamconf@db.example.com:5432/iamconf")
            }
            components = parsed
        }
        func env(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        let host = components.host.flatMap { $0.isEmpty ? nil : $0 } ?? env("PGHOST") ?? "localhost"
        let port = components.port ?? env("PGPORT").flatMap(Int.init) ?? 5432
        let user = components.user ?? env("PGUSER") ?? environment["USER"] ?? "postgres"
        let path = String(components.path.drop { $0 == "/" })
        let database = path.isEmpty ? (env("PGDATABASE") ?? user) : path
        let query = Dictionary((components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { $1 })
        let modeText = query["sslmode"] ?? env("PGSSLMODE") ?? "prefer"
        let tls: TLSMode
        switch modeText {
        case "disable", "allow": tls = .disable
        case "prefer": tls = .prefer
        case "require", "verify-ca", "verify-full": tls = .require
        default: throw PostgresStateError("unknown sslmode '\(modeText)'", hint: "use disable, prefer or require")
        }
        let password = components.password ?? env("PGPASSWORD")
            ?? Self.passwordFile(environment).flatMap { Self.lookUp(in: $0, host: host, port: port, database: database, user: user) }
        return PostgresConnectionSettings(host: host, port: port, user: user, database: database, password: password, tls: tls)
    }

    /// `postgres://user@host:port/database`, for messages (never the password).
    public var description: String { "postgres://\(user)@\(host):\(port)/\(database)" }

    static func passwordFile(_ environment: [String: String]) -> String? {
        let path = environment["PGPASSFILE"] ?? environment["HOME"].map { "\($0)/.pgpass" }
        return path.flatMap { try? String(contentsOfFile: $0, encoding: .utf8) }
    }

    /// The first `hostname:port:database:username:password` line matching (`*` matches anything;
    /// `\:` and `\\` are escapes).
    static func lookUp(in text: String, host: String, port: Int, database: String, user: String) -> String? {
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            var fields: [String] = []
            var current = ""
            var escaped = false
            for character in line {
                if escaped {
                    current.append(character)
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else if character == ":", fields.count < 4 {
                    fields.append(current)
                    current = ""
                } else {
                    current.append(character)
                }
            }
            fields.append(current)
            guard fields.count == 5 else { continue }
            let wanted = [host, String(port), database, user]
            if zip(fields.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return fields[4] }
        }
        return nil
    }
}

/// A problem with a PostgreSQL state, in words for the user.
public struct PostgresStateError: Error, Sendable, Hashable {
    public var message: String
    public var hint: String?

    public init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }
}
