import Foundation
import Testing

/// Service-linked roles end to end (issue 14): the role has its service's policy, `check` shows
/// its ARN, and the policy AWS attaches is not drift.
@Suite("service-linked roles end to end")
struct ServiceLinkedRoleTests {
    static let configuration = """
        accounts:
          main:
            id: "111111111111"
            service_linked_roles:
              - service: autoscaling.amazonaws.com
                description: Scales the web tier
            users:
              alice: { policies: ["arn:aws:iam::aws:policy/AmazonMQFullAccess"] }
        """
    static let roleARN = "arn:aws:iam::111111111111:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling"
    static let question = ["--principal", "main.service_linked_role.autoscaling.amazonaws.com", "ec2:RunInstances", "*"]

    static func workspace() throws -> (TemporaryDirectory, CLIRunner) {
        let temp = try TemporaryDirectory()
        try temp.write("config/main.yaml", configuration)
        return (temp, CLIRunner(directory: temp.url))
    }

    @Test func checkDecidesByTheServicePolicyAndShowsTheRoleARN() throws {
        let (temp, cli) = try Self.workspace()
        defer { withExtendedLifetime(temp) {} }  // the directory is removed with `temp`
        let result = try cli.run(["check", "config"] + Self.question)
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("  \(Self.roleARN) (arn:aws:sts::111111111111:assumed-role/AWSServiceRoleForAutoScaling/iamconf-check)"), "\(result)")
        #expect(!result.stdout.contains("main.service_linked_role"), "\(result)")
        try Golden.check(result.stdout, "check-service-linked-role.txt")
    }

    @Test("apply attaches the service policy, a refresh after it is clean, and check --applied agrees")
    func applyThenRefreshIsClean() throws {
        let (temp, cli) = try Self.workspace()
        let apply = try cli.run(["apply", "config", "--auto-approve"])
        #expect(apply.status == 0, "\(apply)")
        let world = try temp.read("config/.iamconf/simulator.json")
        #expect(world.contains("arn:aws:iam::aws:policy/aws-service-role/AutoScalingServiceRolePolicy"))

        let clean = try cli.run(["plan", "config", "--refresh", "--detailed-exitcode"])
        #expect(clean.status == 0, "\(clean)")
        #expect(!clean.stdout.contains("Objects have changed"), "\(clean)")

        let applied = try cli.run(["check", "config", "--applied"] + Self.question)
        #expect(applied.status == 0, "\(applied)")
        #expect(applied.stdout.contains("allowed by AWS managed AutoScalingServiceRolePolicy"), "\(applied)")
        #expect(applied.stdout.contains("  \(Self.roleARN) ("), "\(applied)")

        // A real AWS managed policy outside the common few applied too (AmazonMQFullAccess).
        let alice = try cli.run(["check", "config", "--applied", "--principal", "main.user.alice", "mq:CreateBroker", "*"])
        #expect(alice.status == 0, "\(alice)")
    }

    @Test("two roles of one service, one with a custom suffix, get two addresses and a second plan is clean")
    func suffixedRolesOfOneService() throws {
        let temp = try TemporaryDirectory()
        try temp.write("config/main.yaml", """
            accounts:
              main:
                id: "111111111111"
                service_linked_roles:
                  - service: autoscaling.amazonaws.com
                  - { service: autoscaling.amazonaws.com, suffix: batch }
            """)
        let cli = CLIRunner(directory: temp.url)
        let apply = try cli.run(["apply", "config", "--auto-approve"])
        #expect(apply.status == 0, "\(apply)")
        let list = try cli.run(["state", "list", "config"])
        #expect(list.stdout.contains("main.service_linked_role.autoscaling.amazonaws.com\n"), "\(list)")
        #expect(list.stdout.contains("main.service_linked_role.autoscaling.amazonaws.com_batch\n"), "\(list)")
        let again = try cli.run(["plan", "config", "--refresh", "--detailed-exitcode"])
        #expect(again.status == 0, "\(again)")
        let check = try cli.run(["check", "config", "--principal", "main.service_linked_role.autoscaling.amazonaws.com_batch", "ec2:RunInstances", "*"])
        #expect(check.stdout.contains("role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling_batch"), "\(check)")
    }
}
