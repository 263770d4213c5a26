import Foundation
import Testing

/// `plan --skip-expectations` and `apply --skip-expectations`: for emergencies, plan despite a
/// failing access expectation, with a warning naming every failure. Without the flag the plan is
/// still refused.
@Suite struct SkipExpectationsTests {
    /// One user and two expectations: one holds, one fails (nothing lets bob read the reports).
    static let configuration = """
        accounts:
          lab:
            id: "111111111111"
            users:
              bob: {}
        expectations:
          - name: bob can read the reports
            principal: lab.user.bob
            action: s3:GetObject
            resource: arn:aws:s3:::reports/q1.csv
            expect: allow
          - name: bob cannot delete users
            principal: lab.user.bob
            action: iam:DeleteUser
            resource: "*"
            expect: deny

        """

    func failingExample() throws -> (TemporaryDirectory, CLIRunner) {
        let temp = try TemporaryDirectory()
        try temp.write("config/main.yaml", Self.configuration)
        return (temp, CLIRunner(directory: temp.url))
    }

    @Test func withoutTheFlagAFailingExpectationStillRefusesThePlan() throws {
        let (temp, cli) = try failingExample()
        let plan = try cli.run(["plan", "config"])
        #expect(plan.status == 1, "\(plan)")
        #expect(plan.stderr.contains("1 of 2 access expectations failed; nothing was planned"), "\(plan)")
        #expect(!plan.stderr.contains("--skip-expectations plans anyway"), "\(plan)")
        let apply = try cli.run(["apply", "config", "--auto-approve"])
        #expect(apply.status == 1, "\(apply)")
        #expect(!temp.exists("config/iamconf.state.json"))
    }

    @Test func planWithTheFlagPlansAndWarnsNamingEachFailure() throws {
        let (temp, cli) = try failingExample()
        defer { withExtendedLifetime(temp) {} }
        let plan = try cli.run(["plan", "config", "--skip-expectations", "--detailed-exitcode"])
        #expect(plan.status == 2, "\(plan)")
        #expect(plan.stdout.contains("Plan: 1 to add, 0 to change, 0 to destroy."), "\(plan)")
        #expect(plan.stderr.contains("Warning: 1 of 2 access expectations failed, and --skip-expectations plans anyway:"), "\(plan)")
        #expect(plan.stderr.contains("  - bob can read the reports (config/main.yaml:7)"), "\(plan)")
        // The one that holds is not named as failing.
        #expect(!plan.stderr.contains("- bob cannot delete users"), "\(plan)")
        // The failure's explanation is printed too, as without the flag.
        #expect(plan.stderr.contains("FAIL bob can read the reports"), "\(plan)")
    }

    @Test func planJSONStaysValidWithTheWarningOnStderr() throws {
        let (temp, cli) = try failingExample()
        defer { withExtendedLifetime(temp) {} }
        let plan = try cli.run(["plan", "config", "--skip-expectations", "--json"])
        #expect(plan.status == 0, "\(plan)")
        #expect(try JSONSerialization.jsonObject(with: Data(plan.stdout.utf8)) is [String: Any], "\(plan)")
        #expect(plan.stderr.contains("--skip-expectations plans anyway"), "\(plan)")
    }

    @Test func applyWithTheFlagAppliesAndWarns() throws {
        let (temp, cli) = try failingExample()
        let apply = try cli.run(["apply", "config", "--auto-approve", "--skip-expectations"])
        #expect(apply.status == 0, "\(apply)")
        #expect(apply.stderr.contains("- bob can read the reports"), "\(apply)")
        #expect(apply.stdout.contains("Apply complete! Resources: 1 added"), "\(apply)")
        #expect(temp.exists("config/iamconf.state.json"))
    }

    @Test func theFlagIsQuietWhenEveryExpectationHolds() throws {
        let temp = try TemporaryDirectory()
        try temp.write("config/main.yaml", Self.configuration.replacingOccurrences(of: "expect: allow", with: "expect: deny"))
        let plan = try CLIRunner(directory: temp.url).run(["plan", "config", "--skip-expectations"])
        #expect(plan.status == 0, "\(plan)")
        #expect(plan.stderr.isEmpty, "\(plan)")
    }
}
