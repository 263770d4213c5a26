import Foundation
import IAMConfBackend
import IAMConfCore
import IAMConfEngine
import IAMConfQueryAPI
import Testing

/// The refresh reads decoded from moto_server's recorded answers (Fixtures/moto, captured by
/// capture_reads.py), into the keys and typed values the simulator returns: lists are arrays, tags
/// and maps objects, flags booleans, numbers numbers; never JSON text inside a string.
@Suite struct RefreshReadDecodingTests {
    /// The fixtures' policy document: `%` and `+` inside, which a form-decoder would corrupt.
    static let document = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/100%+a b"}]}"#

    static func root(_ fixture: String, status: Int = 200) throws -> WireElement {
        let data = try FixtureFiles.data("moto/\(fixture)")
        guard case let .success(root) = QueryResponse.classify(status: status, body: data) else {
            throw BackendError(.other, "\(fixture) is not a successful answer")
        }
        return root
    }

    static func decode(_ fixture: String, for request: IAMRequest) throws -> IAMResponse {
        IAMResponseDecoder.decode(try root(fixture), for: request)
    }

    @Test func loginProfile() throws {
        let response = try Self.decode("GetLoginProfile.xml", for: .getLoginProfile(userName: "alice"))
        // moto recorded false although the capture asked for PasswordResetRequired=true (its known deviation).
        #expect(response.attributes == [
            "user": .string("alice"), "create_date": .string("2026-11-29T14:46:36Z"), "password_reset_required": .bool(false),
        ])
        #expect(response.createDate.map { Int($0.timeIntervalSince1970) } == 1_795_963_596)
    }

    @Test func accessKeysWithStatuses() throws {
        let response = try Self.decode("ListAccessKeys.xml", for: .listAccessKeys(userName: "alice"))
        #expect(response.attributes == [
            "access_keys": .stringList("AKIARZPUZDIKIEAYN3BT", "AKIARZPUZDIKD5DQ5S7C"),
            "statuses": .stringMap(["AKIARZPUZDIKIEAYN3BT": "Active", "AKIARZPUZDIKD5DQ5S7C": "Inactive"]),
            "create_dates": .stringMap(["AKIARZPUZDIKIEAYN3BT": "2026-11-29T14:46:37Z", "AKIARZPUZDIKD5DQ5S7C": "2026-11-29T14:46:37Z"]),
        ])
    }

    @Test func groupsAndAttachedPolicies() throws {
        #expect(try Self.decode("ListGroupsForUser.xml", for: .listGroupsForUser(userName: "alice")).attributes == ["groups": .stringList("devs")])
        #expect(
            try Self.decode("ListAttachedUserPolicies.xml", for: .listAttachedUserPolicies(userName: "alice")).attributes
                == ["policies": .stringList("arn:aws:iam::123456789012:policy/reader")])
        #expect(
            try Self.decode("ListAttachedRolePolicies-page3.xml", for: .listAttachedRolePolicies(roleName: "app")).attributes
                == ["policies": .array([])])
    }

    /// Get*Policy documents arrive URL-encoded (`%25`, `%2B`, `%20`); they must decode exactly.
    @Test("inline policies", arguments: [
        ("GetUserPolicy.xml", IAMRequest.getUserPolicy(userName: "alice", policyName: "inline"), "alice"),
        ("GetGroupPolicy.xml", .getGroupPolicy(groupName: "devs", policyName: "inline"), "devs"),
        ("GetRolePolicy.xml", .getRolePolicy(roleName: "app", policyName: "inline"), "app"),
    ])
    func inlinePolicy(_ fixture: String, _ request: IAMRequest, _ entity: String) throws {
        let text = try FixtureFiles.text("moto/\(fixture)")
        #expect(text.contains("100%25%2Ba%20b"))  // the recording is encoded
        let response = try Self.decode(fixture, for: request)
        #expect(response.attributes == ["entity": .string(entity), "name": .string("inline"), "document": .string(Self.document)])
    }

    /// Decoded only when not already JSON, and `+` never becomes a space (percent rules, not form rules).
    @Test("inline document text", arguments: [
        (#"{"a":"%41+b"}"#, #"{"a":"%41+b"}"#),
        ("%7B%22a%22%3A%22%2541%2Bb%22%7D", #"{"a":"%41+b"}"#),
        ("%7B%22a%22%3A%22x+y%20z%22%7D", #"{"a":"x+y z"}"#),
        ("\n  {\"a\":1}\n", #"{"a":1}"#),
    ])
    func inlineDocumentText(_ wire: String, _ expected: String) throws {
        let escaped = wire.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        let xml = "<GetRolePolicyResponse><GetRolePolicyResult><RoleName>r</RoleName><PolicyName>p</PolicyName>"
            + "<PolicyDocument>\(escaped)</PolicyDocument></GetRolePolicyResult></GetRolePolicyResponse>"
        guard case let .success(root) = QueryResponse.classify(status: 200, body: Data(xml.utf8)) else {
            Issue.record("not XML")
            return
        }
        let response = IAMResponseDecoder.decode(root, for: .getRolePolicy(roleName: "r", policyName: "p"))
        #expect(response.attributes == ["entity": .string("r"), "name": .string("p"), "document": .string(expected)])
    }

    /// moto returns GetPolicyVersion's document raw (AWS encodes it): raw JSON must not be decoded.
    @Test func policyVersionWithRawDocument() throws {
        #expect(try FixtureFiles.text("moto/GetPolicyVersion.xml").contains("b/100%+a b"))
        let response = try Self.decode("GetPolicyVersion.xml", for: .getPolicyVersion(policyARN: "arn:aws:iam::123456789012:policy/reader", versionID: "v1"))
        #expect(response.attributes == ["version_id": .string("v1"), "is_default": .bool(false), "document": .string(Self.document)])
        #expect(response.defaultVersionID == nil)
    }

    /// AWS's own encoding of the same document (RFC 3986, as in the IAM API reference examples).
    @Test func policyVersionEncodedAsAWSDoes() throws {
        let xml = """
            <GetPolicyVersionResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><GetPolicyVersionResult><PolicyVersion>
            <Document>\(PercentEncoding.encode(Self.document))</Document><VersionId>v2</VersionId>
            <IsDefaultVersion>true</IsDefaultVersion><CreateDate>2026-11-29T12:00:00Z</CreateDate>
            </PolicyVersion></GetPolicyVersionResult></GetPolicyVersionResponse>
            """
        guard case let .success(root) = QueryResponse.classify(status: 200, body: Data(xml.utf8)) else {
            Issue.record("not XML")
            return
        }
        let response = IAMResponseDecoder.decode(root, for: .getPolicyVersion(policyARN: "arn:p", versionID: "v2"))
        #expect(response.attributes == ["version_id": .string("v2"), "is_default": .bool(true), "document": .string(Self.document)])
        #expect(response.defaultVersionID == "v2")
    }

    @Test func instanceProfileWithRoleAndTags() throws {
        let response = try Self.decode("GetInstanceProfile.xml", for: .getInstanceProfile(name: "web"))
        #expect(response.attributes == [
            "name": .string("web"), "path": .string("/srv/"), "arn": .string("arn:aws:iam::123456789012:instance-profile/srv/web"),
            "unique_id": .string("ly5cksclpdyoliu8owyv"), "create_date": .string("2026-11-29T14:46:37Z"), "tags": .stringMap(["k": "v"]),
            "roles": .stringList("app"),
        ])
        #expect(response.arn == "arn:aws:iam::123456789012:instance-profile/srv/web")
        #expect(response.uniqueID == "ly5cksclpdyoliu8owyv")
    }

    @Test func oidcProviderURLWithoutScheme() throws {
        let arn = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"
        let response = try Self.decode("GetOpenIDConnectProvider.xml", for: .getOpenIDConnectProvider(arn: arn))
        #expect(response.attributes == [
            "url": .string("token.actions.githubusercontent.com"), "client_ids": .stringList("sts.amazonaws.com"),
            "thumbprints": .stringList("6938fd4d98bab03faadb97b34396831e3780aea1"), "tags": .stringMap(["k": "v"]),
            "create_date": .string("2026-11-29T14:46:37Z"),
        ])
    }

    /// The name comes from the ARN; moto returns no Tags (it has no SAML tagging), read as none.
    @Test func samlProviderNameFromARN() throws {
        let arn = "arn:aws:iam::123456789012:saml-provider/corp-idp"
        let response = try Self.decode("GetSAMLProvider.xml", for: .getSAMLProvider(arn: arn))
        let attributes = try #require(response.attributes)
        #expect(attributes["name"] == .string("corp-idp"))
        #expect(attributes["tags"] == .object([]))
        #expect(attributes["create_date"] == .string("2026-11-29T14:46:37Z"))
        let metadata = try #require(attributes["metadata"]?.stringValue)
        #expect(metadata.hasPrefix(#"<EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.example.com">xxx"#))
        #expect(metadata.hasSuffix("x</EntityDescriptor>"))
        #expect(metadata.count == 1117)
        #expect(Set(attributes.keys) == ["name", "metadata", "tags", "create_date"])
    }

    /// moto reports MaxPasswordAge 0 for "never expires"; AWS omits it. Both mean unset.
    @Test func passwordPolicyOmitsUnsetAge() throws {
        let response = try Self.decode("GetAccountPasswordPolicy.xml", for: .getAccountPasswordPolicy)
        #expect(response.attributes == [
            "minimum_password_length": .number("14"), "require_symbols": .bool(true), "require_numbers": .bool(false),
            "require_uppercase_characters": .bool(false), "require_lowercase_characters": .bool(false),
            "allow_users_to_change_password": .bool(false), "password_reuse_prevention": .number("5"), "hard_expiry": .bool(false),
        ])
    }

    /// AWS leaves out what was never set (here: no reuse prevention, no hard expiry); so do the attributes.
    @Test func passwordPolicyAsAWSOmitsIt() throws {
        let xml = """
            <GetAccountPasswordPolicyResponse><GetAccountPasswordPolicyResult><PasswordPolicy>
            <AllowUsersToChangePassword>true</AllowUsersToChangePassword><RequireLowercaseCharacters>true</RequireLowercaseCharacters>
            <RequireUppercaseCharacters>true</RequireUppercaseCharacters><MinimumPasswordLength>12</MinimumPasswordLength>
            <RequireNumbers>true</RequireNumbers><RequireSymbols>true</RequireSymbols><ExpirePasswords>true</ExpirePasswords>
            <MaxPasswordAge>90</MaxPasswordAge></PasswordPolicy></GetAccountPasswordPolicyResult></GetAccountPasswordPolicyResponse>
            """
        guard case let .success(root) = QueryResponse.classify(status: 200, body: Data(xml.utf8)) else {
            Issue.record("not XML")
            return
        }
        #expect(IAMResponseDecoder.decode(root, for: .getAccountPasswordPolicy).attributes == [
            "minimum_password_length": .number("12"), "require_symbols": .bool(true), "require_numbers": .bool(true),
            "require_uppercase_characters": .bool(true), "require_lowercase_characters": .bool(true),
            "allow_users_to_change_password": .bool(true), "max_password_age": .number("90"),
        ])
    }

    @Test func accountAliases() throws {
        #expect(try Self.decode("ListAccountAliases.xml", for: .listAccountAliases).attributes == ["aliases": .stringList("acme-target")])
    }

    @Test("missing objects are NoSuchEntity (HTTP 404)", arguments: [
        ("GetLoginProfile-NoSuchEntity.xml", "The user with name nobody cannot be found."),
        ("GetUserPolicy-NoSuchEntity.xml", "Policy missing not found"),
        ("GetAccountPasswordPolicy-NoSuchEntity.xml", "The Password Policy with domain name 123456789012 cannot be found."),
        ("GetBucketPolicy-NoSuchBucketPolicy.xml", "The bucket policy does not exist"),
        ("GetBucketPolicy-NoSuchBucket.xml", "The specified bucket does not exist"),
    ])
    func missingIsNoSuchEntity(_ fixture: String, _ message: String) throws {
        let statuses = try JSONDecoder().decode([String: Int].self, from: FixtureFiles.data("moto/statuses.json"))
        let status = try #require(statuses[fixture])
        #expect(status == 404)
        guard case let .failure(error) = QueryResponse.classify(status: status, body: try FixtureFiles.data("moto/\(fixture)")) else {
            Issue.record("\(fixture) is not an error")
            return
        }
        #expect(error.code == .noSuchEntity)
        #expect(error.message == message)
        #expect(error.httpStatus == 404)
    }

    /// S3 answers GetBucketPolicy with the policy itself as the body (not XML, not encoded).
    @Test func bucketPolicyBodyIsTheDocument() throws {
        let body = try FixtureFiles.text("moto/GetBucketPolicy.json")
        #expect(body == Self.document)
        let statuses = try JSONDecoder().decode([String: Int].self, from: FixtureFiles.data("moto/statuses.json"))
        #expect(statuses["GetBucketPolicy.json"] == 200)
        #expect(statuses["HeadBucket.body"] == 200 && statuses["HeadBucket-missing.body"] == 404)
        #expect(try FixtureFiles.data("moto/HeadBucket-missing.body").isEmpty)
    }
}
