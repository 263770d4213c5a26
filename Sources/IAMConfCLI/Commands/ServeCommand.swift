import ArgumentParser
import Foundation
import IAMConfOperations
import IAMConfServer
import IAMConfServerHTTP

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the applied simulator world as an AWS endpoint (IAM, STS, S3) that checks every call's signature and policies.",
        discussion: """
            Clients (the aws CLI, boto3, iamconf's endpoint backend) sign requests with the lab users' access keys \
            (their secrets are in the state: `iamconf output ADDRESS secret_access_key --raw --show-secrets`) or with \
            the management credential printed at start. Ctrl-C stops the server and saves the world.
            """)

    @Argument(help: "The configuration directory or file whose applied world to serve (default: the current directory).")
    var path: String?

    @Option(name: .long, help: "The port to listen on (0: any free port; the one chosen is printed).")
    var port: Int = 7811

    @Option(name: .long, help: "The address to listen on; loopback by default.")
    var host = "127.0.0.1"

    @Flag(
        name: .long,
        help: "Say every request came over TLS (aws:SecureTransport true): serve sits behind a proxy that terminates HTTPS for it.")
    var secureTransport = false

    @Flag(
        name: .long,
        help: "Believe the proxy's X-Forwarded-Proto header: `https` makes aws:SecureTransport true for that request. Only behind a proxy that sets it; otherwise any client could claim TLS.")
    var trustForwardedProto = false

    @OptionGroup var global: GlobalOptions

    /// What `aws:SecureTransport` says: false for serve's plain HTTP, as AWS says of HTTP.
    var transport: TransportSecurity {
        get throws {
            switch (secureTransport, trustForwardedProto) {
            case (false, false): return .plainHTTP
            case (true, false): return .behindTLSProxy
            case (false, true): return .forwardedProto
            case (true, true):
                throw CLIError(
                    "--secure-transport and --trust-forwarded-proto cannot be combined",
                    hint: "--secure-transport when every request arrives over TLS; --trust-forwarded-proto when the proxy says so per request")
            }
        }
    }

    func run() async throws {
        let terminal = Terminal(noColorFlag: global.noColor)
        try await runReportingErrors(terminal) {
            guard (0...65_535).contains(port) else { throw CLIError("--port must be between 0 and 65535") }
            let lab = try await global.workspace(path).openLab(clock: ServeTestClock.fromEnvironment(), transport: try transport)
            let http = try await HTTPServer.bind(host: host, port: port, lab: lab.server)
            terminal.print(ServeBanner.text(lab: lab, url: "http://\(host.contains(":") ? "[\(host)]" : host):\(http.port)"))
            let interruption = Interruption { http.close() }
            try await http.run()
            withExtendedLifetime(interruption) {}
            try await lab.save()
            terminal.print("iamconf serve: stopped; the world is saved.")
            return 0
        }
    }
}

/// What `serve` prints at start: where it listens and how to sign requests.
enum ServeBanner {
    static func text(lab: Lab, url: String) -> String {
        var lines = [
            "iamconf serve: listening on \(url) (IAM, STS and S3 path-style; SigV4 required; Ctrl-C stops and saves)",
            "",
            "Management credential (the lab administrator, for this run only; `iamconf lab credentials --management` prints it again):",
            "  export AWS_ACCESS_KEY_ID=\(lab.management.accessKeyID)",
            "  export AWS_SECRET_ACCESS_KEY=\(lab.management.secretAccessKey)",
            "  export AWS_DEFAULT_REGION=us-east-1 AWS_ENDPOINT_URL=\(url)",
            "",
        ]
        if lab.userKeys.isEmpty {
            lines.append("No configured user has an access key (give one `access_keys: 1` and apply).")
        } else {
            lines.append("Users with access keys (the secret: iamconf output ADDRESS secret_access_key --raw --show-secrets):")
            for key in lab.userKeys { lines.append("  \(key.address)  \(key.accessKeyID)  \(key.userARN)") }
        }
        return lines.joined(separator: "\n")
    }
}
