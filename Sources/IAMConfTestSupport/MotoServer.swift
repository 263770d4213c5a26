import Foundation
#if canImport(Glibc)
import Glibc
#endif
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A real `moto_server` on a free loopback port, for one test suite.
///
/// Started without `MOTO_ACCOUNT_ID` (so accounts come from the credentials, as with AWS) and with
/// `MOTO_IAM_LOAD_MANAGED_POLICIES=true` (so AWS managed policy ARNs exist). The process is started
/// through a tiny Python shim that sets `PR_SET_PDEATHSIG`, so moto dies with the test process even
/// if the test process is killed before `stop()` runs: no orphan survives.
public final class MotoServer: Sendable {
    /// The server of the suite being run, set by a test target's suite trait around its tests.
    @TaskLocal public static var current: MotoServer?

    /// The loopback port it listens on.
    public let port: Int
    /// Where its stdout and stderr go (a file in the temporary directory), for failure messages.
    public let logPath: String
    /// Its process id (of the Python shim, which execs moto_server).
    public let pid: Int32

    /// `http://127.0.0.1:PORT`: the endpoint URL to give iamconf or boto3.
    public var url: URL { URL(string: "http://127.0.0.1:\(port)")! }

    private init(port: Int, pid: Int32, logPath: String) {
        self.port = port
        self.pid = pid
        self.logPath = logPath
    }

    /// Why the server could not be started.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Starts moto_server on a free port and waits until it answers.
    ///
    /// - Parameter environment: extra variables for the server (e.g. `INITIAL_NO_AUTH_ACTION_COUNT`).
    public static func start(environment extra: [String: String] = [:]) async throws -> MotoServer {
        guard let executable = findExecutable("moto_server") else {
            throw Failure(description: "moto_server is not installed (not on PATH): pip install 'moto[server]==5.2.1'")
        }
        let port = try freePort()
        let logPath = NSTemporaryDirectory() + "moto-\(port)-\(getpid()).log"
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        // The test runner may block SIGTERM, and a blocked mask survives exec: unblock it, then ask
        // the kernel to send SIGTERM when the parent dies.
        let shim = "import ctypes,os,signal,sys; signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGTERM, signal.SIGINT]); "
            + "ctypes.CDLL(None).prctl(1, signal.SIGTERM); os.execv(sys.argv[1], sys.argv[1:])"
        process.arguments = ["python3", "-c", shim, executable, "-H", "127.0.0.1", "-p", String(port)]
        var environment = ProcessInfo.processInfo.environment
        environment["MOTO_ACCOUNT_ID"] = nil
        environment["INITIAL_NO_AUTH_ACTION_COUNT"] = nil
        environment["MOTO_IAM_LOAD_MANAGED_POLICIES"] = "true"
        environment.merge(extra) { $1 }
        process.environment = environment
        let log = FileHandle(forWritingAtPath: logPath)
        process.standardOutput = log
        process.standardError = log
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let server = MotoServer(port: port, pid: process.processIdentifier, logPath: logPath)
        do {
            try await server.waitUntilReady(process: process)
        } catch {
            server.stop()
            throw error
        }
        return server
    }

    /// Polls `GET /moto-api/` until it answers 200 (moto needs a second or two to import).
    private func waitUntilReady(process: Process) async throws {
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            guard process.isRunning else {
                let log = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
                throw Failure(description: "moto_server exited during startup: \(log.suffix(2000))")
            }
            var request = URLRequest(url: url.appendingPathComponent("moto-api/"))
            request.timeoutInterval = 2
            if let (_, response) = try? await URLSession.shared.data(for: request),
                (response as? HTTPURLResponse)?.statusCode == 200
            {
                return
            }
            try await Task.sleep(nanoseconds: 100_000_000)
        }
        throw Failure(description: "moto_server on port \(port) not ready after 60 s")
    }

    /// Wipes every account's state (`POST /moto-api/reset`), to isolate one test from the next.
    ///
    /// moto also forgets the temporary keys it issued, so a client must assume its roles again
    /// afterwards (an `iamconf` process does so on its own: it starts with no cached keys).
    public func reset() async throws {
        var request = URLRequest(url: url.appendingPathComponent("moto-api/reset"))
        request.httpMethod = "POST"
        request.timeoutInterval = 30
        let (_, response) = try await URLSession.shared.data(for: request)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        guard status == 200 else { throw Failure(description: "POST /moto-api/reset answered HTTP \(status)") }
    }

    /// Terminates moto (SIGTERM, then SIGKILL after 3 s) and reaps it.
    public func stop() {
        kill(pid, SIGTERM)
        for _ in 0..<30 {
            var status: Int32 = 0
            let reaped = waitpid(pid, &status, WNOHANG)
            // ECHILD: Foundation's Process already reaped it.
            if reaped == pid || (reaped == -1 && errno == ECHILD) { return }
            usleep(50_000)
        }
        kill(pid, SIGKILL)
        var status: Int32 = 0
        _ = waitpid(pid, &status, 0)
    }

    /// The first executable called `name` on `PATH`, like `which`.
    public static func findExecutable(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Binds port 0 on 127.0.0.1 and returns the port the kernel chose.
    public static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket() failed") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard bound else { throw Failure(description: "cannot bind a free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
