import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One HTTP/1.1 message as it went over the wire, framed by `Content-Length` (or, for an answer
/// without one, by the end of the connection, as moto's `Connection: close` answers allow).
///
/// Only what the proxy needs: no chunked request bodies (curl and botocore send a length), at most
/// 64 MB, and bodiless answers to HEAD and for 1xx/204/304.
struct HTTPMessage {
    static let limit = 64 << 20

    var bytes: [UInt8]
    /// Length of the head, the blank line included.
    var headLength: Int

    var head: String { String(decoding: bytes[..<headLength], as: UTF8.self) }

    /// `POST`, or the status code's text for an answer.
    var method: String { String(head.prefix { $0 != " " }) }

    /// The Query API `Action` of a form body (`CreateUser`), else `METHOD /path` (S3's REST calls).
    var actionName: String {
        let body = String(decoding: bytes[headLength...], as: UTF8.self)
        for pair in body.split(separator: "&") where pair.hasPrefix("Action=") {
            return String(pair.dropFirst("Action=".count))
        }
        let requestLine = head.prefix { $0 != "\r" }.split(separator: " ")
        return requestLine.count >= 2 ? "\(requestLine[0]) \(requestLine[1].prefix { $0 != "?" })" : "?"
    }

    /// A header's value (the first one; names compare case-insensitively).
    func header(_ name: String) -> String? {
        for line in head.split(separator: "\r\n").dropFirst() {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == name.lowercased() {
                return parts[1].trimmingCharacters(in: .whitespaces)
            }
        }
        return nil
    }

    /// This answer with `Connection: close`, added when it does not say so already.
    func closingConnection() -> HTTPMessage {
        guard header("Connection")?.lowercased() != "close" else { return self }
        var copy = self
        let line = Array("Connection: close\r\n".utf8)
        copy.bytes.insert(contentsOf: line, at: headLength - 2)
        copy.headLength += line.count
        return copy
    }

    /// Reads one request (`isResponseTo` nil) or the answer to a request with that method.
    /// nil when the peer closes or fails before a whole message arrived.
    static func read(from socket: Int32, isResponseTo method: String?) -> HTTPMessage? {
        var bytes: [UInt8] = []
        var headLength: Int?
        var buffer = [UInt8](repeating: 0, count: 65536)
        while headLength == nil {
            let count = recv(socket, &buffer, buffer.count, 0)
            guard count > 0, bytes.count + count <= limit else { return nil }
            bytes.append(contentsOf: buffer[..<count])
            headLength = endOfHead(bytes)
        }
        guard let headLength else { return nil }
        var message = HTTPMessage(bytes: bytes, headLength: headLength)
        let expected = message.bodyLength(isResponseTo: method)
        while expected.map({ message.bytes.count < headLength + $0 }) ?? true {
            let count = recv(socket, &buffer, buffer.count, 0)
            if count <= 0 { return expected == nil && count == 0 ? message : nil }
            guard message.bytes.count + count <= limit else { return nil }
            message.bytes.append(contentsOf: buffer[..<count])
        }
        if let expected { message.bytes.removeSubrange((headLength + expected)...) }
        return message
    }

    /// The body's length, or nil for "until the connection closes" (an answer without a length).
    private func bodyLength(isResponseTo method: String?) -> Int? {
        if let method {
            let status = Int(head.split(separator: " ").dropFirst().first ?? "") ?? 0
            if method == "HEAD" || (100..<200).contains(status) || status == 204 || status == 304 { return 0 }
            return header("Content-Length").flatMap { Int($0) }
        }
        return header("Content-Length").flatMap { Int($0) } ?? 0
    }

    private static func endOfHead(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 4 else { return nil }
        for index in 3..<bytes.count
        where bytes[index - 3] == 13 && bytes[index - 2] == 10 && bytes[index - 1] == 13 && bytes[index] == 10 {
            return index + 1
        }
        return nil
    }

    /// Writes everything; false when the peer went away. Never raises SIGPIPE.
    static func write(_ bytes: [UInt8], to socket: Int32) -> Bool {
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard count > 0 else { return false }
            sent += count
        }
        return true
    }
}
