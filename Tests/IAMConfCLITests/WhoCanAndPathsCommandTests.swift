import Foundation
import Testing

/// `iamconf who-can`, `iamconf paths` and the trust edges of `iamconf graph`, run as a user would.
@Suite("who-can, paths and graph trust edges end to end")
struct WhoCanAndPathsCommandTests {
    static let object = "arn:aws:s3:::shared-reports/q3.csv"

    /// A copy of an example; the copy lives as long as the value is used.
    struct Example {
        let temp: TemporaryDirectory
        var cli: CLIRunner { CLIRunner(directory: temp.url) }

        init(_ name: String) throws {
            temp = try TemporaryDirectory()
            _ = try temp.copyExample(name)
        }
    }

    @Test func whoCanListsAliceThroughTheRoleWithMFA() throws {
        let example = try Example("cross-account")
        let result = try example.cli.run(["who-can", "s3:PutObject", Self.object, "config"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.hasPrefix("3 principals can s3:PutObject on \(Self.object)\n"), "\(result)")
        #expect(result.stdout.contains(
            "source.user.alice (user) through target.role.S3Access when aws:MultiFactorAuthPresent is true\n"), "\(result)")
        #expect(result.stdout.contains("- source.policy.AssumeS3Access statement 0 at config/source.yaml:12"), "\(result)")
        try Golden.check(result.stdout, "who-can-cross-account.txt")
    }

    @Test func whoCanJSON() throws {
        let example = try Example("cross-account")
        let result = try example.cli.run(["who-can", "config", "s3:PutObject", Self.object, "--json"])
        #expect(result.status == 0, "\(result)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["count"] as? Int == 3)
        let principals = try #require(object["principals"] as? [[String: Any]])
        let alice = try #require(principals.first { $0["name"] as? String == "source.user.alice" })
        #expect(alice["through"] as? [String] == ["target.role.S3Access"])
        #expect((alice["conditions"] as? [[String: Any]])?.first?["key"] as? String == "aws:MultiFactorAuthPresent")
        try Golden.check(result.stdout, "who-can-cross-account.json")
    }

    @Test(arguments: [
        (["who-can", "s3GetObject", "arn:aws:s3:::b/k", "config"], "is not an action"),
        (["who-can", "s3:GetObject", "bucket", "config"], "is not a resource ARN"),
        (["who-can", "s3:GetObject", "config"], "who-can needs ACTION and RESOURCE"),
        (["who-can", "s3:GetObjekt", "arn:aws:s3:::b/k", "config"], "did you mean 's3:GetObject'?"),
    ])
    func badInputIsAnErrorWithAHint(arguments: [String], message: String) throws {
        let example = try Example("cross-account")
        let result = try example.cli.run(arguments)
        #expect(result.status == 1, "\(result)")
        #expect(result.stderr.contains(message), "\(result)")
        #expect(result.stderr.contains("hint:"), "\(result)")
    }

    @Test func pathsFindsTheMFAProtectedAdministratorRole() throws {
        let example = try Example("mfa-protected-admin")
        let text = try example.cli.run(["paths", "config"])
        #expect(text.status == 0, "\(text)")
        #expect(text.stdout.contains("Privilege escalation: 1 principal can reach administrator-equivalent access"), "\(text)")
        try Golden.check(text.stdout, "paths-mfa-protected-admin.txt")
        let failing = try example.cli.run(["paths", "config", "--fail-on-escalation"])
        #expect(failing.status == 2, "\(failing)")
        let json = try example.cli.run(["paths", "config", "--json"])
        #expect(json.status == 0, "\(json)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["has_escalation"] as? Bool == true)
        try Golden.check(json.stdout, "paths-mfa-protected-admin.json")
        let dot = try example.cli.run(["paths", "config", "--dot"])
        #expect(dot.status == 0, "\(dot)")
        #expect(dot.stdout.hasPrefix("digraph iamconf_paths {\n"), "\(dot)")
        try Golden.check(dot.stdout, "paths-mfa-protected-admin.dot")
    }

    @Test func pathsOnAConfigurationWithoutEscalationExitsZeroEvenWhenAskedToFail() throws {
        let example = try Example("cross-account")
        let result = try example.cli.run(["paths", "config", "--fail-on-escalation"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("No privilege escalation"), "\(result)")
        let both = try example.cli.run(["paths", "config", "--json", "--dot"])
        #expect(both.status == 1, "\(both)")
    }

    @Test func adminsGroupMembersCanEscalateThroughIAMFullAccess() throws {
        let example = try Example("admins-group")
        let result = try example.cli.run(["paths", "config", "--fail-on-escalation"])
        #expect(result.status == 2, "\(result)")
        #expect(result.stdout.contains("main.user.alice (user) -> administrator-equivalent access in 1 step"), "\(result)")
    }

    @Test func graphDrawsTrustEdges() throws {
        let example = try Example("cross-account")
        let result = try example.cli.run(["graph", "config"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains(
            "  \"source.user.alice\" -> \"target.role.S3Access\" [color = \"blue\", fontcolor = \"blue\", style = \"bold\", label = \"can assume (conditional)\"];\n"),
            "\(result)")
        try Golden.check(result.stdout, "graph-cross-account.dot")
    }

    @Test func appliedWorldAnswersToo() throws {
        let example = try Example("cross-account")
        let none = try example.cli.run(["who-can", "s3:PutObject", Self.object, "config", "--applied"])
        #expect(none.status == 1, "\(none)")
        #expect(none.stderr.contains("nothing has been applied"), "\(none)")
        let apply = try example.cli.run(["apply", "config", "--auto-approve"])
        #expect(apply.status == 0, "\(apply)")
        let applied = try example.cli.run(["who-can", "s3:PutObject", Self.object, "config", "--applied"])
        #expect(applied.status == 0, "\(applied)")
        #expect(applied.stdout.contains("source.user.alice (user) through target.role.S3Access when aws:MultiFactorAuthPresent is true"), "\(applied)")
        let paths = try example.cli.run(["paths", "config", "--applied"])
        #expect(paths.status == 0, "\(paths)")
        #expect(paths.stdout.contains("source.user.alice -> target.role.S3Access (sts:AssumeRole)"), "\(paths)")
    }
}
