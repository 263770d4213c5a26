import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A loopback HTTP proxy in front of a test endpoint (moto_server) that loses calls on purpose, to
/// show that `apply` converges after lost answers.
///
/// Each client connection carries one request: the proxy reads it, and for a chosen share of calls
/// (`faultRate`, drawn from a seeded generator in arrival order) either lets the upstream perform it
/// and then closes the client's connection without the answer (`.dropAnswer`: the call happened, the
/// client cannot know), or closes it without forwarding (`.dropRequest`). Other calls are forwarded
/// and answered with `Connection: close`, so a client never reuses a connection through the proxy
/// (curl silently resends a request whose reused connection died, which would hide a fault).
///
/// Binds 127.0.0.1 only and forwards only to a loopback upstream. Handles concurrent connections
/// (a thread each) and stops cleanly with `stop()`.
public final class FaultProxy: Sendable {
    public enum Fault: Sendable, Hashable {
        /// Forward, let the upstream act and answer, then close the client's connection without the answer.
        case dropAnswer
        /// Read the request and close the client's connection without forwarding it.
        case dropRequest
    }

    /// What the proxy saw, for assertions and failure messages.
    public struct Counts: Sendable, Hashable {
        /// Requests read from clients.
        public var requests = 0
        /// Requests whose answer reached the client.
        public var answered = 0
        /// Requests dropped (`.dropAnswer`: performed upstream but unanswered; `.dropRequest`: never forwarded).
        public var dropped = 0
        /// The dropped calls' actions in the order they were dropped (`CreateUser`, or `PUT /bucket` for REST).
        public var droppedActions: [String] = []
    }

    struct State {
        var fault: Fault
        var rate: Double
        var onlyActions: Set<String>?
        var random: SplitMix64
        var counts = Counts()
        var openSockets: Set<Int32> = []
        var activeConnections = 0
        var isStopped = false
        var hold = Hold()
    }

    /// The loopback port clients connect to.
    public let port: Int
    let upstreamPort: Int
    let listener: Int32
    let state: Mutex<State>

    /// `http://127.0.0.1:PORT`: the endpoint URL to give the HTTP backend or an `iamconf` process.
    public var url: URL { URL(string: "http://127.0.0.1:\(port)")! }

    /// Starts a proxy to `upstream` (`http://127.0.0.1:PORT` or `http://localhost:PORT`).
    /// - Parameters:
    ///   - rate: share of calls to drop, 0…1 (changeable later with `setFaultRate`).
    ///   - seed: seeds the generator that picks the dropped calls.
    ///   - onlyActions: when given, only calls with one of these actions (`CreateUser`) may be dropped.
    public static func start(
        upstream: URL, fault: Fault = .dropAnswer, rate: Double, seed: UInt64 = 1, onlyActions: Set<String>? = nil
    ) throws -> FaultProxy {
        let host = upstream.host?.lowercased() ?? ""
        guard ["127.0.0.1", "localhost"].contains(host), upstream.scheme == "http", let upstreamPort = upstream.port else {
            throw MotoServer.Failure(description: "FaultProxy forwards only to http://127.0.0.1:PORT, not \(upstream.absoluteString)")
        }
        let (listener, port) = try listen()
        let state = State(fault: fault, rate: min(1, max(0, rate)), onlyActions: onlyActions, random: SplitMix64(seed: seed))
        let proxy = FaultProxy(port: port, upstreamPort: upstreamPort, listener: listener, state: state)
        proxy.state.withLock { $0.activeConnections += 1 }  // the accept loop
        Thread { proxy.acceptLoop() }.start()
        return proxy
    }

    private init(port: Int, upstreamPort: Int, listener: Int32, state: State) {
        self.port = port
        self.upstreamPort = upstreamPort
        self.listener = listener
        self.state = Mutex(state)
    }

    public var counts: Counts { state.withLock { $0.counts } }
    public var droppedCount: Int { counts.dropped }
    public var faultRate: Double { state.withLock { $0.rate } }

