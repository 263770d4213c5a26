import Foundation
import IAMConfBackend
import IAMConfCore
import IAMConfEngine
import IAMConfSimulator
import Testing

/// IAM behaviours beyond the conformance suite: exact messages, cross-account rules, attributes.
@Suite struct BehaviourTests {
    @Test func messagesReadLikeIAMs() async throws {
        let simulator = try makeSimulator()
        let missing = await simulator.error(.getUser(name: "bob"))
        #expect(missing == BackendError(.noSuchEntity, "The user with name bob cannot be found.", httpStatus: 404))
        try await simulator.createUser("bob")
        let duplicate = await simulator.error(.createUser(name: "BOB", path: "/", tags: [], permissionsBoundary: nil))
        #expect(duplicate?.message == "User with name BOB already exists.")
        #expect(duplicate?.httpStatus == 409)
        let role = await simulator.error(.deleteRole(name: "r"))
        #expect(role?.message == "The role with name r cannot be found.")
        let policy = await simulator.error(.attachUserPolicy(userName: "bob", policyARN: "arn:aws:iam::aws:policy/Nope"))
        #expect(policy?.message == "Policy arn:aws:iam::aws:policy/Nope does not exist or is not attachable.")
    }

    @Test(arguments: ["", "a b", "name/with/slash", "ü"])
    func invalidNamesAreValidationErrors(name: String) async throws {
        let simulator = try makeSimulator()
        let error = await simulator.error(.createUser(name: name, path: "/", tags: [], permissionsBoundary: nil))
        #expect(error?.code == .validationError)
        #expect(error?.message.hasPrefix("1 validation error detected: Value '\(name)' at 'userName'") == true)
    }

    @Test(arguments: ["", "x", "/x", "x/", "/a b/", "/é/"])
    func invalidPathsAreValidationErrors(path: String) async throws {
        let simulator = try makeSimulator()
        #expect(await simulator.error(.createGroup(name: "g", path: path))?.code == .validationError)
    }

    @Test func accountsAreIsolatedButAliasesAndBucketsAreGlobal() async throws {
        let simulator = try makeSimulator()
        try await simulator.createUser("same")
        try await simulator.run(.createUser(name: "same", path: "/", tags: [], permissionsBoundary: nil), in: "222222222222")
        try await simulator.run(.createAccountAlias(alias: "acme"))
        #expect(await simulator.error(.createAccountAlias(alias: "acme"), in: "222222222222")?.code == .entityAlreadyExists)
        try await simulator.run(.createBucket(name: "shared-reports"))
        let taken = await simulator.error(.createBucket(name: "shared-reports"), in: "222222222222")
        #expect(taken?.rawCode == "BucketAlreadyExists")
        #expect(await simulator.error(.createBucket(name: "shared-reports"))?.rawCode == "BucketAlreadyOwnedByYou")
        let foreign = await simulator.error(.deleteBucket(name: "shared-reports"), in: "222222222222")
        #expect(foreign?.code == .accessDenied)
        #expect(await simulator.error(.getUser(name: "x"), in: "12345")?.code == .invalidInput)
    }

    @Test func customerPoliciesOfAnotherAccountCannotBeAttached() async throws {
        let simulator = try makeSimulator()
        try await simulator.run(.createPolicy(name: "p", path: "/", description: nil, document: allowRead, tags: []), in: "222222222222")
        try await simulator.createUser("u")
        let error = await simulator.error(.attachUserPolicy(userName: "u", policyARN: "arn:aws:iam::222222222222:policy/p"))
        #expect(error?.code == .noSuchEntity)
    }

    @Test func injectedCatalogDecidesWhichAWSManagedPoliciesExist() async throws {
        let simulator = try IAMSimulator(idGenerator: .seeded(1), isAWSManagedPolicy: { $0.hasSuffix("/Known") })
        try await simulator.createUser("u")
        try await simulator.run(.attachUserPolicy(userName: "u", policyARN: "arn:aws:iam::aws:policy/Known"))
        #expect(await simulator.error(.attachUserPolicy(userName: "u", policyARN: "arn:aws:iam::aws:policy/ReadOnlyAccess"))?.code == .noSuchEntity)
        let read = try await simulator.run(.getPolicy(arn: "arn:aws:iam::aws:policy/service-role/Known"))
        #expect(read.attributes?["path"] == .string("/service-role/"))
        #expect(read.attributes?["name"] == .string("Known"))
        #expect(await simulator.error(.deletePolicy(arn: "arn:aws:iam::aws:policy/Known"))?.code == .accessDenied)
    }

