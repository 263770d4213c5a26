import Foundation
import IAMConfBackend
import IAMConfCore
import IAMConfEngine
import IAMConfSimulator
import Testing

/// Pins the world file's format: a deterministic simulator (seeded ids, fixed clock) must write
/// exactly this. A change here is a format change: bump `WorldStore.formatVersion` and keep reading
/// the old one.
@Suite struct GoldenWorldTests {
    static let golden = #"""
        {"format":"iamconf-simulator","version":1,"world":{"accounts":{"111111111111":{"alias":"acme","buckets":{},"groups":{"devs":{"arn":"arn:aws:iam::111111111111:group/devs","attachedPolicies":[],"createDate":788918400.0,"inlinePolicies":{},"members":["alice"],"name":"devs","path":"/","uniqueID":"AGPA6KVET535C5ERLISFE"}},"id":"111111111111","instanceProfiles":{},"oidcProviders":{},"policies":{},"roles":{},"samlProviders":{},"users":{"alice":{"accessKeys":[],"arn":"arn:aws:iam::111111111111:user/eng/alice","attachedPolicies":["arn:aws:iam::aws:policy/ReadOnlyAccess"],"createDate":788918400.0,"groups":["devs"],"inlinePolicies":{},"name":"alice","path":"/eng/","tags":[{"key":"team","value":"platform"}],"uniqueID":"AIDABGXEQES5NRCCHD35Y"}}}}}}
        """#

    @Test func deterministicWorldWritesTheGoldenFile() async throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let simulator = try makeSimulator(seed: 1, directory: directory)
        let user = try await simulator.run(.createUser(
            name: "alice", path: "/eng/", tags: [Tag(key: "team", value: "platform")], permissionsBoundary: nil))
        let group = try await simulator.run(.createGroup(name: "devs", path: "/"))
        try await simulator.run(.addUserToGroup(groupName: "devs", userName: "alice"))
        try await simulator.run(.attachUserPolicy(userName: "alice", policyARN: "arn:aws:iam::aws:policy/ReadOnlyAccess"))
        try await simulator.run(.createAccountAlias(alias: "acme"))
        try await simulator.flush()
        let written = try String(contentsOf: directory.appendingPathComponent("simulator.json"), encoding: .utf8)
        #expect(written == Self.golden)
        #expect(user.uniqueID == "AIDABGXEQES5NRCCHD35Y")
        #expect(group.uniqueID == "AGPA6KVET535C5ERLISFE")
        // The same seed gives the same ids on every run, so the ids themselves are pinned too.
        let again = try await makeSimulator(seed: 1).createUser("x")
        #expect(user.uniqueID == again.uniqueID)
    }
}

@Suite struct LimitTests {
    @Test func perAccountEntityQuotasApply() async throws {
        var limits = SimulatorLimits.aws
        limits.usersPerAccount = 2
        let simulator = try IAMSimulator(clock: { fixedDate }, idGenerator: .seeded(1), limits: limits)
        try await simulator.createUser("a")
        try await simulator.createUser("b")
        let third = await simulator.error(.createUser(name: "c", path: "/", tags: [], permissionsBoundary: nil))
        #expect(third == BackendError(.limitExceeded, "Cannot exceed quota for UsersPerAccount: 2.", httpStatus: 409))
        // Another account has its own quota.
        try await simulator.run(.createUser(name: "c", path: "/", tags: [], permissionsBoundary: nil), in: "222222222222")
    }

    @Test func defaultsAreIAMs() {
        let limits = SimulatorLimits.aws
        #expect(limits.usersPerAccount == 5000)
        #expect(limits.groupsPerUser == 10)
        #expect(limits.managedPoliciesPerIdentity == 10)
        #expect(limits.accessKeysPerUser == 2)
        #expect(limits.versionsPerPolicy == 5)
        #expect(SimulatorLimits.unboundedAccounts.usersPerAccount == .max)
        #expect(SimulatorLimits.unboundedAccounts.groupsPerUser == 10)
    }
}
