import Foundation
import IAMConfBackend
import IAMConfCore
import IAMConfEngine
import IAMConfQueryAPI
import Testing

/// Every refresh read against a real moto_server, after creating the object through HTTPBackend:
/// the simulator's attribute keys and shapes, and NoSuchEntity for what does not exist.
/// moto's deviations from AWS are marked with `withKnownIssue`, never expected away.
@Suite(.motoServer, .serialized) struct MotoRefreshReadTests {
    static let caller = "123456789012"
    /// A document with `%`, `+` and a space, which must survive the URL-encoded round trip.
    static let document = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::r-b/100%+a b"}]}"#
    static let trust = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#
    static let readOnly = "arn:aws:iam::aws:policy/ReadOnlyAccess"
    let backend: HTTPBackend

    init() throws {
        let server = try #require(MotoServer.current, "the suite trait starts moto_server")
        backend = try HTTPBackend(HTTPBackend.Configuration(endpoint: server.url, parallelism: 4), environment: [:])
    }

    @discardableResult
    func call(_ request: IAMRequest, in account: String = caller) async throws -> IAMResponse {
        try await backend.perform(request, in: account)
    }

    func read(_ request: IAMRequest, in account: String = caller) async throws -> [String: JSONValue] {
        try #require(try await backend.perform(request, in: account).attributes, "\(request.actionName) has attributes")
    }

    func failure(_ request: IAMRequest, in account: String = caller) async -> BackendError? {
        do {
            _ = try await backend.perform(request, in: account)
            return nil
        } catch {
            return error
        }
    }

    static func isWholeSecondDate(_ value: JSONValue?) -> Bool {
        value?.stringValue?.wholeMatch(of: /20\d\d-\d\d-\d\dT\d\d:\d\d:\d\dZ/) != nil
    }

