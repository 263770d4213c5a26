import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A PostgreSQL server for tests: the one `.ci/run` started (`IAMCONF_TEST_POSTGRES_URL` and
/// `IAMCONF_TEST_POSTGRES_PASSWORD`), or else one of its own from Debian's packages (`initdb` in a
/// temporary directory, `postgres` on a free loopback port), stopped when the tests end.
///
/// PostgreSQL refuses to run as root, so as root the server runs as the `postgres` system user the
/// Debian package creates. Like `MotoServer`, it runs under a Python shim holding a lifeline pipe:
/// when the test process ends, even by SIGKILL, the shim stops the server.
public final class PostgresServer: Sendable {
    /// `postgres://iamconf@127.0.0.1:PORT/postgres`, without the password.
    public let url: String
    /// The password of the URL's user, for `PGPASSWORD`.
    public let password: String
    private let pid: Int32?
    private let lifeline: FileHandle?
    private let directory: String?

    private init(url: String, password: String, pid: Int32?, lifeline: FileHandle?, directory: String?) {
        self.url = url
        self.password = password
        self.pid = pid
        self.lifeline = lifeline
        self.directory = directory
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Runs argv[2:] as the postgres user when root. Mode `once` waits for it and exits with its
    /// status; mode `serve` keeps it running until SIGTERM or end-of-file on stdin (fast shutdown).
    static let shim = """
        import os, signal, subprocess, sys, threading, time
        import shutil
        mode, args = sys.argv[1], sys.argv[2:]
        directory = None
        if mode == 'serve': directory, args = args[0], args[1:]
        kw = dict(user='postgres', group='postgres', extra_groups=[]) if os.geteuid() == 0 else {}
        if mode == 'once':
            sys.exit(subprocess.call(args, stdin=subprocess.DEVNULL, **kw))
        TERM = [signal.SIGTERM, signal.SIGINT]
        server = None
        def stop(*_):
            if server is None: os._exit(1)
            server.send_signal(signal.SIGINT)
            for _ in range(100):
                if os.waitpid(server.pid, os.WNOHANG)[0]: break
                time.sleep(0.05)
            else:
                server.kill(); os.waitpid(server.pid, 0)
            shutil.rmtree(directory, ignore_errors=True)
            os._exit(0)
        def watch():
            signal.pthread_sigmask(signal.SIG_BLOCK, TERM)
            sys.stdin.buffer.read()
            os.kill(os.getpid(), signal.SIGTERM)
        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, TERM)
        server = subprocess.Popen(args, stdin=subprocess.DEVNULL, **kw)
        threading.Thread(target=watch, daemon=True).start()
        code = server.wait()
        shutil.rmtree(directory, ignore_errors=True)
        os._exit(code if code >= 0 else 128 - code)
        """

    /// One server for the whole test process, started at first use; the shim stops it (and removes
    /// its directory) when the process ends.
    public static let shared = Task<PostgresServer, any Error> { try await start() }

    /// The server to use: `.ci/run`'s, or a new one.
    public static func start() async throws -> PostgresServer {
        let environment = ProcessInfo.processInfo.environment
        if let url = environment["IAMCONF_TEST_POSTGRES_URL"], !url.isEmpty {
            return PostgresServer(
                url: url, password: environment["IAMCONF_TEST_POSTGRES_PASSWORD"] ?? "", pid: nil, lifeline: nil, directory: nil)
        }
        guard let bin = binaries() else {
            throw Failure(description: "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): apt-get install postgresql")
        }
        let directory = NSTemporaryDirectory() + "iamconf-pg-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        if geteuid() == 0, let user = getpwnam("postgres") {
            _ = chown(directory, user.pointee.pw_uid, user.pointee.pw_gid)
        }
        let password = UUID().uuidString
        let passwordFile = directory + "/password"
        try password.write(toFile: passwordFile, atomically: false, encoding: .utf8)
        if geteuid() == 0, let user = getpwnam("postgres") {
            _ = chown(passwordFile, user.pointee.pw_uid, user.pointee.pw_gid)
        }
        let log = directory + "/server.log"
        let initdb = try run(["once", "\(bin)/initdb", "-D", directory + "/data", "-U", "iamconf", "--auth-local=trust",
                              "--auth-host=scram-sha-256", "--pwfile=\(passwordFile)", "-E", "UTF8", "--no-sync"])
        guard initdb.status == 0 else { throw Failure(description: "initdb failed: \(initdb.output.suffix(2000))") }
        let port = try MotoServer.freePort()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "-c", shim, "serve", directory, "\(bin)/postgres", "-D", directory + "/data", "-p", String(port), "-k", directory,
            "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "logging_collector=off",
        ]
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let handle = FileHandle(forWritingAtPath: log)
        process.standardOutput = handle
        process.standardError = handle
        let lifeline = Pipe()
        _ = fcntl(lifeline.fileHandleForWriting.fileDescriptor, F_SETFD, FD_CLOEXEC)
        process.standardInput = lifeline
        try process.run()
        let server = PostgresServer(
            url: "postgres://iamconf@127.0.0.1:\(port)/postgres", password: password, pid: process.processIdentifier,
            lifeline: lifeline.fileHandleForWriting, directory: directory)
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            guard process.isRunning else {
                throw Failure(description: "postgres exited during startup: \((try? String(contentsOfFile: log, encoding: .utf8))?.suffix(2000) ?? "")")
            }
            if (try? run(["once", "\(bin)/pg_isready", "-h", "127.0.0.1", "-p", String(port), "-q"]))?.status == 0 { return server }
            try await Task.sleep(nanoseconds: 100_000_000)
        }
        server.stop()
        throw Failure(description: "postgres on port \(port) not ready after 60 s")
    }

    /// `/usr/lib/postgresql/<newest>/bin`.
    static func binaries() -> String? {
        let root = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).compactMap(Int.init).sorted()
        return versions.reversed().map { "\(root)/\($0)/bin" }.first { FileManager.default.isExecutableFile(atPath: "\($0)/initdb") }
    }

    private static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", shim] + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Stops a server this process started (fast shutdown) and removes its directory.
    public func stop() {
        guard let pid else { return }
        kill(pid, SIGTERM)
        for _ in 0..<200 {
            var status: Int32 = 0
            let reaped = waitpid(pid, &status, WNOHANG)
            if reaped == pid || (reaped == -1 && errno == ECHILD) { break }
            usleep(50_000)
        }
        try? lifeline?.close()
        if let directory { try? FileManager.default.removeItem(atPath: directory) }
    }
}
