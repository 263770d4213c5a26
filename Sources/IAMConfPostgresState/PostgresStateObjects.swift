import Crypto
import Foundation
import IAMConfState
import PostgresNIO

/// The objects of a state kept in PostgreSQL: rows of `iamconf_state_objects` keyed by the state's
/// name and the object (`state`, `backup`, `secrets`, `intent`, `lock`), each with a version number
/// that conditional writes compare (`UPDATE … WHERE version = $read`: a write checked against what
/// was read, never blind).
///
/// The lock is two things: a session advisory lock on a key derived from the state's name
/// (`pg_try_advisory_lock`), which only one connection can hold and which PostgreSQL releases when
/// that connection ends, and a row saying who holds it, for the messages. A row whose session has
/// ended is reported as stale and removed with `force-unlock`; force-unlocking a live holder also
/// ends its session (`pg_terminate_backend`), so it cannot write afterwards.
/// https://www.postgresql.org/docs/15/explicit-locking.html#ADVISORY-LOCKS
///
/// Calls block the calling thread on NIO futures: a command reads or writes its state and does
/// nothing else meanwhile, and the store's callers are synchronous.
public final class PostgresStateObjects: StateObjectStore, @unchecked Sendable {
    public static let table = "iamconf_state_objects"

    public let settings: PostgresConnectionSettings
    public let name: String
    /// The advisory lock key: the first 8 bytes of SHA-256("iamconf state " + name).
    let lockKey: Int64
    private let mutex = NSLock()
    private var connection: PostgresConnection?
    private var holdsAdvisoryLock = false
    private let logger: Logger = {
        var logger = Logger(label: "iamconf.postgres-state")
        logger.logLevel = .critical
        return logger
    }()

    public init(settings: PostgresConnectionSettings, name: String) {
        self.settings = settings
        self.name = name
        let digest = Array(SHA256.hash(data: Array("iamconf state \(name)".utf8)))
        lockKey = digest.prefix(8).reduce(Int64(0)) { ($0 << 8) | Int64($1) }
    }

    deinit {
        try? connection?.close().wait()
    }

    public func location(of object: StateObject) -> String {
        "\(settings.description)#\(name)\(object == .state ? "" : " (\(Self.column(object)))")"
    }

    static func column(_ object: StateObject) -> String { object == .state ? "state" : String(object.rawValue.dropFirst()) }

    // MARK: StateObjectStore

    public func read(_ object: StateObject) throws(StateError) -> VersionedBytes? {
        try withConnection(object) { connection in
            let rows = try connection.query(
                "SELECT bytes, version FROM iamconf_state_objects WHERE name = \(name) AND object = \(Self.column(object))",
                logger: logger
            ).wait()
            guard let row = rows.first else { return nil }
            let (buffer, version) = try row.decode((ByteBuffer, Int64).self)
            return VersionedBytes(bytes: Array(buffer.readableBytesView), version: String(version))
        }
    }

    public func write(_ object: StateObject, _ bytes: [UInt8], condition: WriteCondition) throws(StateError) -> String {
        let column = Self.column(object)
        let buffer = ByteBuffer(bytes: bytes)
        let version: Int64? = try withConnection(object) { connection in
            switch condition {
            case .unconditional:
                return try Self.firstVersion(connection.query(
                    """
                    INSERT INTO iamconf_state_objects (name, object, bytes, version) VALUES (\(name), \(column), \(buffer), 1)
                    ON CONFLICT (name, object) DO UPDATE SET bytes = EXCLUDED.bytes, version = iamconf_state_objects.version + 1, updated_at = now()
                    RETURNING version
                    """, logger: logger).wait())
            case .absent:
                if object == .lock {
                    guard try takeAdvisoryLock(connection) else { return nil }
                    holdsAdvisoryLock = true
                }
                let inserted = try Self.firstVersion(connection.query(
                    """
                    INSERT INTO iamconf_state_objects (name, object, bytes, version) VALUES (\(name), \(column), \(buffer), 1)
                    ON CONFLICT (name, object) DO NOTHING RETURNING version
                    """, logger: logger).wait())
                if inserted == nil, object == .lock {
                    // A lock row whose session ended (its holder was killed): reported, not taken over.
                    _ = try connection.query("SELECT pg_advisory_unlock(\(lockKey))", logger: logger).wait()
                    holdsAdvisoryLock = false
                }
                return inserted
            case let .version(expected):
                guard let expected = Int64(expected) else { return nil }
                return try Self.firstVersion(connection.query(
                    """
                    UPDATE iamconf_state_objects SET bytes = \(buffer), version = version + 1, updated_at = now()
                    WHERE name = \(name) AND object = \(column) AND version = \(expected) RETURNING version
                    """, logger: logger).wait())
            }
        }
        guard let version else {
            throw StateError(.conflict, "\(location(of: object)) changed since it was read", path: location(of: object))
        }
        return String(version)
    }

