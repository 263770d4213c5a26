import IAMConfQueryAPI
import Testing

@testable import IAMConfServer

/// `aws:SecureTransport` as serve decides it: false on plain HTTP whatever a client claims, true
/// behind a declared TLS proxy, and per request from X-Forwarded-Proto only when the lab trusts it.
@Suite struct TransportSecurityTests {
    static func request(_ forwarded: [String]) -> ServerRequest {
        ServerRequest(method: "GET", target: "/", headers: forwarded.map { QueryParameter("X-Forwarded-Proto", $0) })
    }

    @Test(arguments: [
        (TransportSecurity.plainHTTP, [String](), false),
        (.plainHTTP, ["https"], false),
        (.behindTLSProxy, [], true),
        (.behindTLSProxy, ["http"], true),
        (.forwardedProto, [], false),
        (.forwardedProto, ["https"], true),
        (.forwardedProto, ["HTTPS"], true),
        (.forwardedProto, ["http"], false),
        (.forwardedProto, ["https, http"], false),
        (.forwardedProto, ["http", "https"], true),
        (.forwardedProto, ["", " https "], true),
        (.forwardedProto, ["httpsx"], false),
    ])
    func secureTransport(transport: TransportSecurity, forwarded: [String], isSecure: Bool) {
        #expect(transport.isSecure(Self.request(forwarded)) == isSecure)
    }
}