    @Test func catalogLookupAnswersWithVersionAndDocument() async throws {
        let simulator = try IAMSimulator(idGenerator: .seeded(1), awsManagedPolicy: { arn in
            arn == "arn:aws:iam::aws:policy/ReadOnlyAccess" ? AWSManagedPolicyInfo(defaultVersionID: "v118", document: allowRead) : nil
        })
        let read = try await simulator.run(.getPolicy(arn: "arn:aws:iam::aws:policy/ReadOnlyAccess"))
        #expect(read.defaultVersionID == "v118")
        #expect(read.attributes?["default_version_id"] == .string("v118"))
        #expect(read.attributes?["document"] == .string(allowRead))
        #expect(await simulator.error(.getPolicy(arn: "arn:aws:iam::aws:policy/AdministratorAccess"))?.code == .noSuchEntity)
    }

    @Test func versionIDsKeepCountingAfterDeletion() async throws {
        let simulator = try makeSimulator()
        let arn = "arn:aws:iam::111111111111:policy/p"
        try await simulator.run(.createPolicy(name: "p", path: "/", description: nil, document: allowRead, tags: []))
        for _ in 0..<4 { try await simulator.run(.createPolicyVersion(policyARN: arn, document: allowRead, setAsDefault: false)) }
        let limit = await simulator.error(.createPolicyVersion(policyARN: arn, document: allowRead, setAsDefault: false))
        #expect(limit?.code == .limitExceeded)
        try await simulator.run(.deletePolicyVersion(policyARN: arn, versionID: "v3"))
        let created = try await simulator.run(.createPolicyVersion(policyARN: arn, document: allowRead, setAsDefault: true))
        #expect(created.name == "v6")
        #expect(created.defaultVersionID == "v6")
        let listed = try await simulator.run(.listPolicyVersions(policyARN: arn)).versions?.map(\.versionID)
        #expect(listed == ["v1", "v2", "v4", "v5", "v6"])
    }

    @Test func serviceLinkedRolesAreOnlyModifiableByTheirService() async throws {
        let simulator = try makeSimulator()
        let name = try #require(try await simulator.run(.createServiceLinkedRole(
            serviceName: "elasticloadbalancing.amazonaws.com", customSuffix: nil, description: nil)).name)
        #expect(name == "AWSServiceRoleForElasticLoadBalancing")
        for request: IAMRequest in [
            .deleteRole(name: name), .updateAssumeRolePolicy(roleName: name, policyDocument: trustEC2),
            .attachRolePolicy(roleName: name, policyARN: "arn:aws:iam::aws:policy/ReadOnlyAccess"),
            .putRolePermissionsBoundary(name: name, policyARN: "arn:aws:iam::aws:policy/ReadOnlyAccess"),
        ] {
            #expect(await simulator.error(request)?.code == .unmodifiableEntity, "\(request.actionName)")
        }
        try await simulator.createRole("plain")
        #expect(await simulator.error(.deleteServiceLinkedRole(roleName: "plain"))?.code == .invalidInput)
        try await simulator.run(.deleteServiceLinkedRole(roleName: name))
        #expect(await simulator.error(.getRole(name: name))?.code == .noSuchEntity)
    }

    @Test func inlinePolicySizeIsCountedPerIdentity() async throws {
        let simulator = try makeSimulator()
        try await simulator.createUser("u")
        let resources = (0..<40).map { "\"arn:aws:s3:::bucket-number-\($0)/*\"" }.joined(separator: ",")
        let document = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":["# + resources + "]}]}"
        try await simulator.run(.putUserPolicy(userName: "u", policyName: "a", document: document))
        let second = await simulator.error(.putUserPolicy(userName: "u", policyName: "b", document: document))
        #expect(second == BackendError(.limitExceeded, "Maximum policy size of 2048 bytes exceeded for user u", httpStatus: 409))
        // Replacing the same policy does not count it twice.
        try await simulator.run(.putUserPolicy(userName: "u", policyName: "a", document: document))
    }

    @Test func tagsAreLimitedToFiftyPerResource() async throws {
        let simulator = try makeSimulator()
        try await simulator.createUser("u")
        try await simulator.run(.tagUser(name: "u", tags: (0..<50).map { Tag(key: "k\($0)", value: "v") }))
        try await simulator.run(.tagUser(name: "u", tags: [Tag(key: "K0", value: "replaced")]))
        #expect(await simulator.error(.tagUser(name: "u", tags: [Tag(key: "new", value: "v")]))?.code == .limitExceeded)
        #expect(await simulator.error(.tagUser(name: "u", tags: [Tag(key: "aws:x", value: "v")]))?.code == .invalidInput)
        let tags = await simulator.snapshot.account(account)?.user(named: "u")?.tags
        #expect(tags?.first == StoredTag(key: "K0", value: "replaced"))
    }

    @Test func readsReturnThePlannersAttributes() async throws {
        let simulator = try makeSimulator()
        try await simulator.run(.createUser(
            name: "alice", path: "/eng/", tags: [Tag(key: "team", value: "platform")],
            permissionsBoundary: "arn:aws:iam::aws:policy/ReadOnlyAccess"))
        try await simulator.run(.createGroup(name: "devs", path: "/"))
        try await simulator.run(.addUserToGroup(groupName: "devs", userName: "alice"))
        try await simulator.run(.putUserPolicy(userName: "alice", policyName: "inline", document: allowRead))
        try await simulator.run(.createLoginProfile(userName: "alice", passwordResetRequired: true))
        // Typed values, not JSON text in strings: a reader never parses what the simulator wrote.
        let user = try #require(try await simulator.run(.getUser(name: "alice")).attributes)
        #expect(user == [
            "name": .string("alice"), "path": .string("/eng/"), "arn": .string("arn:aws:iam::111111111111:user/eng/alice"),
            "unique_id": user["unique_id"] ?? .null, "create_date": .string("2026-01-01T00:00:00Z"),
            "tags": .object([(key: "team", value: .string("platform"))]),
            "groups": .array([.string("devs")]), "policies": .array([]), "inline_policies": .array([.string("inline")]),
            "access_keys": .array([]), "login_profile": .bool(true), "password_reset_required": .bool(true),
            "permissions_boundary": .string("arn:aws:iam::aws:policy/ReadOnlyAccess"),
        ])
        #expect(user["unique_id"]?.stringValue?.hasPrefix("AIDA") == true)
        try await simulator.run(.createRole(
            name: "app", path: "/", trustPolicy: trustEC2, description: "d", maxSessionDuration: 7200, tags: [], permissionsBoundary: nil))
        let role = try #require(try await simulator.run(.getRole(name: "app")).attributes)
        #expect(role["trust_policy"] == .string(trustEC2))
        #expect(role["max_session_duration"] == .number("7200"))
        #expect(role["description"] == .string("d"))
        try await simulator.run(.createPolicy(name: "p", path: "/", description: nil, document: allowRead, tags: []))
        let policy = try #require(try await simulator.run(.getPolicy(arn: "arn:aws:iam::111111111111:policy/p")).attributes)
        #expect(policy["document"] == .string(allowRead))
        #expect(policy["default_version_id"] == .string("v1"))
        #expect(policy["attachment_count"] == .number("0"))
        #expect(policy["aws_managed"] == .bool(false))
        #expect(policy["description"] == nil)
    }

    @Test func readsInUnknownAccountsCreateNothing() async throws {
        let simulator = try makeSimulator()
        #expect(await simulator.error(.getUser(name: "u"), in: "333333333333")?.code == .noSuchEntity)
        #expect(await simulator.error(.deleteUser(name: "u"), in: "333333333333")?.code == .noSuchEntity)
        #expect(await simulator.snapshot.accounts.isEmpty)
    }
}

