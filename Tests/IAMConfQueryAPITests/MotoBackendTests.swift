import Foundation
import IAMConfBackend
import IAMConfCore
import IAMConfEngine
import IAMConfQueryAPI
import Testing

/// HTTPBackend against a real moto_server (never a mock): IAM behaviour, errors, accounts.
@Suite(.motoServer, .serialized) struct MotoBackendTests {
    static let caller = "123456789012"
    let backend: HTTPBackend

    init() throws {
        let server = try #require(MotoServer.current, "the suite trait starts moto_server")
        backend = try HTTPBackend(HTTPBackend.Configuration(endpoint: server.url, parallelism: 4), environment: [:])
    }

    @discardableResult
    func call(_ request: IAMRequest, in account: String = caller) async throws -> IAMResponse {
        try await backend.perform(request, in: account)
    }

    /// Performs `request` and returns the error code it fails with (`nil` if it succeeds).
    func failure(_ request: IAMRequest, in account: String = caller) async -> BackendError? {
        do {
            _ = try await backend.perform(request, in: account)
            return nil
        } catch {
            return error
        }
    }

    @Test func userLifecycle() async throws {
        let created = try await call(.createUser(name: "u-life", path: "/eng/", tags: [Tag(key: "team", value: "a+b %")], permissionsBoundary: nil))
        #expect(created.arn == "arn:aws:iam::123456789012:user/eng/u-life")
        #expect(created.uniqueID?.isEmpty == false)  // AWS: AIDA…/AGPA…; moto: 20 random characters
        #expect(created.createDate != nil)
        let read = try await call(.getUser(name: "u-life"))
        #expect(read.attributes?["path"] == .string("/eng/"))
        #expect(read.attributes?["tags"] == .stringMap(["team": "a+b %"]))
        #expect(read.arn == created.arn)
        try await call(.updateUser(name: "u-life", newPath: "/ops/"))
        #expect(try await call(.getUser(name: "u-life")).attributes?["path"] == .string("/ops/"))
        #expect(await failure(.createUser(name: "u-life", path: "/", tags: [], permissionsBoundary: nil))?.code == .entityAlreadyExists)
        try await call(.deleteUser(name: "u-life"))
        let missing = await failure(.getUser(name: "u-life"))
        #expect(missing?.code == .noSuchEntity)
        #expect(missing?.httpStatus == 404)
    }

    @Test func groupsAndMemberships() async throws {
        try await call(.createUser(name: "g-alice", path: "/", tags: [], permissionsBoundary: nil))
        let group = try await call(.createGroup(name: "g-devs", path: "/teams/"))
        #expect(group.arn == "arn:aws:iam::123456789012:group/teams/g-devs")
        #expect(group.uniqueID?.isEmpty == false)  // AWS: AIDA…/AGPA…; moto: 20 random characters
        try await call(.addUserToGroup(groupName: "g-devs", userName: "g-alice"))
        #expect(try await call(.getGroup(name: "g-devs")).attributes?["members"] == .stringList("g-alice"))
        try await call(.removeUserFromGroup(groupName: "g-devs", userName: "g-alice"))
        #expect(try await call(.getGroup(name: "g-devs")).attributes?["members"] == .array([]))
        #expect(await failure(.addUserToGroup(groupName: "g-devs", userName: "nobody"))?.code == .noSuchEntity)
        try await call(.deleteGroup(name: "g-devs"))
        try await call(.deleteUser(name: "g-alice"))
        #expect(await failure(.getGroup(name: "g-devs"))?.code == .noSuchEntity)
    }

