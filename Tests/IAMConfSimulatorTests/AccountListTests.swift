import IAMConfBackend
import IAMConfCore
import IAMConfSimulator
import Testing

/// The simulator's account-wide lists, and what AWS owns among what they list.
@Suite struct AccountListTests {
    static let account = "111111111111"

    @Test func listsNameEverythingAndMarkNothingAsAWSOwnedButAWSsOwn() async throws {
        let simulator = try IAMSimulator(idGenerator: .seeded(3))
        for request: IAMRequest in [
            .createUser(name: "bob", path: "/", tags: [], permissionsBoundary: nil),
            .createUser(name: "alice", path: "/eng/", tags: [], permissionsBoundary: nil),
            .createServiceLinkedRole(serviceName: "autoscaling.amazonaws.com", customSuffix: nil, description: nil),
            .createPolicy(name: "Mine", path: "/", description: nil,
                          document: #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}"#, tags: []),
            .attachUserPolicy(userName: "bob", policyARN: "arn:aws:iam::aws:policy/ReadOnlyAccess"),
            .putUserPolicy(userName: "bob", policyName: "Own",
                           document: #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:GetUser","Resource":"*"}]}"#),
        ] {
            _ = try await simulator.perform(request, in: Self.account)
        }
        let users = try await simulator.perform(.listUsers, in: Self.account).attributes
        #expect(users?["users"] == .array([.string("alice"), .string("bob")]))
        #expect(users?["paths"]?.objectValue?.first { $0.key == "alice" }?.value == .string("/eng/"))
        let roles = try await simulator.perform(.listRoles, in: Self.account).attributes
        let paths = roles?["paths"]?.objectValue ?? []
        #expect(paths.count == 1 && paths.allSatisfy { AWSOwned.isRole(path: $0.value.stringValue ?? "") })
        let policies = try await simulator.perform(.listPolicies(scope: "Local"), in: Self.account).attributes
        #expect(policies?["policies"] == .array([.string("arn:aws:iam::111111111111:policy/Mine")]))
        let inline = try await simulator.perform(.listUserPolicies(userName: "bob"), in: Self.account).attributes
        #expect(inline?["policies"] == .array([.string("Own")]))
        await #expect(throws: BackendError.self) { _ = try await simulator.perform(.listUserPolicies(userName: "nobody"), in: Self.account) }
        await #expect(throws: BackendError.self) { _ = try await simulator.perform(.listPolicies(scope: "AWS"), in: Self.account) }
    }

    @Test func awsOwned() {
        #expect(AWSOwned.isRole(path: "/aws-service-role/autoscaling.amazonaws.com/"))
        #expect(AWSOwned.isRole(path: "/aws-reserved/sso.amazonaws.com/"))
        #expect(!AWSOwned.isRole(path: "/"))
        #expect(!AWSOwned.isRole(path: "/aws-services/"))
        #expect(AWSOwned.isPolicy(arn: "arn:aws:iam::aws:policy/AdministratorAccess"))
        #expect(AWSOwned.isPolicy(arn: "arn:aws:iam::aws:policy/aws-service-role/AWSSupportServiceRolePolicy"))
        #expect(AWSOwned.isPolicy(arn: "arn:aws-cn:iam::aws:policy/ReadOnlyAccess"))
        #expect(!AWSOwned.isPolicy(arn: "arn:aws:iam::111111111111:policy/aws"))
    }
}
