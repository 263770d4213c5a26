import Foundation
import Testing

/// The README's configuration example is real: it validates and plans.
@Suite("README")
struct ReadmeTests {
    @Test("the configuration shown in the README validates and plans")
    func readmeExample() throws {
        let readme = try String(contentsOf: CLIRunner.repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let start = try #require(readme.range(of: "```yaml\naccounts:"), "the README shows a configuration")
        let end = try #require(readme.range(of: "```", range: start.upperBound..<readme.endIndex))
        let yaml = String(readme[readme.index(start.lowerBound, offsetBy: 8)..<end.lowerBound])
        let temp = try TemporaryDirectory()
        try temp.write("readme/main.yaml", yaml)
        let cli = CLIRunner(directory: temp.url)
        let validate = try cli.run(["validate", "readme"])
        #expect(validate.status == 0, "\(validate)")
        let plan = try cli.run(["plan", "readme", "--detailed-exitcode"])
        #expect(plan.status == 2, "\(plan)")
    }
}
