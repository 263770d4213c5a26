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