    public func delete(_ object: StateObject, version: String?) throws(StateError) {
        let column = Self.column(object)
        let deleted: Bool = try withConnection(object) { connection in
            let rows: PostgresQueryResult
            if let version {
                rows = try connection.query(
                    "DELETE FROM iamconf_state_objects WHERE name = \(name) AND object = \(column) AND version = \(Int64(version) ?? -1) RETURNING 1",
                    logger: logger
                ).wait()
            } else {
                rows = try connection.query(
                    "DELETE FROM iamconf_state_objects WHERE name = \(name) AND object = \(column) RETURNING 1", logger: logger
                ).wait()
            }
            if object == .lock {
                if holdsAdvisoryLock {
                    _ = try connection.query("SELECT pg_advisory_unlock(\(lockKey))", logger: logger).wait()
                    holdsAdvisoryLock = false
                } else {
                    try endOtherHolders(connection)
                }
            }
            return rows.first != nil || version == nil
        }
        if !deleted {
            throw StateError(.conflict, "\(location(of: object)) changed since it was read", path: location(of: object))
        }
    }

    /// Takes the advisory lock. Held by another session with no lock row means that session is
    /// between taking the lock and writing its row, or is ending (force-unlocked): wait a moment for
    /// either, rather than report a lock that names nobody.
    private func takeAdvisoryLock(_ connection: PostgresConnection) throws -> Bool {
        for attempt in 0..<30 {
            let taken = try connection.query("SELECT pg_try_advisory_lock(\(lockKey))", logger: logger).wait()
            if try taken.first?.decode(Bool.self) == true { return true }
            let row = try connection.query(
                "SELECT 1 FROM iamconf_state_objects WHERE name = \(name) AND object = 'lock'", logger: logger
            ).wait()
            if row.first != nil || attempt == 29 { return false }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return false
    }

    /// Force-unlocking a live holder: its session ends, so it can neither write nor keep the lock.
    /// pg_terminate_backend only signals the session; wait (up to 10 s) until its lock is gone, so
    /// the next run finds the state free.
    private func endOtherHolders(_ connection: PostgresConnection) throws {
        let high = Int64(UInt64(bitPattern: lockKey) >> 32)
        let low = Int64(UInt64(bitPattern: lockKey) & 0xFFFF_FFFF)
        _ = try connection.query(
            """
            SELECT pg_terminate_backend(pid) FROM pg_locks
            WHERE locktype = 'advisory' AND granted AND pid <> pg_backend_pid()
              AND classid::bigint = \(high) AND objid::bigint = \(low) AND objsubid = 1
            """, logger: logger
        ).wait()
        for _ in 0..<100 {
            let holders = try connection.query(
                """
                SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid <> pg_backend_pid()
                  AND classid::bigint = \(high) AND objid::bigint = \(low) AND objsubid = 1
                """, logger: logger
            ).wait()
            if holders.first == nil { return }
            Thread.sleep(forTimeInterval: 0.1)
        }
    }

    private static func firstVersion(_ result: PostgresQueryResult) throws -> Int64? {
        try result.first?.decode(Int64.self)
    }

    // MARK: Connection

    /// Runs `body` on the store's connection (opened, and the table created, on first use),
    /// turning PostgreSQL's failures into `StateError`s that say what to do.
    private func withConnection<T>(_ object: StateObject, _ body: (PostgresConnection) throws -> T) throws(StateError) -> T {
        mutex.lock()
        defer { mutex.unlock() }
        do {
            let connection = try openConnection()
            return try body(connection)
        } catch let error as StateError {
            throw error
        } catch {
            throw describe(error, object)
        }
    }

    private func openConnection() throws -> PostgresConnection {
        if let connection, !connection.isClosed { return connection }
        if connection != nil, holdsAdvisoryLock {
            // The session holding the lock ended (force-unlocked by someone, or the server restarted).
            holdsAdvisoryLock = false
            throw StateError(
                .notLocked, "the database session holding this run's lock on \(location(of: .state)) has ended; not writing the state",
                hint: "the lock may have been force-unlocked; run the command again", path: location(of: .lock))
        }
        var configuration: PostgresConnection.Configuration
        let tls: PostgresConnection.Configuration.TLS
        switch settings.tls {
        case .disable: tls = .disable
        case .prefer: tls = try .prefer(.init(configuration: .makeClientConfiguration()))
        case .require: tls = try .require(.init(configuration: .makeClientConfiguration()))
        }
        if settings.host.hasPrefix("/") {
            configuration = .init(
                unixSocketPath: "\(settings.host)/.s.PGSQL.\(settings.port)", username: settings.user, password: settings.password,
                database: settings.database)
        } else {
            configuration = .init(
                host: settings.host, port: settings.port, username: settings.user, password: settings.password, database: settings.database, tls: tls)
        }
        configuration.options.connectTimeout = .seconds(10)
        let opened = try PostgresConnection.connect(
            on: MultiThreadedEventLoopGroup.singleton.next(), configuration: configuration, id: 1, logger: logger
        ).wait()
        connection = opened
        try createTable(opened)
        return opened
    }

    /// Created on first use; two first uses at once may race, and the loser's error means the table exists.
    private func createTable(_ connection: PostgresConnection) throws {
        do {
            _ = try connection.query(
                """
                CREATE TABLE IF NOT EXISTS iamconf_state_objects (
                  name text NOT NULL, object text NOT NULL, bytes bytea NOT NULL, version bigint NOT NULL,
                  updated_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (name, object))
                """, logger: logger
            ).wait()
        } catch let error as PSQLError where ["23505", "42P07"].contains(error.serverInfo?[.sqlState] ?? "") {
            return
        }
    }

    private func describe(_ error: any Error, _ object: StateObject) -> StateError {
        let path = location(of: object)
        guard let error = error as? PSQLError else {
            return StateError(
                .unreachable, "cannot reach PostgreSQL at \(settings.description): \(error)",
                hint: "check the host, port and that the server runs; nothing was written", path: path)
        }
        let state = error.serverInfo?[.sqlState] ?? ""
        let message = error.serverInfo?[.message] ?? "\(error.code)"
        switch state {
        case "28P01", "28000":
            return StateError(
                .io, "PostgreSQL refused the credentials of \(settings.user): \(message)",
                hint: "set PGPASSWORD (or ~/.pgpass) for \(settings.user); nothing was written", path: path)
        case "3D000":
            return StateError(.io, "the database \(settings.database) does not exist: \(message)", hint: "create it (createdb \(settings.database)) or fix the URL; nothing was written", path: path)
        case "42501":
            return StateError(
                .io, "PostgreSQL denied access: \(message)",
                hint: "\(settings.user) needs to create, read and write the table \(Self.table); nothing was written", path: path)
        default:
            if error.code == .connectionError || error.code == .serverClosedConnection || error.code == .clientClosedConnection {
                let reason = error.underlying.map { "\($0)" } ?? "\(error.code)"
                return StateError(
                    .unreachable, "cannot reach PostgreSQL at \(settings.description): \(reason)",
                    hint: "check the host, port and that the server runs; nothing was written", path: path)
            }
            if error.code == .authMechanismRequiresPassword {
                return StateError(.io, "PostgreSQL asks \(settings.user) for a password", hint: "set PGPASSWORD (or ~/.pgpass)", path: path)
            }
            return StateError(.io, "PostgreSQL failed: \(message)\(state.isEmpty ? "" : " (SQLSTATE \(state))")", hint: "nothing was written", path: path)
        }
    }
}
