import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Loopback sockets for the test servers: tests never listen beyond 127.0.0.1.
enum Loopback {
    /// A TCP socket bound to 127.0.0.1 on a port the kernel chose, and that port. The caller owns
    /// the socket (listens on it, or closes it to hand the port to a server it starts).
    static func bind() throws -> (fd: Int32, port: Int) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw MotoServer.Failure(description: "socket() failed") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                Glibc.bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard bound else {
            close(fd)
            throw MotoServer.Failure(description: "cannot bind a free port on 127.0.0.1")
        }
        return (fd, Int(UInt16(bigEndian: address.sin_port)))
    }
}
