import Foundation
import Testing

/// A state in S3 behind a store that checks signatures and policies (`iamconf serve`, which moto
/// does not do): wrong credentials and a caller without S3 permissions are refused clearly, and
/// nothing is written.
@Suite("State in S3: credentials checked", .serialized)
struct StateStoreCredentialTests {
    @Test func wrongCredentialsAndMissingPermissionsStopBeforeAnythingIsWritten() throws {
        let lab = try ServedLab()
        try lab.serve()
        defer { _ = try? lab.stop() }
        let state = "s3://web-config/team/iam.json?endpoint_url=\(lab.url)"
        try lab.temp.write("machine/main.yaml", "accounts:\n  a:\n    id: \"333333333333\"\n    users:\n      x: {}\n")

        let bogus = CLIRunner(
            directory: lab.temp.url.appendingPathComponent("machine"),
            environment: ["AWS_ACCESS_KEY_ID": "AKIAIOSFODNN7NOTREAL", "AWS_SECRET_ACCESS_KEY": "not-a-secret"])
        let refused = try bogus.run(["apply", "main.yaml", "--state", state, "--auto-approve"])
        #expect(refused.status == 1 && refused.stderr.contains("refused the credentials") && refused.stderr.contains("InvalidAccessKeyId"), "\(refused)")
        #expect(!refused.stdout.contains("Apply complete"))

        let bob = try #require(lab.keys["bob"])
        let unprivileged = CLIRunner(
            directory: lab.temp.url.appendingPathComponent("machine"), environment: ["AWS_ACCESS_KEY_ID": bob[0], "AWS_SECRET_ACCESS_KEY": bob[1]])
        let denied = try unprivileged.run(["apply", "main.yaml", "--state", state, "--auto-approve"])
        #expect(denied.status == 1 && denied.stderr.contains("access to the state was denied") && denied.stderr.contains("s3:GetObject"), "\(denied)")

        // The management credential may: the state is written, and read back by a plan.
        let management = try #require(lab.keys["management"])
        let admin = CLIRunner(
            directory: lab.temp.url.appendingPathComponent("machine"),
            environment: ["AWS_ACCESS_KEY_ID": management[0], "AWS_SECRET_ACCESS_KEY": management[1]])
        let listing = try admin.run(["plan", "main.yaml", "--state", state, "--detailed-exitcode"])
        #expect(listing.status == 2, "no state was written by the refused runs: \(listing)")
    }
}
