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
/// `MOTO_IAM_LOAD_MANAGED_POLICIES=true` (so AWS managed policy ARNs exist). moto runs under a tiny
/// Python shim that holds the read end of a pipe (the "lifeline") whose only writer is this process:
/// when this process ends, even by SIGKILL before `stop()` runs, the shim reads end-of-file and stops
/// moto, so no orphan survives. (`PR_SET_PDEATHSIG` is not enough: it fires when the *thread* that
/// started the child exits, and the thread pools Swift concurrency runs on retire idle threads, which
/// killed moto in the middle of a suite.)
public final class MotoServer: Sendable {
    /// The server of the suite being run, set by a test target's suite trait around its tests.
    @TaskLocal public static var current: MotoServer?

    /// The loopback port it listens on.
    public let port: Int
    /// Where its stdout and stderr go (a file in the temporary directory), for failure messages.
    public let logPath: String
    /// Its process id (of the Python shim, whose child is moto_server).
    public let pid: Int32
    /// The write end of the shim's stdin; closing it (or exiting) stops moto.
    private let lifeline: FileHandle

    /// `http://127.0.0.1:PORT`: the endpoint URL to give iamconf or boto3.
    public var url: URL { URL(string: "http://127.0.0.1:\(port)")! }

    private init(port: Int, pid: Int32, logPath: String, lifeline: FileHandle) {
        self.port = port
        self.pid = pid
        self.logPath = logPath
        self.lifeline = lifeline
    }

    /// Runs `argv[1:]` (moto_server) as a child and stops it (SIGTERM, SIGKILL after 3 s) on SIGTERM,
    /// SIGINT, or end-of-file on stdin. The test runner may block SIGTERM, and a blocked mask survives
    /// exec: the shim unblocks it. The stdin reader blocks the signals itself, so they always reach the
    /// main thread, where Python runs its handlers.
    static let shim = """
        import os, signal, subprocess, sys, threading, time
        TERM = [signal.SIGTERM, signal.SIGINT]
        moto = None
        def stop(*_):
            if moto is None: os._exit(1)
            moto.send_signal(signal.SIGTERM)
            for _ in range(60):
                if os.waitpid(moto.pid, os.WNOHANG)[0]: os._exit(0)
                time.sleep(0.05)
            moto.kill(); os.waitpid(moto.pid, 0); os._exit(0)
        def watch():
            signal.pthread_sigmask(signal.SIG_BLOCK, TERM)
            sys.stdin.buffer.read()
            os.kill(os.getpid(), signal.SIGTERM)
        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, TERM)
        moto = subprocess.Popen(sys.argv[1:], stdin=subprocess.DEVNULL)
        threading.Thread(target=watch, daemon=True).start()
        code = moto.wait()
        os._exit(code if code >= 0 else 128 - code)
        """

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
        let lifeline = Pipe()
        // Only this process may hold the write end: a copy inherited by any other child (an iamconf
        // run, a second moto) would keep the pipe open after this process is gone.
        _ = fcntl(lifeline.fileHandleForWriting.fileDescriptor, F_SETFD, FD_CLOEXEC)
        process.standardInput = lifeline
        try process.run()
        let server = MotoServer(
            port: port, pid: process.processIdentifier, logPath: logPath, lifeline: lifeline.fileHandleForWriting)
        do {
            try await server.waitUntilReady(process: process)
        } catch {
            server.stop()
            throw error
        }
        return server
    }

    /// Polls `GET /moto-api/` until it answers 200 (moto needs a second or two to import; a whole
    /// test run starts a dozen at once on 2 cores, where one took over 60 s).
    private func waitUntilReady(process: Process) async throws {
        let deadline = Date().addingTimeInterval(180)
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
        throw Failure(description: "moto_server on port \(port) not ready after 180 s")
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

    /// Terminates moto (the shim sends it SIGTERM, then SIGKILL after 3 s) and reaps the shim.
    public func stop() {
        kill(pid, SIGTERM)
        for _ in 0..<100 {
            var status: Int32 = 0
            let reaped = waitpid(pid, &status, WNOHANG)
            // ECHILD: Foundation's Process already reaped it.
            if reaped == pid || (reaped == -1 && errno == ECHILD) { return }
            usleep(50_000)
        }
        try? lifeline.close()
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
        let (fd, port) = try Loopback.bind()
        close(fd)
        return port
    }
}
