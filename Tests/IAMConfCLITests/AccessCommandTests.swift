import Foundation
import Testing

/// `iamconf access PRINCIPAL` run as a user would, on the examples.
@Suite("access command end to end")
struct AccessCommandTests {
    @Test("a role: what it can do and who can assume it, as text and JSON")
    func role() throws {
        let temp = try TemporaryDirectory()
        _ = try temp.copyExample("cross-account")
        let cli = CLIRunner(directory: temp.url)
        let text = try cli.run(["access", "target.role.S3Access", "config"])
        #expect(text.status == 0, "\(text)")
        try Golden.check(text.stdout, "access-cross-account-role.txt")
        let json = try cli.run(["access", "target.role.S3Access", "config", "--json"])
        #expect(json.status == 0, "\(json)")
        try Golden.check(json.stdout, "access-cross-account-role.json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["principal"] as? String == "target.role.S3Access")
        #expect((object["assumable_by"] as? [[String: Any]])?.compactMap { $0["principal"] as? String } == ["source.root", "source.user.alice"])
    }

    @Test("a user by ARN, with conditions kept and a boundary applied")
    func userByARN() throws {
        let temp = try TemporaryDirectory()
        _ = try temp.copyExample("mfa-protected-admin")
        let cli = CLIRunner(directory: temp.url)
        let result = try cli.run(["access", "arn:aws:iam::666666666666:user/dana", "config"])
        #expect(result.status == 0, "\(result)")
        try Golden.check(result.stdout, "access-mfa-protected-admin-dana.txt")
    }

    @Test("--applied reads the simulator's world, and refuses before anything was applied")
    func applied() throws {
        let temp = try TemporaryDirectory()
        _ = try temp.copyExample("cross-account")
        let cli = CLIRunner(directory: temp.url)
        let before = try cli.run(["access", "source.user.alice", "config", "--applied"])
        #expect(before.status == 1 && before.stderr.contains("nothing has been applied"), "\(before)")
        #expect(try cli.run(["apply", "config", "--auto-approve"]).status == 0)
        let configured = try cli.run(["access", "source.user.alice", "config"])
        let applied = try cli.run(["access", "source.user.alice", "config", "--applied"])
        #expect(applied.status == 0, "\(applied)")
        #expect(applied.stdout == configured.stdout)
        #expect(applied.stdout.contains("sts Write (1 of 9): AssumeRole on arn:aws:iam::111111111111:role/S3Access"), "\(applied)")
    }

    @Test("an unknown principal is an error naming the nearest one; --json gets it as data")
    func unknown() throws {
        let temp = try TemporaryDirectory()
        _ = try temp.copyExample("cross-account")
        let cli = CLIRunner(directory: temp.url)
        let result = try cli.run(["access", "source.user.alise", "config"])
        #expect(result.status == 1, "\(result)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("Error: account source has no user named 'alise'\n  hint: did you mean source.user.alice?"), "\(result)")
        let json = try cli.run(["access", "source.user.alise", "config", "--json"])
        #expect(json.status == 1, "\(json)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((object["error"] as? [String: Any])?["code"] as? String == "unknown-user")
    }
}

/// `plan --deny-new-access` and `apply --deny-new-access`, on an applied copy of the cross-account example.
@Suite("deny-new-access end to end", .serialized)
struct DenyNewAccessTests {
    struct Applied {
        let temp: TemporaryDirectory
        var cli: CLIRunner { CLIRunner(directory: temp.url) }

        init() throws {
            temp = try TemporaryDirectory()
            _ = try temp.copyExample("cross-account")
            let apply = try CLIRunner(directory: temp.url).run(["apply", "config", "--auto-approve"])
            #expect(apply.status == 0, "\(apply)")
        }

        func edit(_ file: String, _ from: String, _ to: String) throws {
            let text = try temp.read("config/\(file)")
            #expect(text.contains(from), "\(file) should contain \(from)")
            try temp.write("config/\(file)", text.replacingOccurrences(of: from, with: to))
        }
    }

    @Test("a plan that widens a trust exits 4 and saves nothing; apply refuses it and changes nothing")
    func gain() throws {
        let example = try Applied()
        try example.edit("target.yaml", "          accounts: [source]", #"          accounts: [source, "333333333333"]"#)
        let plan = try example.cli.run(["plan", "config", "--deny-new-access", "--out", "gated.plan"])
        #expect(plan.status == 4, "\(plan)")
        #expect(plan.stdout.contains("Access changes:"), "\(plan)")
        #expect(plan.stdout.contains("+ can now be assumed by arn:aws:iam::333333333333:root via sts:AssumeRole"), "\(plan)")
        #expect(plan.stderr.contains("--deny-new-access: the plan grants new access (target.role.S3Access trust policy)"), "\(plan)")
        #expect(!example.temp.exists("gated.plan"))
        let state = try example.temp.read("config/iamconf.state.json")
        let apply = try example.cli.run(["apply", "config", "--auto-approve", "--deny-new-access"])
        #expect(apply.status == 4, "\(apply)")
        #expect(!apply.stdout.contains("Apply complete"), "\(apply)")
        #expect(try example.temp.read("config/iamconf.state.json") == state)
        let json = try example.cli.run(["plan", "config", "--json", "--deny-new-access"])
        #expect(json.status == 4, "\(json)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let changes = try #require(object["access_changes"] as? [[String: Any]])
        #expect(changes.map { $0["kind"] as? String } == ["trust"])
    }

    @Test("a plan that only takes access away passes, and so does one that changes nothing about access")
    func lossOnly() throws {
        let example = try Applied()
        let unchanged = try example.cli.run(["plan", "config", "--deny-new-access", "--detailed-exitcode"])
        #expect(unchanged.status == 0, "\(unchanged)")
        try example.edit("source.yaml", "        tags: { team: data }", "        tags: { team: platform }")
        let tagOnly = try example.cli.run(["plan", "config", "--deny-new-access"])
        #expect(tagOnly.status == 0, "\(tagOnly)")
        #expect(!tagOnly.stdout.contains("Access changes:"), "\(tagOnly)")
        // The example's expectations need S3 access after assuming the role: this edit breaks them on purpose.
        try example.edit("target.yaml", "        policies: [AmazonS3FullAccess]", "        policies: []")
        let loss = try example.cli.run(["plan", "config", "--deny-new-access", "--skip-expectations"])
        #expect(loss.status == 0, "\(loss)")
        #expect(loss.stdout.contains("  # target.role.S3Access (arn:aws:iam::111111111111:role/S3Access)\n    - s3: all"), "\(loss)")
        let apply = try example.cli.run(["apply", "config", "--auto-approve", "--deny-new-access", "--skip-expectations"])
        #expect(apply.status == 0 && apply.stdout.contains("Apply complete!"), "\(apply)")
    }
}