    /// Changes the share of calls dropped from now on (0 to let a setup phase through).
    public func setFaultRate(_ rate: Double) { state.withLock { $0.rate = min(1, max(0, rate)) } }

    public func setFault(_ fault: Fault) { state.withLock { $0.fault = fault } }

    /// Stops accepting, breaks the connections in flight, and waits (up to 5 s) for their threads.
    /// Call it when the test ends: the accept thread keeps the proxy alive until then.
    public func stop() {
        state.withLock { state in
            state.isStopped = true
            for socket in state.openSockets { shutdown(socket, Int32(SHUT_RDWR)) }
        }
        for _ in 0..<500 where state.withLock({ $0.activeConnections }) > 0 { usleep(10_000) }
    }

    private func acceptLoop() {
        defer {
            close(listener)
            state.withLock { $0.activeConnections -= 1 }
        }
        while !state.withLock({ $0.isStopped }) {
            var ready = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
            guard poll(&ready, 1, 100) > 0 else { continue }
            let client = accept(listener, nil, nil)
            guard client >= 0 else { continue }
            let admitted = state.withLock { state -> Bool in
                guard !state.isStopped else { return false }
                state.openSockets.insert(client)
                state.activeConnections += 1
                return true
            }
            guard admitted else {
                close(client)
                return
            }
            Thread { self.serve(client) }.start()
        }
    }

    /// One client connection: one request, then the connection is closed.
    private func serve(_ client: Int32) {
        var upstream: Int32 = -1
        defer {
            state.withLock { state in
                state.openSockets.remove(client)
                if upstream >= 0 { state.openSockets.remove(upstream) }
                state.activeConnections -= 1
            }
            close(client)
            if upstream >= 0 { close(upstream) }
        }
        Self.setTimeout(client, seconds: 60)
        guard let request = HTTPMessage.read(from: client, isResponseTo: nil) else { return }
        guard holdIfChosen(request) else { return }
        let fault = decide(for: request)
        if fault == .dropRequest { return }
        guard let connected = connectUpstream() else { return }
        upstream = connected
        guard HTTPMessage.write(request.bytes, to: upstream),
            let response = HTTPMessage.read(from: upstream, isResponseTo: request.method)
        else { return }
        if fault == .dropAnswer { return }
        if HTTPMessage.write(response.closingConnection().bytes, to: client) {
            state.withLock { $0.counts.answered += 1 }
        }
    }

    /// The fault for this request, or nil to forward and answer it; counts it either way.
    private func decide(for request: HTTPMessage) -> Fault? {
        let action = request.actionName
        return state.withLock { state -> Fault? in
            state.counts.requests += 1
            guard state.onlyActions.map({ $0.contains(action) }) ?? true else { return nil }
            guard state.rate > 0, state.random.nextUnit() < state.rate else { return nil }
            state.counts.dropped += 1
            state.counts.droppedActions.append(action)
            return state.fault
        }
    }

    private func connectUpstream() -> Int32? {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { return nil }
        let registered = state.withLock { state -> Bool in
            guard !state.isStopped else { return false }
            state.openSockets.insert(socket)
            return true
        }
        guard registered else {
            close(socket)
            return nil
        }
        Self.setTimeout(socket, seconds: 60)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(upstreamPort).bigEndian)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
        // Left registered: `serve` removes and closes it.
        return connected ? socket : nil
    }

    private static func listen() throws -> (Int32, Int) {
        let (socket, port) = try Loopback.bind()
        guard Glibc.listen(socket, 128) == 0 else {
            close(socket)
            throw MotoServer.Failure(description: "FaultProxy cannot listen on 127.0.0.1")
        }
        return (socket, port)
    }

    private static func setTimeout(_ socket: Int32, seconds: Int) {
        var limit = timeval(tv_sec: seconds, tv_usec: 0)
        _ = setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        _ = setsockopt(socket, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
    }
}

/// A small seeded generator (SplitMix64), so a fault pattern can be replayed.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    mutating func nextUnit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
