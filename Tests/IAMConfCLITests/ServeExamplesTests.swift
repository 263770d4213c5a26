import Foundation
import Testing

/// iamconf's endpoint backend applies every example to a running `iamconf serve` with the
/// management credential serve prints (through each account's OrganizationAccountAccessRole),
/// reads it all back with no drift, and destroys it: serve is a third backend for real
/// configurations, not only for the conformance suite's calls.
@Suite("every example through serve", .serialized)
struct ServeExamplesTests {
    static let examples = (try? FileManager.default.contentsOfDirectory(
        atPath: CLIRunner.repositoryRoot.appendingPathComponent("examples").path))?.sorted() ?? []

    @Test func everyExampleAppliesRefreshesCleanAndDestroysThroughServe() throws {
        #expect(Self.examples.count >= 6, "\(Self.examples)")
        // A lab of its own account, so that every example's accounts start empty.
        let temp = try TemporaryDirectory()
        try temp.write("lab/main.yaml", "accounts:\n  lab:\n    id: \"999999999999\"\n    users:\n      teacher: {}\n")
        let cli = CLIRunner(directory: temp.url)
        try #require(try cli.run(["apply", "lab", "--auto-approve"]).status == 0)
        let server = try cli.start(["serve", "lab", "--port", "0"])
        defer { if server.isRunning { server.terminate(); server.waitUntilExit() } }
        let url = try ServeEndToEndTests.waitForURL(temp.url.appendingPathComponent("started.stdout"))
        let credentials = try cli.run(["lab", "credentials", "--management", "lab"]).stdout
        var admin = CLIRunner(directory: temp.url)
        admin.environment = ["AWS_ACCESS_KEY_ID": ServedLab.exported("AWS_ACCESS_KEY_ID", in: credentials),
                             "AWS_SECRET_ACCESS_KEY": ServedLab.exported("AWS_SECRET_ACCESS_KEY", in: credentials)]
        try #require(admin.environment["AWS_ACCESS_KEY_ID"]?.isEmpty == false, "\(credentials)")
        let endpoint = ["--backend", "endpoint", "--endpoint-url", url]
        for example in Self.examples {
            _ = try temp.copyExample(example, to: "examples/\(example)")
            let directory = "examples/\(example)"
            let apply = try admin.run(["apply", directory, "--auto-approve"] + endpoint)
            #expect(apply.status == 0 && apply.stdout.contains("Apply complete!"), "\(example): \(apply)")
            let refreshed = try admin.run(["plan", directory, "--refresh", "--detailed-exitcode"] + endpoint)
            #expect(refreshed.status == 0, "\(example): \(refreshed)")
            let destroy = try admin.run(["destroy", directory, "--auto-approve"] + endpoint)
            #expect(destroy.status == 0 && destroy.stdout.contains("Destroy complete!"), "\(example): \(destroy)")
        }
        #expect(server.isRunning, "serve kept answering through every example")
        server.terminate()
        server.waitUntilExit()
        #expect(server.terminationStatus == 0)
    }
}
