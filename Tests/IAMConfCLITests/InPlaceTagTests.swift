import Foundation
import Testing

/// Tags on customer managed policies and instance profiles change in place (TagPolicy,
/// TagInstanceProfile), not by replacing the object and everything attached to it.
@Suite struct InPlaceTagTests {
    static func configuration(team: String) -> String {
        """
        accounts:
          main:
            id: "111111111111"
            policies:
              ReadReports:
                tags: { team: \(team) }
                document:
                  Version: "2012-10-17"
                  Statement: [{ Effect: Allow, Action: s3:GetObject, Resource: "arn:aws:s3:::reports/*" }]
            roles:
              WebServer:
                trust: { services: [ec2.amazonaws.com] }
                policies: [ReadReports]
            instance_profiles:
              web: { role: WebServer, tags: { team: \(team) } }

        """
    }

    @Test func changingTagsUpdatesInPlace() throws {
        let temp = try TemporaryDirectory()
        try temp.write("config/main.yaml", Self.configuration(team: "data"))
        let cli = CLIRunner(directory: temp.url)
        #expect(try cli.run(["apply", "config", "--auto-approve"]).status == 0)

        try temp.write("config/main.yaml", Self.configuration(team: "platform"))
        let plan = try cli.run(["plan", "config", "--detailed-exitcode", "--no-color"])
        #expect(plan.status == 2, "\(plan)")
        #expect(plan.stdout.contains("main.policy.ReadReports will be updated in place"), "\(plan.stdout)")
        #expect(plan.stdout.contains("main.instance_profile.web will be updated in place"), "\(plan.stdout)")
        #expect(plan.stdout.contains("Plan: 0 to add, 2 to change, 0 to destroy."), "\(plan.stdout)")

        #expect(try cli.run(["apply", "config", "--auto-approve"]).status == 0)
        // The simulator now holds the new tags: a refreshed plan finds nothing to do.
        let refreshed = try cli.run(["plan", "config", "--refresh", "--detailed-exitcode"])
        #expect(refreshed.status == 0, "\(refreshed)")
    }
}
