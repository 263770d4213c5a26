import IAMConfQueryAPI
import IAMConfServer
import NIOCore
import NIOHTTP1
import NIOPosix

/// The thin transport under `LabServer`: HTTP/1.1 over SwiftNIO, one task per connection,
/// keep-alive, a body limit, and nothing else. Everything a request means is `LabServer`'s.
///
/// Bind first (`bind` answers the port the kernel chose for port 0), then `run` until `close`.
public final class HTTPServer: Sendable {
    /// Larger bodies are refused with 413 before anything is parsed.
    public static let maximumBodySize = 16 * 1024 * 1024

    typealias Connection = NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>

    private let listener: NIOAsyncChannel<Connection, Never>
    private let lab: LabServer
    /// The port the server listens on.
    public let port: Int

    private init(listener: NIOAsyncChannel<Connection, Never>, lab: LabServer) {
        self.listener = listener
        self.lab = lab
        self.port = listener.channel.localAddress?.port ?? 0
    }

    /// Listens on `host:port` (port 0: any free port).
    public static func bind(host: String, port: Int, lab: LabServer) async throws -> HTTPServer {
        let listener = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .bind(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    return try Connection(wrappingChannelSynchronously: channel)
                }
            }
        return HTTPServer(listener: listener, lab: lab)
    }

    /// Serves connections until `close()` is called or the task is cancelled.
    public func run() async throws {
        try await withThrowingDiscardingTaskGroup { group in
            try await listener.executeThenClose { connections in
                for try await connection in connections {
                    group.addTask { await Self.serve(connection, lab: self.lab) }
                }
            }
            group.cancelAll()
        }
    }

    /// Stops accepting; `run` then returns once open connections are cancelled.
    public func close() {
        listener.channel.close(promise: nil)
    }

    /// One connection: requests in order, each answered before the next is read.
    private static func serve(_ connection: Connection, lab: LabServer) async {
        let sourceIP = connection.channel.remoteAddress?.ipAddress ?? "127.0.0.1"
        try? await connection.executeThenClose { inbound, outbound in
            var head: HTTPRequestHead?
            var body: [UInt8] = []
            var isTooLarge = false
            for try await part in inbound {
                switch part {
                case let .head(requestHead):
                    head = requestHead
                    body = []
                    isTooLarge = false
                    // A declared length over the limit is refused at once, before any of the body is read.
                    if let declared = requestHead.headers.first(name: "content-length").flatMap({ Int($0) }), declared > maximumBodySize {
                        try await write(Self.tooLarge, version: requestHead.version, keepAlive: false, isHead: false, to: outbound)
                        return
                    }
                case var .body(buffer):
                    if body.count + buffer.readableBytes > maximumBodySize {
                        isTooLarge = true
                    } else if let bytes = buffer.readBytes(length: buffer.readableBytes) {
                        body += bytes
                    }
                case .end:
                    guard let requestHead = head else { continue }
                    let response: ServerResponse
                    if isTooLarge {
                        response = Self.tooLarge
                    } else {
                        let request = ServerRequest(
                            method: requestHead.method.rawValue, target: requestHead.uri,
                            headers: requestHead.headers.map { QueryParameter($0.name, $0.value) }, body: body, sourceIP: sourceIP)
                        response = await lab.handle(request)
                    }
                    let keepAlive = requestHead.isKeepAlive && !isTooLarge
                    try await write(response, version: requestHead.version, keepAlive: keepAlive, isHead: requestHead.method == .HEAD, to: outbound)
                    if !keepAlive { return }
                }
            }
        }
    }

    static let tooLarge = ServerResponse(status: 413, contentType: "text/plain", body: Array("request body too large\n".utf8))

    private static func write(
        _ response: ServerResponse, version: HTTPVersion, keepAlive: Bool, isHead: Bool,
        to outbound: NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>
    ) async throws {
        var headers = HTTPHeaders(response.headerFields.map { ($0.name, $0.value) })
        headers.replaceOrAdd(name: "Content-Length", value: String(response.body.count))
        headers.replaceOrAdd(name: "Connection", value: keepAlive ? "keep-alive" : "close")
        headers.replaceOrAdd(name: "Server", value: "iamconf")
        let status = HTTPResponseStatus(statusCode: response.status)
        // One write of all three parts: one hop to the event loop and one flush (one syscall), not three.
        var parts: [HTTPServerResponsePart] = [.head(HTTPResponseHead(version: version, status: status, headers: headers))]
        if !isHead, !response.body.isEmpty {
            parts.append(.body(.byteBuffer(ByteBuffer(bytes: response.body))))
        }
        parts.append(.end(nil))
        try await outbound.write(contentsOf: parts)
    }
}