    /// The trust policy goes out form-encoded and comes back URL-encoded; `%` and `+` must survive.
    @Test func roleTrustPolicyRoundTrip() async throws {
        let trust = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"100%+a b&c=d"}}}]}"#
        let created = try await call(.createRole(name: "r-trust", path: "/", trustPolicy: trust, description: "d+e", maxSessionDuration: 7200, tags: [Tag(key: "k", value: "v")], permissionsBoundary: nil))
        #expect(created.arn == "arn:aws:iam::123456789012:role/r-trust")
        #expect(created.uniqueID?.isEmpty == false)  // AWS: AIDA…/AGPA…; moto: 20 random characters
        let read = try await call(.getRole(name: "r-trust"))
        #expect(read.attributes?["trust_policy"] == .string(trust))
        #expect(read.attributes?["description"] == .string("d+e"))
        #expect(read.attributes?["max_session_duration"] == .number("7200"))
        let updated = trust.replacingOccurrences(of: "100%+a b&c=d", with: "50%+")
        try await call(.updateAssumeRolePolicy(roleName: "r-trust", policyDocument: updated))
        #expect(try await call(.getRole(name: "r-trust")).attributes?["trust_policy"] == .string(updated))
        try await call(.updateRole(name: "r-trust", description: "new", maxSessionDuration: 3600))
        #expect(try await call(.getRole(name: "r-trust")).attributes?["description"] == .string("new"))
        try await call(.deleteRole(name: "r-trust"))
    }

    @Test func managedPolicyVersions() async throws {
        let v1 = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}"#
        let policy = try await call(.createPolicy(name: "p-ver", path: "/", description: "test", document: v1, tags: []))
        let arn = try #require(policy.arn)
        #expect(arn == "arn:aws:iam::123456789012:policy/p-ver")
        #expect(policy.defaultVersionID == "v1")
        #expect(policy.uniqueID?.isEmpty == false)  // AWS: AIDA…/AGPA…; moto: 20 random characters
        let v2 = try await call(.createPolicyVersion(policyARN: arn, document: v1, setAsDefault: true))
        #expect(v2.defaultVersionID == "v2")
        let v3 = try await call(.createPolicyVersion(policyARN: arn, document: v1, setAsDefault: false))
        #expect(v3.defaultVersionID == "v2")
        #expect(v3.versions?.first?.versionID == "v3")
        try await call(.createPolicyVersion(policyARN: arn, document: v1, setAsDefault: false))
        try await call(.createPolicyVersion(policyARN: arn, document: v1, setAsDefault: false))
        let limit = await failure(.createPolicyVersion(policyARN: arn, document: v1, setAsDefault: false))
        #expect(limit?.code == .limitExceeded)
        let listed = try await call(.listPolicyVersions(policyARN: arn))
        #expect(listed.versions?.map(\.versionID) == ["v1", "v2", "v3", "v4", "v5"])
        #expect(listed.defaultVersionID == "v2")
        #expect(await failure(.deletePolicyVersion(policyARN: arn, versionID: "v2"))?.code == .deleteConflict)
        try await call(.deletePolicyVersion(policyARN: arn, versionID: "v1"))
        #expect(try await call(.getPolicy(arn: arn)).attributes?["default_version_id"] == .string("v2"))
        let malformed = await failure(.createPolicy(name: "p-bad", path: "/", description: nil, document: #"{"Statement":[]}"#, tags: []))
        #expect(malformed?.code == .malformedPolicyDocument)
        try await call(.deletePolicy(arn: arn))
    }

    @Test func attachmentsAndInlinePolicies() async throws {
        let document = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::a%+b/*"}]}"#
        try await call(.createUser(name: "a-user", path: "/", tags: [], permissionsBoundary: nil))
        let awsManaged = "arn:aws:iam::aws:policy/ReadOnlyAccess"
        try await call(.attachUserPolicy(userName: "a-user", policyARN: awsManaged))
        #expect(await failure(.deleteUser(name: "a-user"))?.code == .deleteConflict)
        try await call(.detachUserPolicy(userName: "a-user", policyARN: awsManaged))
        #expect(await failure(.detachUserPolicy(userName: "a-user", policyARN: awsManaged))?.code == .noSuchEntity)
        try await call(.putUserPolicy(userName: "a-user", policyName: "inline", document: document))
        #expect(await failure(.putUserPolicy(userName: "a-user", policyName: "bad", document: "not json"))?.code == .malformedPolicyDocument)
        #expect(await failure(.deleteUser(name: "a-user"))?.code == .deleteConflict)
        try await call(.deleteUserPolicy(userName: "a-user", policyName: "inline"))
        #expect(await failure(.deleteUserPolicy(userName: "a-user", policyName: "inline"))?.code == .noSuchEntity)
        try await call(.createRole(name: "a-role", path: "/", trustPolicy: #"{"Version":"2012-10-17","Statement":[]}"#, description: nil, maxSessionDuration: 3600, tags: [], permissionsBoundary: nil))
        try await call(.attachRolePolicy(roleName: "a-role", policyARN: awsManaged))
        try await call(.putRolePolicy(roleName: "a-role", policyName: "inline", document: document))
        #expect(await failure(.deleteRole(name: "a-role"))?.code == .deleteConflict)
        try await call(.detachRolePolicy(roleName: "a-role", policyARN: awsManaged))
        try await call(.deleteRolePolicy(roleName: "a-role", policyName: "inline"))
        try await call(.deleteRole(name: "a-role"))
        try await call(.deleteUser(name: "a-user"))
    }

    @Test func instanceProfiles() async throws {
        let trust = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#
        for name in ["ip-role1", "ip-role2"] {
            try await call(.createRole(name: name, path: "/", trustPolicy: trust, description: nil, maxSessionDuration: 3600, tags: [], permissionsBoundary: nil))
        }
        let profile = try await call(.createInstanceProfile(name: "ip-web", path: "/", tags: []))
        #expect(profile.arn == "arn:aws:iam::123456789012:instance-profile/ip-web")
        #expect(profile.uniqueID?.isEmpty == false)  // AWS: AIDA…/AGPA…; moto: 20 random characters
        try await call(.addRoleToInstanceProfile(profileName: "ip-web", roleName: "ip-role1"))
        #expect(await failure(.addRoleToInstanceProfile(profileName: "ip-web", roleName: "ip-role2"))?.code == .limitExceeded)
        #expect(await failure(.deleteRole(name: "ip-role1"))?.code == .deleteConflict)
        #expect(await failure(.deleteInstanceProfile(name: "ip-web"))?.code == .deleteConflict)
        try await call(.removeRoleFromInstanceProfile(profileName: "ip-web", roleName: "ip-role1"))
        try await call(.deleteInstanceProfile(name: "ip-web"))
        for name in ["ip-role1", "ip-role2"] { try await call(.deleteRole(name: name)) }
    }

    @Test func openIDConnectProvider() async throws {
        let request = IAMRequest.createOpenIDConnectProvider(
            url: "https://token.actions.githubusercontent.com", clientIDs: ["sts.amazonaws.com"],
            thumbprints: ["6938fd4d98bab03faadb97b34396831e3780aea1"], tags: [Tag(key: "k", value: "v")])
        let created = try await call(request)
        let arn = try #require(created.arn)
        #expect(arn == "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com")
        #expect(await failure(request)?.code == .entityAlreadyExists)
        try await call(.updateOpenIDConnectProviderThumbprint(arn: arn, thumbprints: [String(repeating: "a", count: 40)]))
        try await call(.deleteOpenIDConnectProvider(arn: arn))
        await withKnownIssue("moto deletes a missing OIDC provider silently; AWS answers NoSuchEntity") {
            #expect(await failure(.deleteOpenIDConnectProvider(arn: arn))?.code == .noSuchEntity)
        }
    }

    @Test func accessKeysAndLoginProfile() async throws {
        try await call(.createUser(name: "k-user", path: "/", tags: [], permissionsBoundary: nil))
        let key = try await call(.createAccessKey(userName: "k-user"))
        let keyID = try #require(key.accessKeyID)
        #expect(keyID.hasPrefix("AKIA"))
        #expect((key.secretAccessKey?.count ?? 0) >= 40)
        let login = try await call(.createLoginProfile(userName: "k-user", passwordResetRequired: true))
        #expect(login.password?.count == 24)
        try await call(.deleteLoginProfile(userName: "k-user"))
        try await call(.deleteAccessKey(userName: "k-user", accessKeyID: keyID))
        try await call(.deleteUser(name: "k-user"))
    }

    /// moto answers an unimplemented action with an HTML 500 page.
    @Test func unimplementedActionIsUnsupported() async throws {
        try await call(.createUser(name: "b-user", path: "/", tags: [], permissionsBoundary: nil))
        let error = await failure(.putUserPermissionsBoundary(name: "b-user", policyARN: "arn:aws:iam::aws:policy/ReadOnlyAccess"))
        #expect(error?.code == .unsupported)
        #expect(error?.message == "the endpoint does not support PutUserPermissionsBoundary")
        #expect(error?.isTransient == false)
        try await call(.deleteUser(name: "b-user"))
    }

    /// Buckets go to moto's S3 REST API, path-style, signed for service s3.
    @Test func bucketWithPolicy() async throws {
        let created = try await call(.createBucket(name: "iamconf-bucket-test"), in: "111111111111")
        #expect(created.arn == "arn:aws:s3:::iamconf-bucket-test")
        let policy = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::iamconf-bucket-test/*"}]}"#
        try await call(.putBucketPolicy(bucket: "iamconf-bucket-test", document: policy), in: "111111111111")
        try await call(.deleteBucketPolicy(bucket: "iamconf-bucket-test"), in: "111111111111")
        try await call(.deleteBucket(name: "iamconf-bucket-test"), in: "111111111111")
        #expect(await failure(.deleteBucket(name: "iamconf-bucket-test"), in: "111111111111")?.code == .noSuchEntity)
        #expect(await failure(.putBucketPolicy(bucket: "iamconf-no-bucket", document: policy), in: "111111111111")?.code == .noSuchEntity)
    }

    /// The same user name in two accounts, reached by sts:AssumeRole into each account's role.
    @Test func accountsAreIsolated() async throws {
        let first = try await call(.createUser(name: "shared", path: "/", tags: [], permissionsBoundary: nil), in: "111111111111")
        let second = try await call(.createUser(name: "shared", path: "/", tags: [], permissionsBoundary: nil), in: "222222222222")
        #expect(first.arn == "arn:aws:iam::111111111111:user/shared")
        #expect(second.arn == "arn:aws:iam::222222222222:user/shared")
        #expect(first.uniqueID != second.uniqueID)
        #expect(await failure(.getUser(name: "shared"))?.code == .noSuchEntity)
        try await call(.deleteUser(name: "shared"), in: "111111111111")
        #expect(try await call(.getUser(name: "shared"), in: "222222222222").arn == second.arn)
        #expect(await failure(.getUser(name: "shared"), in: "111111111111")?.code == .noSuchEntity)
        #expect(backend.accessRoleARN(for: "111111111111") == "arn:aws:iam::111111111111:role/OrganizationAccountAccessRole")
        #expect(await failure(.getUser(name: "x"), in: "12345")?.code == .invalidInput)
    }

    /// Parallel calls in an assumed-role account (the path where moto's rare HTML-500 race lives).
    @Test func parallelCreatesAllSucceed() async throws {
        let account = "333333333333"
        try await withThrowingTaskGroup(of: IAMResponse.self) { group in
            for index in 0..<40 {
                group.addTask { try await backend.perform(.createUser(name: "par-\(index)", path: "/", tags: [], permissionsBoundary: nil), in: account) }
            }
            var arns = Set<String>()
            for try await response in group { arns.insert(response.arn ?? "") }
            #expect(arns.count == 40)
            #expect(arns.allSatisfy { $0.hasPrefix("arn:aws:iam::333333333333:user/par-") })
        }
    }
}
