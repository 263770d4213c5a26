import Foundation
import IAMConfBackend
import IAMConfCore
import IAMConfSimulator
import Testing

/// A service-linked role comes with its service's AWS managed policy, which only AWS attaches
/// (issue 14). https://docs.aws.amazon.com/IAM/latest/UserGuide/using-service-linked-roles.html
@Suite struct ServiceLinkedRolePolicyTests {
    static let autoScalingPolicy = "arn:aws:iam::aws:policy/aws-service-role/AutoScalingServiceRolePolicy"

    @Test func creatingTheRoleAttachesTheServicePolicy() async throws {
        let simulator = try makeSimulator()
        try await simulator.run(.createServiceLinkedRole(serviceName: "autoscaling.amazonaws.com", customSuffix: nil, description: nil))
        let attached = try await simulator.run(.listAttachedRolePolicies(roleName: "AWSServiceRoleForAutoScaling"))
        #expect(attached.attributes?["policies"] == .array([.string(Self.autoScalingPolicy)]))
        // The role is the service's: its policies cannot be changed through IAM.
        let detach = await simulator.error(.detachRolePolicy(roleName: "AWSServiceRoleForAutoScaling", policyARN: Self.autoScalingPolicy))
        #expect(detach?.code == .unmodifiableEntity)
    }

    @Test func deletingTheRoleDetachesIt() async throws {
        let simulator = try makeSimulator()
        try await simulator.run(.createServiceLinkedRole(serviceName: "ecs.amazonaws.com", customSuffix: nil, description: nil))
        #expect(await simulator.snapshot.account(account)?.role(named: "AWSServiceRoleForECS")?.attachedPolicies
            == ["arn:aws:iam::aws:policy/aws-service-role/AmazonECSServiceRolePolicy"])
        try await simulator.run(.deleteServiceLinkedRole(roleName: "AWSServiceRoleForECS"))
        #expect(await simulator.snapshot.account(account)?.role(named: "AWSServiceRoleForECS") == nil)
    }

    @Test func aServiceOutsideTheTableGetsTheRoleAlone() async throws {
        let simulator = try makeSimulator()
        try await simulator.run(.createServiceLinkedRole(serviceName: "cloudtrail.amazonaws.com", customSuffix: nil, description: nil))
        let role = await simulator.snapshot.account(account)?.role(named: "AWSServiceRoleForCloudTrail")
        #expect(role != nil)
        #expect(role?.attachedPolicies == [])
    }

    @Test func aServiceRolePolicyCannotBeAttachedToAnythingElse() async throws {
        let simulator = try makeSimulator()
        try await simulator.createUser("u")
        _ = try await simulator.createRole("r")
        let user = await simulator.error(.attachUserPolicy(userName: "u", policyARN: Self.autoScalingPolicy))
        #expect(user?.code == .policyNotAttachable)
        #expect(user?.httpStatus == 400)
        #expect(await simulator.error(.attachRolePolicy(roleName: "r", policyARN: Self.autoScalingPolicy))?.code == .policyNotAttachable)
        #expect(await simulator.error(.putUserPermissionsBoundary(name: "u", policyARN: Self.autoScalingPolicy))?.code == .policyNotAttachable)
    }
}
