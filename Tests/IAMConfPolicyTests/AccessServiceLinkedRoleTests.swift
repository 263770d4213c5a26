import Foundation
import IAMConfCore
import IAMConfPolicy
import Testing

/// A configured service-linked role has the permissions AWS gives it, its service's managed policy,
/// and answers name it by its ARN, as AWS does (issue 14).
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/using-service-linked-roles.html
@Suite struct AccessServiceLinkedRoleTests {
    static let roleARN = "arn:aws:iam::111111111111:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling"

    static var configuration: Configuration {
        var main = Account(name: "main", id: "111111111111")
        main.serviceLinkedRoles = [
            ServiceLinkedRole(service: "autoscaling.amazonaws.com"), ServiceLinkedRole(service: "cloudtrail.amazonaws.com"),
        ]
        return Configuration(accounts: [main])
    }

    static func answer(_ principal: String, _ action: String, assume: [String] = []) throws -> AccessAnswer {
        try AccessFixtures.analyzer(configuration).answer(AccessQuestion(principal: principal, assume: assume, action: action, resource: "*"))
    }

    @Test(arguments: ["main.service_linked_role.autoscaling.amazonaws.com", "main.role.AWSServiceRoleForAutoScaling", roleARN])
    func theRoleMayDoWhatItsServicePolicyAllows(_ principal: String) throws {
        let answer = try Self.answer(principal, "ec2:RunInstances")
        #expect(answer.outcome == .allowed)
        let step = try #require(answer.steps.last)
        #expect(step.reasons.map(\.policyName) == ["AWS managed AutoScalingServiceRolePolicy"])
        // Named as AWS names it, not by iamconf's address.
        #expect(step.callerName == Self.roleARN)
        #expect(step.callerARN == "arn:aws:sts::111111111111:assumed-role/AWSServiceRoleForAutoScaling/iamconf-check")
        #expect(answer.text().contains("\(Self.roleARN) (arn:aws:sts::"))
        #expect(!answer.text().contains("main.service_linked_role"))
        #expect(answer.notes.isEmpty)
    }

    @Test func theRoleMayDoNothingElse() throws {
        let answer = try Self.answer("main.service_linked_role.autoscaling.amazonaws.com", "iam:CreateUser")
        #expect(answer.outcome == .implicitDeny)
        #expect(answer.steps.last?.refusedBy == [.identity])
    }

    /// Only the service may assume its role: the trust policy names the service alone.
    @Test func onlyTheServiceAssumesIt() throws {
        let service = try Self.answer("autoscaling.amazonaws.com", "ec2:RunInstances", assume: ["main.service_linked_role.autoscaling.amazonaws.com"])
        #expect(service.outcome == .allowed)
        #expect(service.steps.first?.resourcePolicyName == "\(Self.roleARN) trust policy")
        let other = try Self.answer("ec2.amazonaws.com", "ec2:RunInstances", assume: ["main.role.AWSServiceRoleForAutoScaling"])
        #expect(other.outcome == .implicitDeny)
    }

    @Test func aServiceOutsideIAMConfsTableHasUnknownPermissionsNotNone() throws {
        let answer = try Self.answer("main.service_linked_role.cloudtrail.amazonaws.com", "cloudtrail:GetTrail")
        #expect(answer.outcome == .implicitDeny)
        #expect(answer.notes.contains {
            $0.contains("arn:aws:iam::111111111111:role/aws-service-role/cloudtrail.amazonaws.com/AWSServiceRoleForCloudTrail")
                && $0.contains("unknown to iamconf")
        })
    }

    /// An address ending in `.amazonaws.com` was taken for a service principal named by the address.
    @Test func anAddressIsNotMistakenForAServicePrincipal() throws {
        let answer = try Self.answer("main.service_linked_role.autoscaling.amazonaws.com", "ec2:RunInstances")
        #expect(answer.steps.last?.callerARN.hasPrefix("arn:aws:sts::") == true)
        #expect(throws: AccessError.self) { try Self.answer("main.service_linked_role.ecs.amazonaws.com", "ec2:RunInstances") }
    }
}
