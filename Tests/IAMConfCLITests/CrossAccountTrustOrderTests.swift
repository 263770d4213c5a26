import Foundation
import Testing

/// A role may trust a user of an account written later in the configuration; the user must be
/// created first, since IAM (and the simulator) refuse a trust policy naming a missing user.
@Suite struct CrossAccountTrustOrderTests {
    static let configuration = """
        accounts:
          first:
            id: "111111111111"
            roles:
              Auditor:
                trust_policy:
                  Version: "2012-10-17"
                  Statement:
                    - Effect: Allow
                      Principal: { AWS: "arn:aws:iam::222222222222:user/ops/bob" }
                      Action: sts:AssumeRole
          second:
            id: "222222222222"
            users:
              bob: { path: /ops/ }

        """

    @Test func trustedUserIsCreatedBeforeTheRole() throws {
        let temp = try TemporaryDirectory()
        try temp.write("config/main.yaml", Self.configuration)
        let cli = CLIRunner(directory: temp.url)
        let apply = try cli.run(["apply", "config", "--auto-approve"])
        #expect(apply.status == 0, "\(apply)")
        let state = try cli.run(["state", "show", "first.role.Auditor", "--path", "config"])
        #expect(state.stdout.contains("second.user.bob"), "\(state)")
        #expect(try cli.run(["plan", "config", "--detailed-exitcode"]).status == 0)
    }
}

/// Roles that trust roles (issue "Found by trying it as a new user"): a role trusting one written
/// after it, and two roles that trust each other, apply on the first try; `graph` draws the trust.
@Suite struct RoleTrustOrderTests {
    static func role(_ name: String, trusting trusted: [String]) -> String {
        let principals = trusted.map { "\"${accounts.lab.roles.\($0).arn}\"" }.joined(separator: ", ")
        return """
                  \(name):
                    trust_policy:
                      Version: "2012-10-17"
                      Statement:
                        - Effect: Allow
                          Principal: { AWS: [\(principals)] }
                          Action: sts:AssumeRole

            """
    }

    @Test("a role trusting a later role, and a cycle of two, apply on the first try", arguments: [
        [("Reader", ["Admin"]), ("Admin", ["Breakglass"]), ("Breakglass", ["Reader"])],
        [("Ping", ["Pong"]), ("Pong", ["Ping"])],
    ])
    func firstTry(_ roles: [(String, [String])]) throws {
        let temp = try TemporaryDirectory()
        try temp.write("config/main.yaml", "accounts:\n  lab:\n    id: \"111111111111\"\n    roles:\n" + roles.map { Self.role($0.0, trusting: $0.1) }.joined())
        let cli = CLIRunner(directory: temp.url)
        let apply = try cli.run(["apply", "config", "--auto-approve"])
        #expect(apply.status == 0, "\(apply)")
        #expect(apply.stdout.contains("Trust policy complete"), "a cycle completes its trust after every role exists: \(apply)")
        #expect(try cli.run(["plan", "config", "--refresh", "--detailed-exitcode"]).status == 0)
        let graph = try cli.run(["graph", "config"])
        let first = roles[0]
        #expect(graph.stdout.contains("\"lab.role.\(first.0)\" -> \"lab.role.\(first.1[0])\""), "\(graph.stdout)")
    }
}
