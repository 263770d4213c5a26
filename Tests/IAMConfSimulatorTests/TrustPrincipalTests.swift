import IAMConfBackend
import IAMConfEngine
import Testing

@testable import IAMConfSimulator

/// IAM refuses a trust policy naming a user or role that does not exist ("Invalid principal in
/// policy"), because it stores the principal's unique ID; principals it cannot look up pass.
@Suite struct TrustPrincipalTests {
    static let other = "222222222222"

    static func trust(_ principal: String) -> String {
        #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"# + principal + #"},"Action":"sts:AssumeRole"}]}"#
    }

    static func create(_ name: String, trusting principal: String) -> IAMRequest {
        .createRole(name: name, path: "/", trustPolicy: trust(principal), description: nil, maxSessionDuration: 3600, tags: [], permissionsBoundary: nil)
    }

    @Test func aMissingUserInAHeldAccountIsRefused() async throws {
        let simulator = try makeSimulator()
        try await simulator.createUser("alice", path: "/eng/")
        _ = try await simulator.run(.createUser(name: "bob", path: "/", tags: [], permissionsBoundary: nil), in: Self.other)

        let missing = "\"arn:aws:iam::\(Self.other):user/nobody\""
        let error = await simulator.error(Self.create("r1", trusting: missing))
        #expect(error?.code == .malformedPolicyDocument)
        #expect(error?.message == "Invalid principal in policy: \"AWS\":\"arn:aws:iam::\(Self.other):user/nobody\"")
        // The path is part of the ARN: alice lives under /eng/.
        #expect(await simulator.error(Self.create("r2", trusting: "\"arn:aws:iam::\(account):user/alice\""))?.code == .malformedPolicyDocument)
        // In a list, one bad principal is enough.
        let list = "[\"arn:aws:iam::\(Self.other):user/bob\", \"arn:aws:iam::\(account):role/ghost\"]"
        #expect(await simulator.error(Self.create("r3", trusting: list))?.message.contains("role/ghost") == true)
        #expect(await simulator.error(.getRole(name: "r1"))?.code == .noSuchEntity)
    }

    @Test func existingAndUncheckablePrincipalsPass() async throws {
        let simulator = try makeSimulator()
        try await simulator.createUser("alice", path: "/eng/")
        _ = try await simulator.run(.createUser(name: "bob", path: "/", tags: [], permissionsBoundary: nil), in: Self.other)
        for (index, principal) in [
            "\"arn:aws:iam::\(Self.other):user/bob\"", "\"arn:aws:iam::\(account):user/eng/alice\"",
            "\"arn:aws:iam::\(Self.other):user/BOB\"",  // names are case-insensitive in IAM
            "\"arn:aws:iam::\(Self.other):root\"", "\"\(Self.other)\"",
            "\"arn:aws:iam::333333333333:user/anyone\"",  // an account this simulator does not hold
        ].enumerated() {
            #expect(await simulator.error(Self.create("ok\(index)", trusting: principal)) == nil, "\(principal)")
        }
    }

    @Test func updatingATrustPolicyIsCheckedToo() async throws {
        let simulator = try makeSimulator()
        try await simulator.createUser("alice")
        _ = try await simulator.run(Self.create("app", trusting: "\"arn:aws:iam::\(account):user/alice\""))
        let update = IAMRequest.updateAssumeRolePolicy(roleName: "app", policyDocument: Self.trust("\"arn:aws:iam::\(account):user/ghost\""))
        #expect(await simulator.error(update)?.code == .malformedPolicyDocument)
        // A role may trust itself once it exists.
        let itself = IAMRequest.updateAssumeRolePolicy(roleName: "app", policyDocument: Self.trust("\"arn:aws:iam::\(account):role/app\""))
        #expect(await simulator.error(itself) == nil)
    }
}
