import Foundation
import IAMConfServer
import IAMConfServerHTTP
import IAMConfSimulator
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The transport over a real loopback socket: bytes in, an answer out, whatever the bytes are.
@Suite struct HTTPServerTests {
    @Test func answersRefusesOversizedBodiesAndSurvivesGarbage() async throws {
        let lab = LabServer(simulator: try IAMSimulator(), credentials: [])
        let http = try await HTTPServer.bind(host: "127.0.0.1", port: 0, lab: lab)
        let serving = Task { try await http.run() }
        defer { http.close() }

        // An unsigned Query call reaches LabServer and comes back as AWS's error document.
        let unsigned = try await RawHTTP.offPool(
            port: http.port, "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 33\r\n\r\nAction=GetCallerIdentity&Version=")
        #expect(unsigned.hasPrefix("HTTP/1.1 403 Forbidden"), "\(unsigned)")
        #expect(unsigned.contains("<Code>MissingAuthenticationToken</Code>"))

        // A body declared over the limit: 413 from the header alone, not a crash or an exhausted memory.
        let size = HTTPServer.maximumBodySize + 1
        let oversized = try await RawHTTP.offPool(port: http.port, "PUT /bucket/key HTTP/1.1\r\nHost: x\r\nContent-Length: \(size)\r\n\r\n")
        #expect(oversized.hasPrefix("HTTP/1.1 413"), "\(oversized.prefix(200))")
        // Not HTTP at all: NIO's 400, and the server goes on serving.
        let garbage = try await RawHTTP.offPool(port: http.port, "\u{1}\u{2}NOT HTTP AT ALL\r\n\r\n")
        #expect(garbage.isEmpty || garbage.hasPrefix("HTTP/1.1 400"), "\(garbage)")
        let again = try await RawHTTP.offPool(port: http.port, "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        #expect(again.hasPrefix("HTTP/1.1 403"), "\(again)")

        http.close()
        try await serving.value
    }
}

/// One request over a fresh connection; reads until the server closes or a full answer arrived.
enum RawHTTP {
    struct Failure: Error {}

    /// `exchange` on a thread of its own: its blocking socket calls must not hold one of the few
    /// threads Swift concurrency runs the server's connection tasks on (2 on this machine).
    static func offPool(port: Int, _ head: String) async throws -> String {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try exchange(port: port, head) }) }.start()
        }
    }

    static func exchange(port: Int, _ head: String, body: [UInt8] = []) throws -> String {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure() }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
        guard connected else { throw Failure() }
        // Generous: the whole suite runs in parallel on 2 cores, where a first answer once took over 5 s.
        var timeout = timeval(tv_sec: 60, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let bytes = Array(head.utf8) + body
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { break }  // the server may answer 413 and close before reading everything
            sent += n
        }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n <= 0 { break }
            received += buffer[0..<n]
            if let text = String(bytes: received, encoding: .utf8), isComplete(text) { break }
        }
        return String(decoding: received, as: UTF8.self)
    }

    /// Headers and as many body bytes as Content-Length says.
    static func isComplete(_ text: String) -> Bool {
        guard let end = text.range(of: "\r\n\r\n") else { return false }
        let headers = text[..<end.lowerBound].lowercased()
        guard let line = headers.split(separator: "\r\n").first(where: { $0.hasPrefix("content-length:") }),
            let length = Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces))
        else { return true }
        return text[end.upperBound...].utf8.count >= length
    }
}