    @Test func userReads() async throws {
        try await call(.createUser(name: "r-user", path: "/", tags: [], permissionsBoundary: nil))
        try await call(.createGroup(name: "r-devs", path: "/"))
        try await call(.addUserToGroup(groupName: "r-devs", userName: "r-user"))
        let policy = try #require(try await call(.createPolicy(name: "r-pol", path: "/", description: nil, document: Self.document, tags: [])).arn)
        try await call(.attachUserPolicy(userName: "r-user", policyARN: policy))
        try await call(.attachUserPolicy(userName: "r-user", policyARN: Self.readOnly))
        try await call(.putUserPolicy(userName: "r-user", policyName: "r-inline", document: Self.document))
        let first = try #require(try await call(.createAccessKey(userName: "r-user")).accessKeyID)
        let second = try #require(try await call(.createAccessKey(userName: "r-user")).accessKeyID)
        #expect(await failure(.getLoginProfile(userName: "r-user"))?.code == .noSuchEntity)
        try await call(.createLoginProfile(userName: "r-user", passwordResetRequired: true))

        let login = try await read(.getLoginProfile(userName: "r-user"))
        #expect(Set(login.keys) == ["user", "create_date", "password_reset_required"])
        #expect(login["user"] == .string("r-user"))
        #expect(Self.isWholeSecondDate(login["create_date"]))
        // moto's CreateLoginProfile ignores PasswordResetRequired; HTTPBackend repairs it (EndpointQuirks).
        #expect(login["password_reset_required"] == .bool(true))
        let keys = try await read(.listAccessKeys(userName: "r-user"))
        #expect(keys["access_keys"] == .stringList(first, second))
        #expect(keys["statuses"] == .stringMap([first: "Active", second: "Active"]))
        let dates = try #require(keys["create_dates"]?.objectValue)
        #expect(dates.map(\.key) == [first, second])
        #expect(dates.allSatisfy { Self.isWholeSecondDate($0.value) }, "\(dates)")
        #expect(try await read(.listGroupsForUser(userName: "r-user")) == ["groups": .stringList("r-devs")])
        let attached = try await read(.listAttachedUserPolicies(userName: "r-user"))
        #expect(Set(attached["policies"]?.arrayValue?.compactMap(\.stringValue) ?? []) == [policy, Self.readOnly])
        #expect(try await read(.getUserPolicy(userName: "r-user", policyName: "r-inline")) == [
            "entity": .string("r-user"), "name": .string("r-inline"), "document": .string(Self.document),
        ])
    }

    @Test("a missing object is NoSuchEntity", arguments: [
        IAMRequest.getLoginProfile(userName: "r-nobody"), .listAccessKeys(userName: "r-nobody"),
        .listGroupsForUser(userName: "r-nobody"), .listAttachedUserPolicies(userName: "r-nobody"),
        .getUserPolicy(userName: "r-nobody", policyName: "p"), .listAttachedGroupPolicies(groupName: "r-nobody"),
        .getGroupPolicy(groupName: "r-nobody", policyName: "p"), .listAttachedRolePolicies(roleName: "r-nobody"),
        .getRolePolicy(roleName: "r-nobody", policyName: "p"), .getInstanceProfile(name: "r-nobody"),
        .getOpenIDConnectProvider(arn: "arn:aws:iam::123456789012:oidc-provider/nobody.example.com"),
        .getSAMLProvider(arn: "arn:aws:iam::123456789012:saml-provider/r-nobody"),
        .getPolicyVersion(policyARN: "arn:aws:iam::123456789012:policy/r-nobody", versionID: "v1"),
    ])
    func missingObjectIsNoSuchEntity(_ request: IAMRequest) async {
        let error = await failure(request)
        #expect(error?.code == .noSuchEntity, "\(request.actionName): \(String(describing: error))")
        #expect(error?.httpStatus == 404)
    }

    @Test func groupAndRoleReads() async throws {
        try await call(.createGroup(name: "r-group", path: "/"))
        try await call(.attachGroupPolicy(groupName: "r-group", policyARN: Self.readOnly))
        try await call(.putGroupPolicy(groupName: "r-group", policyName: "g-inline", document: Self.document))
        try await call(.createRole(name: "r-role", path: "/", trustPolicy: Self.trust, description: nil, maxSessionDuration: 3600, tags: [], permissionsBoundary: nil))
        try await call(.attachRolePolicy(roleName: "r-role", policyARN: Self.readOnly))
        try await call(.putRolePolicy(roleName: "r-role", policyName: "r-inline", document: Self.document))

        #expect(try await read(.listAttachedGroupPolicies(groupName: "r-group")) == ["policies": .stringList(Self.readOnly)])
        #expect(try await read(.getGroupPolicy(groupName: "r-group", policyName: "g-inline")) == [
            "entity": .string("r-group"), "name": .string("g-inline"), "document": .string(Self.document),
        ])
        #expect(try await read(.listAttachedRolePolicies(roleName: "r-role")) == ["policies": .stringList(Self.readOnly)])
        #expect(try await read(.getRolePolicy(roleName: "r-role", policyName: "r-inline")) == [
            "entity": .string("r-role"), "name": .string("r-inline"), "document": .string(Self.document),
        ])
        #expect(await failure(.getGroupPolicy(groupName: "r-group", policyName: "absent"))?.code == .noSuchEntity)
        #expect(await failure(.getRolePolicy(roleName: "r-role", policyName: "absent"))?.code == .noSuchEntity)
        try await call(.detachRolePolicy(roleName: "r-role", policyARN: Self.readOnly))
        #expect(try await read(.listAttachedRolePolicies(roleName: "r-role")) == ["policies": .array([])])
    }

    @Test func instanceProfile() async throws {
        try await call(.createRole(name: "ip-r-role", path: "/", trustPolicy: Self.trust, description: nil, maxSessionDuration: 3600, tags: [], permissionsBoundary: nil))
        let created = try await call(.createInstanceProfile(name: "ip-r", path: "/srv/", tags: [Tag(key: "k", value: "a+b %")]))
        try await call(.addRoleToInstanceProfile(profileName: "ip-r", roleName: "ip-r-role"))
        let response = try await call(.getInstanceProfile(name: "ip-r"))
        let attributes = try #require(response.attributes)
        #expect(attributes["name"] == .string("ip-r"))
        #expect(attributes["path"] == .string("/srv/"))
        #expect(attributes["arn"] == .string("arn:aws:iam::123456789012:instance-profile/srv/ip-r"))
        #expect(attributes["unique_id"] == created.uniqueID.map(JSONValue.string))
        #expect(Self.isWholeSecondDate(attributes["create_date"]))
        #expect(attributes["tags"] == .stringMap(["k": "a+b %"]))
        #expect(attributes["roles"] == .stringList("ip-r-role"))
        #expect(Set(attributes.keys) == ["name", "path", "arn", "unique_id", "create_date", "tags", "roles"])
        #expect(response.arn == created.arn)
        try await call(.removeRoleFromInstanceProfile(profileName: "ip-r", roleName: "ip-r-role"))
        #expect(try await read(.getInstanceProfile(name: "ip-r"))["roles"] == .array([]))
    }

    @Test func identityProviders() async throws {
        let oidc = try #require(try await call(.createOpenIDConnectProvider(
            url: "https://oidc.r.example.com/tenant", clientIDs: ["sts.amazonaws.com", "app"],
            thumbprints: [String(repeating: "a", count: 40)], tags: [Tag(key: "k", value: "v")])).arn)
        #expect(oidc == "arn:aws:iam::123456789012:oidc-provider/oidc.r.example.com/tenant")
        let provider = try await read(.getOpenIDConnectProvider(arn: oidc))
        #expect(provider["url"] == .string("oidc.r.example.com/tenant"))
        #expect(provider["client_ids"] == .stringList("sts.amazonaws.com", "app"))
        #expect(provider["thumbprints"] == .stringList(String(repeating: "a", count: 40)))
        #expect(provider["tags"] == .stringMap(["k": "v"]))
        #expect(Self.isWholeSecondDate(provider["create_date"]))

        let metadata = #"<EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.r.example.com">"#
            + String(repeating: "<Extension>padding</Extension>", count: 40) + "</EntityDescriptor>"
        let saml = try #require(try await call(.createSAMLProvider(name: "r-idp", metadataDocument: metadata, tags: [Tag(key: "k", value: "v")])).arn)
        let samlRead = try await read(.getSAMLProvider(arn: saml))
        #expect(samlRead["name"] == .string("r-idp"))
        #expect(samlRead["metadata"] == .string(metadata))
        #expect(Self.isWholeSecondDate(samlRead["create_date"]))
        withKnownIssue("moto has no SAML provider tags: CreateSAMLProvider drops Tags, GetSAMLProvider returns none") {
            #expect(samlRead["tags"] == .stringMap(["k": "v"]))
        }
    }

    @Test func policyVersions() async throws {
        let arn = try #require(try await call(.createPolicy(name: "r-versions", path: "/", description: nil, document: Self.document, tags: [])).arn)
        let widened = Self.document.replacingOccurrences(of: "s3:GetObject", with: "s3:*")
        try await call(.createPolicyVersion(policyARN: arn, document: widened, setAsDefault: true))
        #expect(try await read(.getPolicyVersion(policyARN: arn, versionID: "v1")) == [
            "version_id": .string("v1"), "is_default": .bool(false), "document": .string(Self.document),
        ])
        let second = try await call(.getPolicyVersion(policyARN: arn, versionID: "v2"))
        #expect(second.attributes == ["version_id": .string("v2"), "is_default": .bool(true), "document": .string(widened)])
        #expect(second.defaultVersionID == "v2")
        #expect(await failure(.getPolicyVersion(policyARN: arn, versionID: "v9"))?.code == .noSuchEntity)
    }

    /// Account-wide settings, in an account of their own (reached by sts:AssumeRole).
    @Test func passwordPolicyAndAliases() async throws {
        let account = "666666666666"
        let none = await failure(.getAccountPasswordPolicy, in: account)
        #expect(none?.code == .noSuchEntity)
        #expect(none?.message == "The Password Policy with domain name \(account) cannot be found.")
        var policy = PasswordPolicy()
        policy.minimumPasswordLength = 14
        policy.requireSymbols = true
        policy.passwordReusePrevention = 5
        try await call(.updateAccountPasswordPolicy(policy), in: account)
        // moto fills unset flags with false and reports MaxPasswordAge 0, which is "unset" as AWS documents it.
        #expect(try await read(.getAccountPasswordPolicy, in: account) == [
            "minimum_password_length": .number("14"), "require_symbols": .bool(true), "require_numbers": .bool(false),
            "require_uppercase_characters": .bool(false), "require_lowercase_characters": .bool(false),
            "allow_users_to_change_password": .bool(false), "password_reuse_prevention": .number("5"), "hard_expiry": .bool(false),
        ])
        policy.maxPasswordAge = 90
        try await call(.updateAccountPasswordPolicy(policy), in: account)
        #expect(try await read(.getAccountPasswordPolicy, in: account)["max_password_age"] == .number("90"))

        #expect(try await read(.listAccountAliases, in: account) == ["aliases": .array([])])
        try await call(.createAccountAlias(alias: "acme-reads"), in: account)
        #expect(try await read(.listAccountAliases, in: account) == ["aliases": .stringList("acme-reads")])
    }

    @Test func bucketReads() async throws {
        let account = "111111111111"
        try await call(.createBucket(name: "iamconf-reads-bucket"), in: account)
        let head = try await call(.headBucket(name: "iamconf-reads-bucket"), in: account)
        #expect(head.attributes == ["name": .string("iamconf-reads-bucket"), "arn": .string("arn:aws:s3:::iamconf-reads-bucket")])
        let noPolicy = await failure(.getBucketPolicy(bucket: "iamconf-reads-bucket"), in: account)
        #expect(noPolicy?.code == .noSuchEntity)
        #expect(noPolicy?.rawCode == "NoSuchBucketPolicy")
        let policy = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::iamconf-reads-bucket/100%+a b"}]}"#
        try await call(.putBucketPolicy(bucket: "iamconf-reads-bucket", document: policy), in: account)
        #expect(try await read(.getBucketPolicy(bucket: "iamconf-reads-bucket"), in: account) == [
            "bucket": .string("iamconf-reads-bucket"), "document": .string(policy),
        ])

        let missing = await failure(.headBucket(name: "iamconf-reads-missing"), in: account)
        #expect(missing?.code == .noSuchEntity)
        #expect(missing?.httpStatus == 404)
        let missingPolicy = await failure(.getBucketPolicy(bucket: "iamconf-reads-missing"), in: account)
        #expect(missingPolicy?.code == .noSuchEntity)
        #expect(missingPolicy?.rawCode == "NoSuchBucket")
        // AWS answers 403 to HEAD on another account's bucket; moto shares buckets across accounts.
        await withKnownIssue("moto answers HeadBucket with 200 for a bucket of another account (AWS: 403)") {
            #expect(await failure(.headBucket(name: "iamconf-reads-bucket"), in: "222222222222")?.code == .accessDenied)
        }
    }
}