/// Policy grammar errors come back as `MalformedPolicyDocument` in IAM's words.
@Suite struct PolicyDocumentTests {
    @Test(arguments: [
        ("not json", "Syntax errors in policy."),
        (#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Resource":"*"}]}"#, "Policy statement must contain actions."),
        (#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*"}]}"#, "Policy statement must contain resources."),
        (trustEC2, "Policy document should not specify a principal."),
        (#"{"Version":"2020-01-01","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}"#, "The policy failed legacy parsing"),
    ])
    func identityPolicyErrorsUseIAMsMessages(document: String, message: String) async throws {
        let simulator = try makeSimulator()
        let error = await simulator.error(.createPolicy(name: "p", path: "/", description: nil, document: document, tags: []))
        #expect(error == BackendError(.malformedPolicyDocument, message, httpStatus: 400))
    }

    @Test func trustPoliciesNeedAPrincipalAndNoResource() async throws {
        let simulator = try makeSimulator()
        let withResource = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole","Resource":"*"}]}"#
        let create = { (trust: String) -> IAMRequest in
            .createRole(name: "r", path: "/", trustPolicy: trust, description: nil, maxSessionDuration: 3600, tags: [], permissionsBoundary: nil)
        }
        #expect(await simulator.error(create(withResource))?.message == "Has prohibited field Resource")
        #expect(await simulator.error(create(allowRead))?.message == "Missing required field Principal")
        #expect(await simulator.error(create(trustEC2)) == nil)
    }

    @Test func sizeIgnoresWhitespaceOutsideStrings() async throws {
        let simulator = try makeSimulator()
        let padded = allowRead.replacingOccurrences(of: ",", with: ",\n" + String(repeating: " ", count: 7000))
        try await simulator.run(.createPolicy(name: "p", path: "/", description: nil, document: padded, tags: []))
        let document = await simulator.snapshot.account(account)?.policies["p"]?.defaultDocument
        #expect(document == padded, "documents are stored exactly as given")
    }
}

/// The snapshot gathers what applies to each principal, for the policy engine.
@Suite struct WorldSnapshotTests {
    @Test func userPoliciesIncludeTheirGroupsAndBoundary() async throws {
        let simulator = try makeSimulator()
        let customer = "arn:aws:iam::111111111111:policy/team/Read"
        try await simulator.run(.createPolicy(name: "Read", path: "/team/", description: nil, document: allowRead, tags: []))
        try await simulator.run(.createUser(name: "alice", path: "/", tags: [], permissionsBoundary: customer))
        try await simulator.run(.putUserPolicy(userName: "alice", policyName: "Own", document: allowRead))
        try await simulator.run(.createGroup(name: "devs", path: "/"))
        try await simulator.run(.addUserToGroup(groupName: "devs", userName: "alice"))
        try await simulator.run(.attachGroupPolicy(groupName: "devs", policyARN: customer))
        try await simulator.run(.attachGroupPolicy(groupName: "devs", policyARN: "arn:aws:iam::aws:policy/ReadOnlyAccess"))
        let world = await simulator.snapshot
        let account = try #require(world.account("111111111111"))
        let policies = try #require(account.identityPolicies(ofUser: "ALICE"))
        #expect(policies.map(\.id) == ["user/alice/inline/Own", customer, "arn:aws:iam::aws:policy/ReadOnlyAccess"])
        #expect(policies.map(\.document) == [allowRead, allowRead, nil])
        #expect(account.permissionsBoundary(ofUser: "alice")?.document == allowRead)
        #expect(account.identityPolicies(ofUser: "nobody") == nil)
        try await simulator.createRole("app")
        #expect(await simulator.snapshot.account(account.id)?.role(named: "app")?.trustPolicy == trustEC2)
    }
}

/// The applier performs calls concurrently; the actor keeps IAM's rules under that.
@Suite struct ConcurrencyTests {
    @Test func concurrentCreatesOfOneNameSucceedOnce() async throws {
        let simulator = try makeSimulator()
        let outcomes = await withTaskGroup(of: BackendError.Code?.self) { group in
            for index in 0..<50 {
                group.addTask {
                    let name = index.isMultiple(of: 2) ? "shared" : "SHARED"
                    return await simulator.error(.createUser(name: name, path: "/", tags: [], permissionsBoundary: nil))?.code
                }
            }
            var collected: [BackendError.Code?] = []
            for await outcome in group { collected.append(outcome) }
            return collected
        }
        #expect(outcomes.filter { $0 == nil }.count == 1)
        #expect(outcomes.filter { $0 == .entityAlreadyExists }.count == 49)
    }

    @Test func concurrentMembershipsAllLand() async throws {
        let simulator = try makeSimulator()
        try await simulator.run(.createGroup(name: "all", path: "/"))
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<40 {
                group.addTask {
                    try await simulator.createUser("u\(index)")
                    try await simulator.run(.addUserToGroup(groupName: "all", userName: "u\(index)"))
                }
            }
            try await group.waitForAll()
        }
        #expect(await simulator.snapshot.account(account)?.group(named: "all")?.members.count == 40)
    }
}

@Suite struct PolicyMessageTests {
    @Test(arguments: [
        (#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"bucket"}]}"#,
         #"Resource bucket must be in ARN format or "*"."#),
        (#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"GetObject","Resource":"*"}]}"#,
         "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc."),
        (#"{"Version":"2012-10-17","Statement":[{"Sid":"A","Effect":"Allow","Action":"s3:*","Resource":"*"},{"Sid":"A","Effect":"Deny","Action":"s3:*","Resource":"*"}]}"#,
         "Statement IDs (SID) in a single policy must be unique."),
    ])
    func grammarErrorsUseIAMsMessages(document: String, message: String) async throws {
        let simulator = try makeSimulator()
        try await simulator.createUser("u")
        let error = await simulator.error(.putUserPolicy(userName: "u", policyName: "p", document: document))
        #expect(error?.code == .malformedPolicyDocument)
        #expect(error?.message == message)
    }

    @Test func trustPoliciesOnlyGrantRoleAssumption() async throws {
        let simulator = try makeSimulator()
        let trust = { (action: String) in
            #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"\#(action)"}]}"#
        }
        try await simulator.createRole("r")
        for allowed in ["sts:AssumeRole", "sts:TagSession", "sts:AssumeRoleWithWebIdentity", "sts:AssumeRole*"] {
            #expect(await simulator.error(.updateAssumeRolePolicy(roleName: "r", policyDocument: trust(allowed))) == nil, "\(allowed)")
        }
        let refused = await simulator.error(.updateAssumeRolePolicy(roleName: "r", policyDocument: trust("s3:GetObject")))
        #expect(refused?.code == .malformedPolicyDocument)
        #expect(refused?.message.hasPrefix("Trust Policy statement actions can only be sts:AssumeRole") == true)
    }
}
