import Foundation
import Testing

/// Bad input to every command: a clear error, exit 1, and nothing changed on disk.
@Suite("Bad input", .serialized)
struct BadInputTests {
    @Test("a missing configuration path", arguments: [["plan"], ["apply", "--auto-approve"], ["destroy", "--auto-approve"], ["graph"]])
    func missingPath(command: [String]) throws {
        let temp = try TemporaryDirectory()
        let result = try CLIRunner(directory: temp.url).run(command + ["does-not-exist"])
        #expect(result.status == 1, "\(result)")
        #expect(result.stderr.contains("does-not-exist"), "\(result)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: temp.url.path).isEmpty)
    }

    @Test("unknown addresses in state show, state rm and --target")
    func unknownAddress() throws {
        let temp = try TemporaryDirectory()
        _ = try temp.copyExample("cross-account")
        let cli = CLIRunner(directory: temp.url)
        #expect(try cli.run(["apply", "config", "--auto-approve"]).status == 0)
        let before = try temp.read("config/iamconf.state.json")

        let show = try cli.run(["state", "show", "target.role.Nope", "--path", "config"])
        #expect(show.status == 1 && show.stderr.contains("no resource target.role.Nope"), "\(show)")
        let remove = try cli.run(["state", "rm", "target.role.Nope", "--path", "config"])
        #expect(remove.status == 1, "\(remove)")
        let target = try cli.run(["plan", "config", "--target", "target.role.Nope"])
        #expect(target.status == 1 && target.stderr.contains("target.role.Nope"), "\(target)")
        let malformed = try cli.run(["state", "show", "not-an-address", "--path", "config"])
        #expect(malformed.status == 1, "\(malformed)")
        #expect(try temp.read("config/iamconf.state.json") == before)
    }

    @Test("a corrupt, truncated or newer state is refused and never overwritten", arguments: [
        "{ not json", "{\"format_version\": 1, \"lineage\": \"x\"", "{\"format_version\": 999, \"lineage\": \"x\", \"serial\": 1, \"resources\": []}",
    ])
    func unreadableState(content: String) throws {
        let temp = try TemporaryDirectory()
        _ = try temp.copyExample("cross-account")
        try temp.write("config/iamconf.state.json", content)
        let cli = CLIRunner(directory: temp.url)
        for command in [["plan", "config"], ["apply", "config", "--auto-approve"], ["destroy", "config", "--auto-approve"], ["show", "config"]] {
            let result = try cli.run(command)
            #expect(result.status == 1, "\(command): \(result)")
            #expect(result.stderr.contains("iamconf.state.json"), "\(command): \(result)")
        }
        #expect(try temp.read("config/iamconf.state.json") == content)
    }

    @Test("a state path that is not a regular file is refused, not read", arguments: ["/dev/zero", "/dev/full"])
    func deviceAsState(path: String) throws {
        let temp = try TemporaryDirectory()
        _ = try temp.copyExample("cross-account")
        let result = try CLIRunner(directory: temp.url).run(["plan", "config", "--state", path])
        #expect(result.status == 1 && result.stderr.contains("is not a regular file"), "\(result)")
    }

    @Test("a state resource of a type this iamconf does not know is refused")
    func unknownResourceType() throws {
        let temp = try TemporaryDirectory()
        _ = try temp.copyExample("cross-account")
        let cli = CLIRunner(directory: temp.url)
        #expect(try cli.run(["apply", "config", "--auto-approve"]).status == 0)
        let original = try temp.read("config/iamconf.state.json")
        let edited = original.replacingOccurrences(of: "\"type\": \"bucket\"", with: "\"type\": \"spaceship\"")
        #expect(edited != original)
        try temp.write("config/iamconf.state.json", edited)
        let plan = try cli.run(["plan", "config"])
        #expect(plan.status == 1 && plan.stderr.contains("spaceship"), "\(plan)")
        #expect(try temp.read("config/iamconf.state.json") == edited)
    }

    @Test("usage errors exit 1, like every other error")
    func usageErrors() throws {
        let temp = try TemporaryDirectory()
        for arguments in [["plan", "--bogus"], ["apply", "--parallelism", "0"], ["plan", "--backend", "foo"], ["nonsense"]] {
            let result = try CLIRunner(directory: temp.url).run(arguments)
            #expect(result.status == 1, "\(arguments): \(result)")
        }
    }

    @Test("an unreadable saved plan file is refused")
    func garbagePlanFile() throws {
        let temp = try TemporaryDirectory()
        _ = try temp.copyExample("cross-account")
        try temp.write("broken.plan", "{\"iamconf_saved_plan\": 1, \"configuration\": ")
        let result = try CLIRunner(directory: temp.url).run(["apply", "broken.plan"])
        #expect(result.status == 1, "\(result)")
        #expect(result.stderr.contains("broken.plan"), "\(result)")
    }
}
